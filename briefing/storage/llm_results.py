"""Stored language-model results: one row per summary or claim explanation of an article,
one row per generated sentence with its grounding verdict, the article sentences backing it
and the numbers/names the article does not contain (schema_v4.sql); the same for summaries
of a whole brief, whose source sentences also name their article (schema_v5.sql).

The record types live in briefing.domain.llm_results; writes belong in a transaction.
"""

from __future__ import annotations

import sqlite3

from briefing.domain import Span
from briefing.domain.llm_results import EXPLAIN as EXPLAIN
from briefing.domain.llm_results import KINDS as KINDS
from briefing.domain.llm_results import SUMMARY as SUMMARY
from briefing.domain.llm_results import SourceRef as SourceRef
from briefing.domain.llm_results import StoredBriefResult as StoredBriefResult
from briefing.domain.llm_results import StoredLlmResult as StoredLlmResult
from briefing.domain.llm_results import StoredSentence as StoredSentence

_COLUMNS = (
    "id, article_id, kind, claim_start, claim_end, claim_text, text, provider, model, "
    "created_at, prompt_version, supported_share, source_sha256"
)


def insert(conn: sqlite3.Connection, result: StoredLlmResult) -> int:
    """Store ``result`` (its ``id`` is ignored) and return the new id. In a transaction."""
    if result.kind not in KINDS:
        raise ValueError(f"unknown language-model result kind {result.kind!r}")
    claim = result.claim
    cursor = conn.execute(
        f"INSERT INTO llm_results ({_COLUMNS.removeprefix('id, ')}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            result.article_id,
            result.kind,
            claim.start if claim else None,
            claim.end if claim else None,
            result.claim_text,
            result.text,
            result.provider,
            result.model,
            result.created_at,
            result.prompt_version,
            result.supported_share,
            result.source_sha256,
        ),
    )
    rid = int(cursor.lastrowid or 0)
    conn.executemany(
        'INSERT INTO llm_result_sentences (result_id, idx, start, "end", text, supported, '
        "score) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (rid, i, s.start, s.end, s.text, int(s.supported), s.score)
            for i, s in enumerate(result.sentences)
        ],
    )
    conn.executemany(
        "INSERT INTO llm_sentence_sources (result_id, sentence_idx, position, source_idx, "
        'start, "end") VALUES (?, ?, ?, ?, ?, ?)',
        [
            (rid, i, p, ref.index, ref.start, ref.end)
            for i, s in enumerate(result.sentences)
            for p, ref in enumerate(s.sources)
        ],
    )
    conn.executemany(
        "INSERT INTO llm_unsupported_terms (result_id, sentence_idx, position, term_kind, term) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (rid, i, p, kind, term)
            for i, s in enumerate(result.sentences)
            for p, (kind, term) in enumerate(
                [("number", n) for n in s.unsupported_numbers]
                + [("name", n) for n in s.unsupported_names]
            )
        ],
    )
    return rid


def replace(conn: sqlite3.Connection, result: StoredLlmResult) -> int:
    """Store ``result`` in place of the article's earlier result of the same kind (and, for
    an explanation, the same claim span). In a transaction. Returns the new id."""
    if result.claim is None:
        conn.execute(
            "DELETE FROM llm_results WHERE article_id = ? AND kind = ? AND claim_start IS NULL",
            (result.article_id, result.kind),
        )
    else:
        conn.execute(
            "DELETE FROM llm_results WHERE article_id = ? AND kind = ? AND claim_start = ? "
            "AND claim_end = ?",
            (result.article_id, result.kind, result.claim.start, result.claim.end),
        )
    return insert(conn, result)


