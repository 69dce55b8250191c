"""The analysis cache: one stored Analysis per (text hash, engine name, engine version).

Stored in columns (sentences, summaries, entities, mentions, claims, claim candidates,
language and layers), so the library can be queried by entity across articles.
"""

from __future__ import annotations

import json
import sqlite3

from briefing.domain import Analysis, Claim, EngineInfo, Entity, Span
from briefing.storage.entity_versions import entity_versions


def get(conn: sqlite3.Connection, text_sha256: str, engine: EngineInfo) -> Analysis | None:
    row = conn.execute(
        "SELECT id FROM analyses WHERE text_sha256 = ? AND engine_name = ? "
        "AND engine_version = ?",
        (text_sha256, engine.name, engine.version),
    ).fetchone()
    return _load(conn, int(row[0]), engine, text_sha256) if row else None


def put(conn: sqlite3.Connection, analysis: Analysis, created_at: str) -> None:
    """Store (or replace) an analysis, dropping the text's analyses by the older versions whose
    entities this one's engine still makes (one analysis per text among them, so the entity
    index never counts an article twice: :mod:`entity_versions`). Call inside a
    transaction."""
    engine = analysis.engine
    conn.execute(
        "DELETE FROM analyses WHERE text_sha256 = ? AND engine_name = ? "
        "AND engine_version IN (SELECT value FROM json_each(?))",
        (analysis.text_sha256, engine.name, json.dumps(entity_versions(engine))),
    )
    aid = conn.execute(
        "INSERT INTO analyses (text_sha256, engine_name, engine_version, created_at, language, "
        "layers) VALUES (?, ?, ?, ?, ?, ?)",
        (
            analysis.text_sha256,
            engine.name,
            engine.version,
            created_at,
            analysis.language,
            json.dumps(analysis.layers, sort_keys=True),
        ),
    ).lastrowid
    conn.executemany(
        'INSERT INTO analysis_sentences (analysis_id, idx, start, "end") VALUES (?, ?, ?, ?)',
        [(aid, i, s.start, s.end) for i, s in enumerate(analysis.sentences)],
    )
    conn.executemany(
        "INSERT INTO analysis_summaries (analysis_id, length, position, sentence_idx) "
        "VALUES (?, ?, ?, ?)",
        [
            (aid, length, pos, idx)
            for length, indices in analysis.summaries.items()
            for pos, idx in enumerate(indices)
        ],
    )
    for i, entity in enumerate(analysis.entities):
        conn.execute(
            "INSERT INTO analysis_entities (analysis_id, idx, entity_key, name, label) "
            "VALUES (?, ?, ?, ?, ?)",
            (aid, i, entity.id, entity.name, entity.label),
        )
        conn.executemany(
            "INSERT INTO analysis_entity_aliases (analysis_id, entity_idx, position, alias) "
            "VALUES (?, ?, ?, ?)",
            [(aid, i, p, alias) for p, alias in enumerate(entity.aliases)],
        )
        conn.executemany(
            'INSERT INTO analysis_mentions (analysis_id, entity_idx, position, start, "end") '
            "VALUES (?, ?, ?, ?, ?)",
            [(aid, i, p, m.start, m.end) for p, m in enumerate(entity.mentions)],
        )
    _put_entity_refs(conn, aid, analysis.entities)
    for i, claim in enumerate(analysis.claims):
        conn.execute(
            'INSERT INTO analysis_claims (analysis_id, idx, start, "end", score, kind, speaker, '
            "hedged) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, i, claim.start, claim.end, claim.score, claim.kind, claim.speaker,
             int(claim.hedged)),
        )
        conn.executemany(
            "INSERT INTO analysis_claim_hedges (analysis_id, claim_idx, position, word) "
            "VALUES (?, ?, ?, ?)",
            [(aid, i, p, word) for p, word in enumerate(claim.hedges)],
        )
    conn.executemany(
        'INSERT INTO analysis_claim_candidates (analysis_id, idx, start, "end", score, kind, '
        "speaker, hedges) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (aid, i, c.start, c.end, c.score, c.kind, c.speaker, json.dumps(list(c.hedges)))
            for i, c in enumerate(analysis.claim_candidates)
        ],
    )


