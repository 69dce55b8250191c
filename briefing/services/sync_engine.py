"""One sync pass: send this library's changes as records, read the other devices' records,
and put the merged result into the library (the fast index).

Local changes are found by comparing each annotation with the fingerprint of what the
records last put into the library, so nothing else in Briefing has to report its changes.
Records are read idempotently and in any order: the library's synced state is always the
merge (``briefing.sync.merge``) of every record seen.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.clock import utc_now
from briefing.domain import Annotation, Article
from briefing.export.w3c import ANNO_CONTEXT, annotations_to_w3c, w3c_to_annotations
from briefing.services.library import Library
from briefing.storage import annotations as annotation_store
from briefing.storage import articles as article_store
from briefing.storage import sync as sync_store
from briefing.sync.merge import Merged, merge_entity
from briefing.sync.records import (
    Record,
    RecordError,
    device_folder,
    flush_folder,
    list_records,
    read_record,
    write_record,
)

ARTICLE_IRI = "urn:briefing:article:"
DEVICE_IRI = "urn:briefing:device:"


@dataclass(frozen=True, slots=True)
class Identity:
    device: str
    name: str


@dataclass
class PassResult:
    sent: int = 0
    received: int = 0
    conflicts: int = 0
    problems: list[str] = field(default_factory=list)
    new_articles: list[Article] = field(default_factory=list)


# -------------------------------------------------------------------------- annotations


def annotation_json(annotation: Annotation, uid: str) -> dict[str, Any]:
    """The W3C Web Annotation JSON of ``annotation`` on the shared article ``uid``."""
    collection = annotations_to_w3c([annotation], lambda _i: ARTICLE_IRI + uid)
    item: dict[str, Any] = collection["first"]["items"][0]  # type: ignore[index]
    return {"@context": ANNO_CONTEXT, **item}


def fingerprint(item: dict[str, Any]) -> str:
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_annotation(conn: sqlite3.Connection, body: dict[str, Any]) -> Annotation | None:
    """The annotation in a record body, or None while its article has not arrived."""

    def resolve(source: str) -> int | None:
        if not source.startswith(ARTICLE_IRI):
            return None
        return sync_store.article_for_uid(conn, source[len(ARTICLE_IRI) :])

    target = body.get("target")
    source = target.get("source") if isinstance(target, dict) else None
    if isinstance(source, str) and resolve(source) is None and source.startswith(ARTICLE_IRI):
        return None
    return w3c_to_annotations(body, resolve)[0]


# ----------------------------------------------------------------------------- sending


def _new_record(ident: Identity, kind: str, entity: str, replaces: list[str],
                body: dict[str, Any]) -> Record:
    return Record(
        id=uuid.uuid4().hex, device=ident.device, author=ident.name, created=utc_now(),
        kind=kind, entity=entity, replaces=tuple(replaces), body=body,
    )


def _emit(conn: sqlite3.Connection, root: Path, record: Record) -> None:
    write_record(root, record, durable_folder=False)  # flushed once per pass (send)
    sync_store.insert_record(conn, record)


def send(lib: Library, ident: Identity, root: Path) -> int:
    """Write a record for every local change since the last pass; return how many."""
    sent = 0
    with lib.transaction() as conn:
        for article_id in sync_store.unmapped_article_ids(conn):
            article = article_store.get(conn, article_id)
            if article is None or sync_store.article_for_uid(conn, article.text_sha256):
                continue
            uid = article.text_sha256
            if not sync_store.record_ids_for(conn, uid):
                _emit(conn, root, _new_record(ident, "article", uid, [], _article_body(article)))
                sent += 1
            sync_store.map_article(conn, uid, article_id)
            sync_store.set_applied(conn, uid, "article", "", tuple(
                sync_store.record_ids_for(conn, uid)))
        uids = sync_store.uid_by_article(conn)
        prior = sync_store.applied(conn)
        current = annotation_store.all_annotations(conn)
        present = {a.id for a in current}
        for annotation in current:
            if annotation.article_id not in uids:
                continue
            item = annotation_json(annotation, uids[annotation.article_id])
            mark = fingerprint(item)
            before = prior.get(annotation.id)
            if before is not None and before.target == "annotation" and before.fingerprint == mark:
                continue
            if before is not None and before.target == "verdict":
                continue  # another reviewer's verdict is theirs to change
            _emit_annotation(conn, ident, root, annotation.id, item)
            sent += 1
        for entity, before in prior.items():
            if before.target != "annotation" or entity in present:
                continue
            if not _article_still_here(conn, entity):
                continue  # its article was deleted here: keep the others' notes
            record = _new_record(ident, "delete", entity,
                                 sync_store.record_ids_for(conn, entity), {})
            _emit(conn, root, record)
            sync_store.set_applied(conn, entity, "deleted", "", ())
            sent += 1
        if sent:
            flush_folder(device_folder(root, ident.device))
    return sent


def _emit_annotation(
    conn: sqlite3.Connection, ident: Identity, root: Path, entity: str, item: dict[str, Any]
) -> None:
    """Write a new version of annotation ``entity`` replacing every version seen here."""
    creator = {"id": DEVICE_IRI + ident.device, "type": "Person", "name": ident.name}
    record = _new_record(ident, "annotation", entity, sync_store.record_ids_for(conn, entity),
                         {**item, "creator": creator})
    _emit(conn, root, record)
    sync_store.set_applied(conn, entity, "annotation", fingerprint(item), (record.id,))


def send_choice(lib: Library, ident: Identity, root: Path, annotation: Annotation) -> None:
    """Store ``annotation`` (the version the user chose in a conflict) and send it as the
    version that replaces every one seen here."""
    with lib.transaction() as conn:
        annotation_store.upsert(conn, annotation)
        uid = sync_store.uid_by_article(conn)[annotation.article_id]
        stored = annotation_store.get(conn, annotation.id)
        assert stored is not None
        _emit_annotation(conn, ident, root, annotation.id, annotation_json(stored, uid))
    flush_folder(device_folder(root, ident.device))


def _article_body(article: Article) -> dict[str, Any]:
    return {
        "title": article.title, "text": article.text, "text_sha256": article.text_sha256,
        "source_url": article.source_url, "author": article.author,
        "published": article.published, "imported_at": article.imported_at,
    }


def _article_still_here(conn: sqlite3.Connection, entity: str) -> bool:
    shown = merge_entity(entity, sync_store.records_for(conn, entity)).shown
    if shown is None:
        return False
    source = shown.body.get("target", {}).get("source", "")
    return (
        isinstance(source, str)
        and source.startswith(ARTICLE_IRI)
        and sync_store.article_for_uid(conn, source[len(ARTICLE_IRI) :]) is not None
    )


# ---------------------------------------------------------------------------- receiving


def receive(lib: Library, ident: Identity, root: Path, result: PassResult) -> None:
    """Read every record not seen yet and put the merged state into the library."""
    known = sync_store.known_record_ids(lib.conn)
    fresh: list[Record] = []
    for entry in list_records(root):
        if entry.record_id in known:
            continue
        try:
            fresh.append(read_record(entry))
        except RecordError as problem:
            result.problems.append(f"{entry.path}: {problem}; kept and skipped")
    with lib.transaction() as conn:
        for record in fresh:
            sync_store.insert_record(conn, record)
        result.received += sum(1 for r in fresh if r.device != ident.device)
        entities = {r.entity for r in fresh} | set(sync_store.pending_entities(conn))
        merged = [merge_entity(e, sync_store.records_for(conn, e)) for e in sorted(entities)]
        for state in sorted(merged, key=lambda m: m.shown is None or m.shown.kind != "article"):
            try:
                _apply(conn, ident, state, result)
            except Exception as problem:  # a record whose content this library refuses
                shown = state.shown.id if state.shown else state.entity
                result.problems.append(f"record {shown}: {problem}; kept and skipped")
        result.conflicts = len(sync_store.conflicted_entities(conn))


def _apply(conn: sqlite3.Connection, ident: Identity, state: Merged, result: PassResult) -> None:
    head = state.shown
    if head is None:
        annotation_store.delete(conn, state.entity)
        sync_store.delete_reviewer_verdict(conn, state.entity)
        sync_store.set_applied(conn, state.entity, "deleted", "", ())
        return
    if head.kind == "article":
        _apply_article(conn, state, head, result)
        return
    annotation = read_annotation(conn, head.body)
    if annotation is None:
        return  # its article has not arrived yet: stays pending
    if annotation.id != state.entity:
        raise ValueError(f"it holds annotation {annotation.id}, not {state.entity}")
    if head.device != ident.device and _assessment(annotation):
        # Another reviewer's assessment of a claim: theirs, never this reader's own.
        annotation_store.delete(conn, state.entity)
        if annotation.verdict is None:  # undecided again: their note stays with them
            sync_store.delete_reviewer_verdict(conn, state.entity)
            sync_store.set_applied(conn, state.entity, "verdict", "", state.heads)
            return
        sync_store.upsert_reviewer_verdict(conn, sync_store.ReviewerVerdict(
            id=annotation.id, article_id=annotation.article_id,
            start=annotation.selector.start, end=annotation.selector.end,
            reviewer=head.device, reviewer_name=head.author, verdict=annotation.verdict,
            note=annotation.note, evidence=annotation.evidence,
            decided_at=annotation.modified or head.created,
        ))
        sync_store.set_applied(conn, state.entity, "verdict", "", state.heads)
        return
    sync_store.delete_reviewer_verdict(conn, state.entity)
    annotation_store.upsert(conn, annotation)
    stored = annotation_store.get(conn, annotation.id)
    assert stored is not None
    uid = head.body["target"]["source"][len(ARTICLE_IRI) :]
    mark = fingerprint(annotation_json(stored, uid))
    sync_store.set_applied(conn, state.entity, "annotation", mark, state.heads)


def _assessment(annotation: Annotation) -> bool:
    """A claim assessment (a verdict, or the colourless note given before deciding): it
    belongs to the reviewer who wrote it (``Annotation.assesses``)."""
    return annotation.verdict is not None or (annotation.color is None and not annotation.tags)


def _apply_article(
    conn: sqlite3.Connection, state: Merged, head: Record, result: PassResult
) -> None:
    uid = state.entity
    if sync_store.article_for_uid(conn, uid) is None:
        body = head.body
        existing = article_store.find_by_hash(conn, str(body["text_sha256"]))
        if existing is None:
            existing = article_store.insert(conn, Article(
                id=0, title=str(body.get("title") or "Untitled"), text=str(body["text"]),
                text_sha256=str(body["text_sha256"]), source_url=_opt(body, "source_url"),
                author=_opt(body, "author"), published=_opt(body, "published"),
                imported_at=_opt(body, "imported_at") or head.created,
            ))
            result.new_articles.append(existing)
        sync_store.map_article(conn, uid, existing.id)
    sync_store.set_applied(conn, uid, "article", "", state.heads)


def _opt(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) and value else None
