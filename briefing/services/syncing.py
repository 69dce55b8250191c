"""Sync between computers and across a desk: identity, the sync folder, a sync pass,
conflicts to resolve and every reviewer's verdicts (used by the CLI and the reader alike).
"""

from __future__ import annotations

import getpass
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing.clock import utc_now
from briefing.domain import Annotation, BriefingError, Span
from briefing.services.library import Library
from briefing.services.sync_engine import (
    Identity,
    PassResult,
    read_annotation,
    receive,
    send,
    send_choice,
)
from briefing.storage import sync as sync_store
from briefing.sync.merge import merge_entity
from briefing.sync.records import device_folder

DEVICE_KEY = "device_id"
NAME_KEY = "name"
FOLDER_KEY = "folder"
LAST_SYNC_KEY = "last_sync"


@dataclass(frozen=True, slots=True)
class SyncResult:
    sent: int
    received: int
    conflicts: int
    problems: tuple[str, ...]
    finished_at: str

    def summary(self) -> str:
        return f"sent {self.sent}, received {self.received}, conflicts {self.conflicts}"


@dataclass(frozen=True, slots=True)
class ConflictVersion:
    record_id: str
    author: str
    created: str
    annotation: Annotation


@dataclass(frozen=True, slots=True)
class Conflict:
    entity: str
    versions: tuple[ConflictVersion, ...]  # versions[0] is the one the library shows


def _default_name() -> str:
    try:
        return getpass.getuser() or "reader"
    except (OSError, KeyError, ImportError):
        return "reader"


def identity(lib: Library) -> Identity:
    """This computer's device id (made at first use) and the reader's display name."""
    device = sync_store.get_setting(lib.conn, DEVICE_KEY)
    if device is None:
        with lib.transaction() as conn:
            device = sync_store.get_setting(conn, DEVICE_KEY) or uuid.uuid4().hex
            sync_store.set_setting(conn, DEVICE_KEY, device)
    name = sync_store.get_setting(lib.conn, NAME_KEY) or _default_name()
    return Identity(device, name)


def set_name(lib: Library, name: str) -> Identity:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise BriefingError("the display name is empty")
    with lib.transaction() as conn:
        sync_store.set_setting(conn, NAME_KEY, cleaned)
    return identity(lib)


def sync_folder(lib: Library) -> Path | None:
    value = sync_store.get_setting(lib.conn, FOLDER_KEY)
    return Path(value) if value else None


def set_sync_folder(lib: Library, folder: Path | None) -> Path | None:
    """Make ``folder`` this library's sync folder (None: stop syncing)."""
    if folder is None:
        with lib.transaction() as conn:
            sync_store.set_setting(conn, FOLDER_KEY, None)
        return None
    chosen = folder.expanduser().resolve()
    if chosen.exists() and not chosen.is_dir():
        raise BriefingError(f"{chosen}: not a folder")
    try:
        device_folder(chosen, identity(lib).device).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BriefingError(f"{chosen}: cannot be used as the sync folder ({err})") from None
    with lib.transaction() as conn:
        sync_store.set_setting(conn, FOLDER_KEY, str(chosen))
    return chosen


def last_sync(lib: Library) -> str | None:
    return sync_store.get_setting(lib.conn, LAST_SYNC_KEY)


def run_sync(lib: Library, *, analyse: bool = True) -> SyncResult:
    """Send this library's changes to the sync folder and read what the others wrote."""
    root = sync_folder(lib)
    if root is None:
        raise BriefingError("no sync folder: choose one with `briefing sync folder PATH`")
    if not root.is_dir():
        raise BriefingError(f"{root}: the sync folder is missing (is its drive mounted?)")
    ident = identity(lib)
    result = PassResult()
    try:
        result.sent = send(lib, ident, root)
        receive(lib, ident, root, result)
    except OSError as err:
        raise BriefingError(f"{root}: {err.strerror or err}") from None
    if analyse:
        from briefing.services.articles import analysis_for

        for article in result.new_articles:
            analysis_for(lib, article)
    finished = utc_now()
    with lib.transaction() as conn:
        sync_store.set_setting(conn, LAST_SYNC_KEY, finished)
    return SyncResult(result.sent, result.received, result.conflicts,
                      tuple(result.problems), finished)


