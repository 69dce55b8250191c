-- Schema version 10: an analysis keeps its detected language, which layers are limited to
-- some languages (JSON object, e.g. {"entities": "en-only"}), and its weaker claim
-- candidates (shown on request), each with its hedge words as a JSON list. Analyses stored
-- before this version get '' / '{}' / none; they are recomputed when the engine version
-- changes, as every cached analysis is.
ALTER TABLE analyses ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE analyses ADD COLUMN layers TEXT NOT NULL DEFAULT '{}';
CREATE TABLE analysis_claim_candidates (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    score       REAL NOT NULL,
    kind        TEXT NOT NULL,
    speaker     TEXT,
    hedges      TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (analysis_id, idx)
) WITHOUT ROWID;
