-- Schema version 8: sync between computers and per-reviewer verdicts.
-- The sync folder's records are mirrored here (sync_records) so that merging is a function
-- of the set of records seen; sync_applied remembers what each record set put into the
-- library (to find local changes to send and conflicts waiting); sync_articles maps an
-- article's id across devices (the hash of its text when first shared) to the local row.
CREATE TABLE sync_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sync_records (
    id       TEXT PRIMARY KEY,
    device   TEXT NOT NULL,
    kind     TEXT NOT NULL,
    entity   TEXT NOT NULL,
    record   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sync_records_entity ON sync_records(entity);
CREATE TABLE sync_applied (
    entity      TEXT PRIMARY KEY,
    target      TEXT NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT '',
    heads       TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE TABLE sync_articles (
    uid        TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Verdicts per reviewer. reviewer '' is this library's own reader, whose verdicts stay on
-- their assessment annotations (so everything that worked with one reader still does) and
-- are mirrored here by the triggers below; other reviewers' verdicts arrive by sync.
CREATE TABLE claim_verdicts (
    id            TEXT PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    reviewer      TEXT NOT NULL,
    reviewer_name TEXT NOT NULL DEFAULT '',
    verdict       TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    evidence      TEXT,
    decided_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX claim_verdicts_span ON claim_verdicts(article_id, start, "end");
INSERT INTO claim_verdicts (id, article_id, start, "end", reviewer, verdict, note, evidence,
                            decided_at)
    SELECT id, article_id, start, "end", '', verdict, note, evidence,
           coalesce(reviewed_at, modified)
    FROM annotations WHERE verdict IS NOT NULL AND anchor != 'orphaned';
CREATE TRIGGER claim_verdicts_local_ai AFTER INSERT ON annotations
WHEN new.verdict IS NOT NULL AND new.anchor != 'orphaned' BEGIN
    INSERT OR REPLACE INTO claim_verdicts (id, article_id, start, "end", reviewer, verdict, note,
                                           evidence, decided_at)
    VALUES (new.id, new.article_id, new.start, new."end", '', new.verdict, new.note,
            new.evidence, coalesce(new.reviewed_at, new.modified));
END;
CREATE TRIGGER claim_verdicts_local_au AFTER UPDATE ON annotations BEGIN
    DELETE FROM claim_verdicts WHERE id = old.id AND reviewer = '';
    INSERT OR REPLACE INTO claim_verdicts (id, article_id, start, "end", reviewer, verdict, note,
                                           evidence, decided_at)
    SELECT new.id, new.article_id, new.start, new."end", '', new.verdict, new.note,
           new.evidence, coalesce(new.reviewed_at, new.modified)
    WHERE new.verdict IS NOT NULL AND new.anchor != 'orphaned';
END;
CREATE TRIGGER claim_verdicts_local_ad AFTER DELETE ON annotations BEGIN
    DELETE FROM claim_verdicts WHERE id = old.id AND reviewer = '';
END;