def for_article(conn: sqlite3.Connection, article_id: int) -> list[StoredLlmResult]:
    """The article's results, newest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM llm_results WHERE article_id = ? "
        "ORDER BY created_at DESC, id DESC",
        (article_id,),
    ).fetchall()
    return [_load(conn, row) for row in rows]


def get(conn: sqlite3.Connection, result_id: int) -> StoredLlmResult | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM llm_results WHERE id = ?", (result_id,)).fetchone()
    return _load(conn, row) if row else None


def delete(conn: sqlite3.Connection, result_id: int) -> bool:
    """Delete one result (with its sentences); False when there was none. In a transaction."""
    return conn.execute("DELETE FROM llm_results WHERE id = ?", (result_id,)).rowcount > 0


def _load(conn: sqlite3.Connection, row: tuple) -> StoredLlmResult:
    rid = int(row[0])
    sources: dict[int, list[SourceRef]] = {}
    for idx, source_idx, start, end in conn.execute(
        'SELECT sentence_idx, source_idx, start, "end" FROM llm_sentence_sources '
        "WHERE result_id = ? ORDER BY sentence_idx, position",
        (rid,),
    ):
        sources.setdefault(idx, []).append(SourceRef(source_idx, start, end))
    terms: dict[tuple[int, str], list[str]] = {}
    for idx, kind, term in conn.execute(
        "SELECT sentence_idx, term_kind, term FROM llm_unsupported_terms WHERE result_id = ? "
        "ORDER BY sentence_idx, position",
        (rid,),
    ):
        terms.setdefault((idx, kind), []).append(term)
    sentences = tuple(
        StoredSentence(
            text=text,
            start=start,
            end=end,
            supported=bool(supported),
            score=float(score),
            sources=tuple(sources.get(idx, ())),
            unsupported_numbers=tuple(terms.get((idx, "number"), ())),
            unsupported_names=tuple(terms.get((idx, "name"), ())),
        )
        for idx, start, end, text, supported, score in conn.execute(
            'SELECT idx, start, "end", text, supported, score FROM llm_result_sentences '
            "WHERE result_id = ? ORDER BY idx",
            (rid,),
        )
    )
    claim_start, claim_end = row[3], row[4]
    return StoredLlmResult(
        id=rid,
        article_id=int(row[1]),
        kind=str(row[2]),
        claim=Span(claim_start, claim_end) if claim_start is not None else None,
        claim_text=row[5],
        text=row[6],
        provider=row[7],
        model=row[8],
        created_at=row[9],
        prompt_version=row[10],
        supported_share=float(row[11]),
        source_sha256=row[12],
        sentences=sentences,
    )


_BRIEF_COLUMNS = (
    "id, brief_id, text, provider, model, created_at, prompt_version, supported_share"
)


def replace_brief(conn: sqlite3.Connection, result: StoredBriefResult) -> int:
    """Store ``result`` in place of the brief's earlier summary (its ``id`` is ignored). In a
    transaction. Returns the new id."""
    conn.execute("DELETE FROM llm_brief_results WHERE brief_id = ?", (result.brief_id,))
    cursor = conn.execute(
        f"INSERT INTO llm_brief_results ({_BRIEF_COLUMNS.removeprefix('id, ')}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (result.brief_id, result.text, result.provider, result.model, result.created_at,
         result.prompt_version, result.supported_share),
    )
    rid = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO llm_brief_result_articles VALUES (?, ?, ?, ?)",
        [(rid, p, aid, sha) for p, (aid, sha) in enumerate(result.articles)],
    )
    conn.executemany(
        'INSERT INTO llm_brief_sentences (result_id, idx, start, "end", text, supported, score) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(rid, i, s.start, s.end, s.text, int(s.supported), s.score)
         for i, s in enumerate(result.sentences)],
    )
    conn.executemany(
        "INSERT INTO llm_brief_sources (result_id, sentence_idx, position, article_id, "
        'source_idx, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
        [(rid, i, p, ref.article_id, ref.index, ref.start, ref.end)
         for i, s in enumerate(result.sentences) for p, ref in enumerate(s.sources)],
    )
    conn.executemany(
        "INSERT INTO llm_brief_terms VALUES (?, ?, ?, ?, ?)",
        [(rid, i, p, kind, term) for i, s in enumerate(result.sentences)
         for p, (kind, term) in enumerate(
             [("number", n) for n in s.unsupported_numbers]
             + [("name", n) for n in s.unsupported_names])],
    )
    return rid


def for_brief(conn: sqlite3.Connection, brief_id: int) -> StoredBriefResult | None:
    """The brief's newest stored summary, or None."""
    row = conn.execute(
        f"SELECT {_BRIEF_COLUMNS} FROM llm_brief_results WHERE brief_id = ? "
        "ORDER BY created_at DESC, id DESC LIMIT 1",
        (brief_id,),
    ).fetchone()
    if row is None:
        return None
    rid = int(row[0])
    sources: dict[int, list[SourceRef]] = {}
    for idx, article_id, source_idx, start, end in conn.execute(
        'SELECT sentence_idx, article_id, source_idx, start, "end" FROM llm_brief_sources '
        "WHERE result_id = ? ORDER BY sentence_idx, position",
        (rid,),
    ):
        sources.setdefault(idx, []).append(SourceRef(source_idx, start, end, article_id))
    terms: dict[tuple[int, str], list[str]] = {}
    for idx, kind, term in conn.execute(
        "SELECT sentence_idx, term_kind, term FROM llm_brief_terms WHERE result_id = ? "
        "ORDER BY sentence_idx, position",
        (rid,),
    ):
        terms.setdefault((idx, kind), []).append(term)
    sentences = tuple(
        StoredSentence(text, start, end, bool(supported), float(score),
                       tuple(sources.get(idx, ())), tuple(terms.get((idx, "number"), ())),
                       tuple(terms.get((idx, "name"), ())))
        for idx, start, end, text, supported, score in conn.execute(
            'SELECT idx, start, "end", text, supported, score FROM llm_brief_sentences '
            "WHERE result_id = ? ORDER BY idx",
            (rid,),
        )
    )
    articles = tuple(
        (int(aid), str(sha)) for aid, sha in conn.execute(
            "SELECT article_id, source_sha256 FROM llm_brief_result_articles "
            "WHERE result_id = ? ORDER BY position",
            (rid,),
        )
    )
    return StoredBriefResult(
        id=rid, brief_id=int(row[1]), text=row[2], provider=row[3], model=row[4],
        created_at=row[5], prompt_version=row[6], supported_share=float(row[7]),
        articles=articles, sentences=sentences,
    )
