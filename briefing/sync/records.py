"""Sync records: the write-once files each device leaves under ``PATH/devices/<device-id>/``.

A record is one JSON object in ``<record id>.json``::

    {"format": "briefing-sync", "version": 1, "id": "<uuid hex>", "device": "<device id>",
     "author": "<display name>", "created": "<ISO 8601 UTC>", "kind": "article|annotation|delete",
     "entity": "<stable id>", "replaces": ["<record ids this version saw>"], "body": {...}}

Articles carry their text, metadata and ``text_sha256`` (the entity is the hash of the text
when first shared); annotations carry W3C Web Annotation JSON (the entity is its
``urn:uuid`` id); an edit is a new record for the same entity that ``replaces`` every
version its writer had seen; a deletion is a ``delete`` record (tombstone) doing the same.
Files are written to a temporary name, flushed to disk and renamed: never modified after.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "briefing-sync"
VERSION = 1
KINDS = ("article", "annotation", "delete")
DEVICES = "devices"
_ID = re.compile(r"^[0-9a-f]{32}$")


class RecordError(Exception):
    """A record file that cannot be read (damaged, or written by a newer Briefing)."""


@dataclass(frozen=True, slots=True)
class Record:
    """One record as read from (or written to) the sync folder."""

    id: str
    device: str
    author: str
    created: str
    kind: str
    entity: str
    replaces: tuple[str, ...] = ()
    body: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "device": self.device,
            "author": self.author,
            "created": self.created,
            "kind": self.kind,
            "entity": self.entity,
            "replaces": list(self.replaces),
            "body": self.body,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_record(
    data: object, *, device: str | None = None, record_id: str | None = None
) -> Record:
    """Validate a record's JSON (the device folder and file name it came from, when given)."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as err:
            raise RecordError(f"not JSON ({err})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError("not a Briefing sync record")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise RecordError(f"format version {version!r} is not a number")
    if version > VERSION:
        raise RecordError(
            f"format version {version} comes from a newer Briefing (this one reads {VERSION})"
        )
    strings = {key: data.get(key) for key in ("id", "device", "author", "created", "kind",
                                                "entity")}
    for key, value in strings.items():
        if not isinstance(value, str):
            raise RecordError(f"field {key!r} is missing or not text")
    replaces = data.get("replaces")
    body = data.get("body")
    if not isinstance(replaces, list) or not all(isinstance(r, str) for r in replaces):
        raise RecordError("field 'replaces' is not a list of record ids")
    if not isinstance(body, dict):
        raise RecordError("field 'body' is not an object")
    record = Record(
        id=str(strings["id"]), device=str(strings["device"]), author=str(strings["author"]),
        created=str(strings["created"]), kind=str(strings["kind"]),
        entity=str(strings["entity"]), replaces=tuple(replaces), body=body,
    )
    if not _ID.match(record.id) or record.kind not in KINDS or not record.entity:
        raise RecordError("its id, kind or entity is not valid")
    if record_id is not None and record.id != record_id:
        raise RecordError(f"it holds record {record.id}, not {record_id}")
    if device is not None and record.device != device:
        raise RecordError(f"it names device {record.device}, not its folder {device}")
    if record.kind == "article":
        text = body.get("text")
        if not isinstance(text, str) or text_sha256(text) != body.get("text_sha256"):
            raise RecordError("its article text does not match its text_sha256")
    return record


# ------------------------------------------------------------------------------- folder


def device_folder(root: Path, device: str) -> Path:
    return root / DEVICES / device


def write_record(root: Path, record: Record, *, durable_folder: bool = True) -> Path:
    """Write ``record`` once: temporary name, flush to disk, rename into place (and flush the
    folder, unless the caller does it once for many records: ``flush_folder``)."""
    folder = device_folder(root, record.device)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{record.id}.json"
    temporary = folder / f".{record.id}.json.tmp"
    data = record.dumps().encode("utf-8")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, final)
    if durable_folder:
        flush_folder(folder)
    return final


def flush_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; the rename is durable enough there
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class FolderEntry:
    device: str
    record_id: str
    path: Path


def list_records(root: Path) -> Iterator[FolderEntry]:
    """Every record file under ``root/devices`` (temporary and foreign files are skipped)."""
    devices = root / DEVICES
    if not devices.is_dir():
        return
    for device_dir in sorted(devices.iterdir()):
        if not device_dir.is_dir() or device_dir.name.startswith("."):
            continue
        for path in sorted(device_dir.iterdir()):
            name = path.name
            if name.startswith(".") or not name.endswith(".json"):
                continue
            yield FolderEntry(device_dir.name, name[: -len(".json")], path)


def read_record(entry: FolderEntry) -> Record:
    try:
        raw = entry.path.read_bytes()
    except OSError as err:
        raise RecordError(f"cannot be read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError("is not UTF-8 text") from None
    return parse_record(text, device=entry.device, record_id=entry.record_id)