def _put_entity_refs(
    conn: sqlite3.Connection, aid: int | None, entities: tuple[Entity, ...]
) -> None:
    """The cross-article index's rows of one analysis (schema_v15.sql): each named entity
    with its merge key and mention count, and its aliases other than its name."""
    from briefing.analysis.entity_keys import INDEXED_LABELS, merge_key

    named = [(i, e) for i, e in enumerate(entities) if e.label in INDEXED_LABELS]
    conn.executemany(
        "INSERT INTO entity_refs (analysis_id, entity_idx, merge_key, name, label, mentions) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(aid, i, merge_key(e.name, e.label), e.name, e.label, len(e.mentions))
         for i, e in named],
    )  # fmt: skip
    conn.executemany(
        "INSERT OR IGNORE INTO entity_ref_aliases (analysis_id, entity_idx, alias, alias_key) "
        "VALUES (?, ?, ?, ?)",
        [(aid, i, alias, merge_key(alias, e.label))
         for i, e in named for alias in e.aliases if alias != e.name],
    )  # fmt: skip


def _load(conn: sqlite3.Connection, aid: int, engine: EngineInfo, sha: str) -> Analysis:
    sentences = tuple(
        Span(start, end)
        for start, end in conn.execute(
            'SELECT start, "end" FROM analysis_sentences WHERE analysis_id = ? ORDER BY idx',
            (aid,),
        )
    )
    summaries: dict[str, list[int]] = {}
    for length, idx in conn.execute(
        "SELECT length, sentence_idx FROM analysis_summaries WHERE analysis_id = ? "
        "ORDER BY length, position",
        (aid,),
    ):
        summaries.setdefault(length, []).append(idx)
    aliases: dict[int, list[str]] = {}
    for idx, alias in conn.execute(
        "SELECT entity_idx, alias FROM analysis_entity_aliases WHERE analysis_id = ? "
        "ORDER BY entity_idx, position",
        (aid,),
    ):
        aliases.setdefault(idx, []).append(alias)
    mentions: dict[int, list[Span]] = {}
    for idx, start, end in conn.execute(
        'SELECT entity_idx, start, "end" FROM analysis_mentions WHERE analysis_id = ? '
        "ORDER BY entity_idx, position",
        (aid,),
    ):
        mentions.setdefault(idx, []).append(Span(start, end))
    entities = tuple(
        Entity(key, name, label, tuple(aliases.get(idx, ())), tuple(mentions.get(idx, ())))
        for idx, key, name, label in conn.execute(
            "SELECT idx, entity_key, name, label FROM analysis_entities WHERE analysis_id = ? "
            "ORDER BY idx",
            (aid,),
        )
    )
    hedges: dict[int, list[str]] = {}
    for idx, word in conn.execute(
        "SELECT claim_idx, word FROM analysis_claim_hedges WHERE analysis_id = ? "
        "ORDER BY claim_idx, position",
        (aid,),
    ):
        hedges.setdefault(idx, []).append(word)
    claims = tuple(
        Claim(start, end, score, kind, speaker, bool(hedged), tuple(hedges.get(idx, ())))
        for idx, start, end, score, kind, speaker, hedged in conn.execute(
            'SELECT idx, start, "end", score, kind, speaker, hedged FROM analysis_claims '
            "WHERE analysis_id = ? ORDER BY idx",
            (aid,),
        )
    )
    candidates = tuple(
        Claim(start, end, score, kind, speaker, hedges != "[]", tuple(json.loads(hedges)))
        for start, end, score, kind, speaker, hedges in conn.execute(
            'SELECT start, "end", score, kind, speaker, hedges FROM analysis_claim_candidates '
            "WHERE analysis_id = ? ORDER BY idx",
            (aid,),
        )
    )
    language, layers = conn.execute(
        "SELECT language, layers FROM analyses WHERE id = ?", (aid,)
    ).fetchone()
    return Analysis(
        engine=engine,
        text_sha256=sha,
        sentences=sentences,
        summaries={k: tuple(v) for k, v in summaries.items()},
        entities=entities,
        claims=claims,
        claim_candidates=candidates,
        language=language,
        layers=dict(json.loads(layers)),
    )
