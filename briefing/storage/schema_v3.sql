-- Schema version 3: feed subscriptions, the feed entries already seen (de-duplication by
-- guid/link) and the entities the reader follows. Nothing existing is changed.
CREATE TABLE feeds (
    id               INTEGER PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL DEFAULT '',
    site_url         TEXT,
    added_at         TEXT NOT NULL,
    interval_minutes INTEGER NOT NULL DEFAULT 60,
    etag             TEXT,
    last_modified    TEXT,
    state            TEXT NOT NULL DEFAULT 'new',
    last_checked     TEXT,
    last_success     TEXT,
    last_error       TEXT,
    warning          TEXT,
    failures         INTEGER NOT NULL DEFAULT 0
);

-- One row per feed item ever imported (or still waiting for its full text).
CREATE TABLE feed_entries (
    feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    entry_key  TEXT NOT NULL,
    link       TEXT,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    full_text  INTEGER NOT NULL DEFAULT 1,
    attempts   INTEGER NOT NULL DEFAULT 1,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (feed_id, entry_key)
) WITHOUT ROWID;
CREATE INDEX feed_entries_link ON feed_entries(link);
CREATE INDEX feed_entries_article ON feed_entries(article_id);

CREATE TABLE followed_entities (
    name        TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    followed_at TEXT NOT NULL
) WITHOUT ROWID;
