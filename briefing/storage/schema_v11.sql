-- Browser capture ("Send to Briefing"): paired extension tokens and received captures.
-- Only a SHA-256 hash of each token is stored, never the token. A capture remembers what it
-- became so that the same capture_id sent again (a retry) answers with the same ids; it
-- goes with its article.
CREATE TABLE capture_tokens (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    origin TEXT
);
CREATE TABLE captures (
    capture_id TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    annotation_id TEXT,
    token_id INTEGER REFERENCES capture_tokens(id) ON DELETE SET NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX captures_article ON captures(article_id);