# ---------------------------------------------------------------------------- conflicts


def conflicts(lib: Library) -> list[Conflict]:
    """Notes edited on two devices at once: every version, for the user to choose."""
    found: list[Conflict] = []
    for entity in sync_store.conflicted_entities(lib.conn):
        state = merge_entity(entity, sync_store.records_for(lib.conn, entity))
        versions = []
        for record in state.live:
            annotation = read_annotation(lib.conn, record.body)
            if annotation is not None:
                versions.append(ConflictVersion(record.id, record.author, record.created,
                                                annotation))
        if len(versions) > 1:
            found.append(Conflict(entity, tuple(versions)))
    return found


def resolve_conflict(lib: Library, entity: str, keep: str) -> SyncResult:
    """Keep version ``keep`` (a record id) of a conflicting note and sync the choice."""
    for conflict in conflicts(lib):
        if conflict.entity != entity:
            continue
        for version in conflict.versions:
            if version.record_id == keep:
                root = sync_folder(lib)
                if root is None:
                    raise BriefingError("no sync folder: choose one with `briefing sync folder`")
                chosen = version.annotation.with_changes(modified=utc_now())
                send_choice(lib, identity(lib), root, chosen)
                return run_sync(lib)
        raise BriefingError(f"{entity}: no version {keep}; see `briefing sync conflicts`")
    raise BriefingError(f"{entity}: not a conflict waiting to be resolved")


# ----------------------------------------------------------------------------- verdicts


def reviewer_verdicts(lib: Library, article_id: int) -> list[sync_store.ReviewerVerdict]:
    """Every reviewer's verdicts on the article's claims, the reader's own named too."""
    local_name = _local_name(lib)
    return [
        v if v.reviewer else replace(v, reviewer_name=local_name)
        for v in sync_store.verdicts_for_article(lib.conn, article_id)
    ]


def claim_verdicts(lib: Library, article_id: int, span: Span) -> list[dict[str, Any]]:
    """Every reviewer's verdict on the claim at ``span``: this reader's first, then the
    others' by name — ``{"reviewer", "verdict", "note", "decided_at"}`` each."""
    found = sync_store.verdicts_for_span(lib.conn, article_id, span.start, span.end)
    return [_verdict_json(v, _local_name(lib)) for v in found]


def _local_name(lib: Library) -> str:
    return sync_store.get_setting(lib.conn, NAME_KEY) or _default_name()


def _verdict_json(v: sync_store.ReviewerVerdict, local_name: str) -> dict[str, Any]:
    return {
        "reviewer": local_name if v.reviewer == "" else v.reviewer_name or v.reviewer,
        "verdict": v.verdict,
        "note": v.note,
        "decided_at": v.decided_at,
    }


def add_verdicts(lib: Library, items: list[dict[str, Any]]) -> None:
    """Give each review item JSON (with ``article_id``, ``start``, ``end``) its
    ``verdicts`` list, as ``briefing review --json`` prints them (one query per article)."""
    by_article: dict[int, dict[tuple[int, int], list[dict[str, Any]]]] = {}
    for item in items:
        article_id = item["article_id"]
        if article_id not in by_article:
            by_article[article_id] = verdicts_by_span(lib, article_id)
        item["verdicts"] = list(by_article[article_id].get((item["start"], item["end"]), []))


def verdicts_by_article(
    lib: Library, article_ids: list[int]
) -> dict[int, dict[tuple[int, int], list[dict[str, Any]]]]:
    """:func:`verdicts_by_span` of many articles at once (article id -> span -> verdicts)."""
    local_name = _local_name(lib)
    found: dict[int, dict[tuple[int, int], list[dict[str, Any]]]] = {}
    for v in sync_store.verdicts_for_articles(lib.conn, article_ids):
        spans = found.setdefault(v.article_id, {})
        spans.setdefault((v.start, v.end), []).append(_verdict_json(v, local_name))
    return found


def verdicts_by_span(lib: Library, article_id: int) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """Every reviewer's verdicts on the claims of one article, by claim span (one query)."""
    local_name = _local_name(lib)
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for v in sync_store.verdicts_for_article(lib.conn, article_id):
        spans.setdefault((v.start, v.end), []).append(_verdict_json(v, local_name))
    return spans
