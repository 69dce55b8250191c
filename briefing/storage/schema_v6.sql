-- Schema version 6: where the reader stopped in each article, so it reopens there. position
-- is an offset into the article's current text (the first visible character); quote holds
-- up to 32 characters of the text from that offset, to re-find the place after a revision.
-- New table only: nothing existing is changed or dropped.
CREATE TABLE reading_positions (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    quote      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
