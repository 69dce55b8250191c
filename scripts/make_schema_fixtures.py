"""Databases as every earlier Briefing schema version left them, filled with a row in each
table that version has: the fixtures the upgrade tests migrate.

``make_database(path, version)`` builds one with the shipped migrations 1..version; run as
a script it writes ``library-vN.sqlite3`` for every version into a folder:
``.venv/bin/python scripts/make_schema_fixtures.py OUT_DIR``. The tests build them fresh in a
temporary folder (binary fixtures are not committed).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from briefing.storage.migrations import latest_version, migrate

TEXT = "Officials said about 75% of the region was held.\nThe mayor denied it on Tuesday."
ROWS_BY_VERSION: dict[int, list[tuple[str, tuple[object, ...]]]] = {
    1: [
        ("INSERT INTO articles (id, title, imported_at, text, text_sha256, revision) "
         "VALUES (1, 'Kept', '2025-01-01T00:00:00Z', ?, 'sha-1', 1)", (TEXT,)),
        ("INSERT INTO revisions VALUES (1, 1, ?, 'sha-1', '2025-01-01T00:00:00Z')", (TEXT,)),
        ("INSERT INTO analyses (id, text_sha256, engine_name, engine_version, created_at) "
         "VALUES (1, 'sha-1', 'builtin', '0.9.0', 't')", ()),
        ("INSERT INTO analysis_sentences VALUES (1, 0, 0, 49)", ()),
        ("INSERT INTO analysis_summaries VALUES (1, 'headline', 0, 0)", ()),
        ("INSERT INTO analysis_entities VALUES (1, 0, 'e1', 'Tuesday', 'DATE')", ()),
        ("INSERT INTO analysis_entity_aliases VALUES (1, 0, 0, 'Tuesday')", ()),
        ("INSERT INTO analysis_mentions VALUES (1, 0, 0, 73, 80)", ()),
        ("INSERT INTO analysis_claims VALUES (1, 0, 0, 49, 0.9, 'statistic', 'Officials', 1)",
         ()),
        ("INSERT INTO analysis_claim_hedges VALUES (1, 0, 0, 'about')", ()),
        ("INSERT INTO annotations (id, article_id, start, \"end\", exact, prefix, suffix, color, "
         "note, verdict, evidence, anchor, created, modified) VALUES ('urn:uuid:a1', 1, 20, "
         "29, 'about 75%', '', '', 'yellow', 'my note', NULL, NULL, 'exact', 't', 't')", ()),
        ("INSERT INTO annotations (id, article_id, start, \"end\", exact, prefix, suffix, color, "
         "note, verdict, evidence, anchor, created, modified) VALUES ('urn:uuid:a2', 1, 0, "
         "49, 'Officials said', '', '', NULL, '', 'disputed', 'https://e.org', 'exact', 't', "
         "'t')", ()),
        ("INSERT INTO annotation_tags VALUES ('urn:uuid:a1', 'to-check')", ()),
        ("INSERT INTO briefs VALUES (1, 'Morning', 't')", ()),
        ("INSERT INTO brief_articles VALUES (1, 1, 0)", ()),
    ],
    2: [],  # review stamps are a column filled by triggers
    3: [
        ("INSERT INTO feeds (id, url, title, added_at) VALUES (1, 'https://e.org/rss', 'E', "
         "'t')", ()),
        ("INSERT INTO feed_entries (feed_id, entry_key, link, article_id, seen_at) VALUES "
         "(1, 'guid-1', 'https://e.org/1', 1, 't')", ()),
        ("INSERT INTO followed_entities VALUES ('Kyiv', 't')", ()),
    ],
    4: [
        ("INSERT INTO llm_results (id, article_id, kind, text, provider, model, created_at, "
         "prompt_version, supported_share, source_sha256) VALUES (1, 1, 'summary', "
         "'Most of the region is held.', 'http://127.0.0.1:11434/v1', 'm', 't', 'p1', 1.0, "
         "'sha-1')", ()),
        ("INSERT INTO llm_result_sentences VALUES (1, 0, 0, 27, 'Most of the region is held.', "
         "1, 0.8)", ()),
        ("INSERT INTO llm_sentence_sources VALUES (1, 0, 0, 0, 0, 49)", ()),
        ("INSERT INTO llm_unsupported_terms VALUES (1, 0, 0, 'number', '80')", ()),
    ],
    5: [
        ("INSERT INTO llm_brief_results (id, brief_id, text, provider, model, created_at, "
         "prompt_version, supported_share) VALUES (1, 1, 'Most of the region is held.', "
         "'http://127.0.0.1:11434/v1', 'm', 't', 'p1', 1.0)", ()),
        ("INSERT INTO llm_brief_result_articles VALUES (1, 0, 1, 'sha-1')", ()),
        ("INSERT INTO llm_brief_sentences VALUES (1, 0, 0, 27, 'Most of the region is held.', "
         "1, 0.8)", ()),
        ("INSERT INTO llm_brief_sources VALUES (1, 0, 0, 1, 0, 0, 49)", ()),
        ("INSERT INTO llm_brief_terms VALUES (1, 0, 0, 'number', '80')", ()),
    ],
    6: [
        ("INSERT INTO reading_positions VALUES (1, 49, 'The mayor denied it on Tuesday.', "
         "'t')", ()),
    ],
    7: [],  # the word-count column is filled by the migration itself
    8: [  # sync and per-reviewer verdicts (the local reader's are mirrored by triggers)
        ("INSERT INTO sync_settings VALUES ('device_id', 'd1')", ()),
        ("INSERT INTO sync_records VALUES ('r1', 'd2', 'delete', 'urn:uuid:x', '{}')", ()),
        ("INSERT INTO sync_applied VALUES ('urn:uuid:x', 'deleted', '', '[]')", ()),
        ("INSERT INTO sync_articles VALUES ('sha-1', 1)", ()),
        ("INSERT INTO claim_verdicts VALUES ('urn:uuid:v2', 1, 0, 49, 'd2', 'Bo', 'false', '', "
         "NULL, 't')", ()),
    ],
    9: [
        ("INSERT INTO maintenance VALUES ('integrity_checked_at', '2025-01-01T00:00:00Z')", ()),
    ],
    10: [
        ("INSERT INTO analysis_claim_candidates VALUES (1, 0, 0, 49, 0.5, 'statistic', NULL, "
         "'[\"about\"]')", ()),
    ],
    11: [  # browser capture (schema_v11.sql): a paired token's hash and one capture
        ("INSERT INTO capture_tokens (id, label, token_hash, created_at) VALUES (1, 'Firefox', "
         "'0f1e2d', 't')", ()),
        ("INSERT INTO captures VALUES ('5b0e8a4e-0000-4000-8000-000000000001', 1, "
         "'urn:uuid:a1', 1, 't')", ()),
    ],
    12: [],  # structure, warnings and metadata sources: new columns with empty defaults
    13: [],  # an index only (the library list's import order)
    14: [  # stored story clustering: one article's features, index entry and story
        ("INSERT INTO story_features VALUES (1, 'abc', 20000, 'four charged over the leeds "
         "bank raid', '{}')", ()),
        ("INSERT INTO story_df VALUES ('leed', 1)", ()),
        ("INSERT INTO story_postings VALUES ('leed', 20000, 1)", ()),
        ("INSERT INTO story_assignments VALUES (1, 1, 0.0)", ()),
        ("INSERT INTO stories VALUES (1, 1, 20000, 20000, 0.0, '[]', '[]')", ()),
        ("INSERT INTO story_claims VALUES (1, '1:abc', '[]')", ()),
        ("INSERT OR IGNORE INTO story_queue VALUES (1)", ()),
        ("INSERT INTO story_broken VALUES (1)", ()),
    ],
    15: [  # the entity index (schema_v15.sql): a named entity with its merge key, an alias
        ("INSERT INTO entity_refs VALUES (1, 0, 'tuesday', 'Tuesday', 'MISC', 1)", ()),
        ("INSERT INTO entity_ref_aliases VALUES (1, 0, 'Tue', 'tue')", ()),
    ],
    16: [],  # an index only (the library list's first screen by date)
}


def make_database(path: Path, version: int) -> dict[str, int]:
    """Create ``path`` at schema ``version`` with rows in every table; returns row counts."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, target=version)
    conn.execute("BEGIN")
    for v in range(1, version + 1):
        for sql, params in ROWS_BY_VERSION.get(v, []):
            conn.execute(sql, params)
    conn.execute("COMMIT")
    counts = {
        name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'"
        )
    }
    conn.close()
    return counts


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "schema-fixtures")
    out.mkdir(parents=True, exist_ok=True)
    for version in range(1, latest_version() + 1):
        target = out / f"library-v{version}.sqlite3"
        target.unlink(missing_ok=True)
        print(target, make_database(target, version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
