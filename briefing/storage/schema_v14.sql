-- Schema version 14: stored story clustering (incremental, bounded per article).
-- story_features: what story clustering needs of an article (headline key, day, capped term
--   counts of its entities, text and headline + lead), so it never reloads the article.
-- story_df: in how many featured articles each term appears (for its rarity weight).
-- story_postings: the index of distinctive terms (a few per article) by day: the bounded
--   candidate set of a new article is read from it.
-- story_assignments: article -> story; stories: per-story summary (size, days, linkage sum,
--   shared entities, top terms). Derived data only: deleting it loses no user data.
CREATE TABLE story_features (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    text_sha256 TEXT NOT NULL,
    day         INTEGER NOT NULL,
    headline    TEXT,
    vector      TEXT NOT NULL
);
CREATE INDEX story_features_headline ON story_features(headline, day)
    WHERE headline IS NOT NULL;
CREATE INDEX story_features_day ON story_features(day);
CREATE INDEX story_features_text ON story_features(text_sha256);
CREATE TABLE story_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE story_postings (
    term       TEXT NOT NULL,
    day        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (term, day, article_id)
) WITHOUT ROWID;
CREATE INDEX story_postings_article ON story_postings(article_id);
CREATE TABLE story_assignments (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL,
    centrality REAL NOT NULL DEFAULT 0
);
CREATE INDEX story_assignments_story ON story_assignments(story_id);
CREATE TABLE stories (
    id        INTEGER PRIMARY KEY,
    size      INTEGER NOT NULL,
    first_day INTEGER NOT NULL,
    last_day  INTEGER NOT NULL,
    score_sum REAL NOT NULL DEFAULT 0,
    entities  TEXT NOT NULL DEFAULT '[]',
    terms     TEXT NOT NULL DEFAULT '[]'
);
-- story_claims: each story's claim comparison (figures side by side), cached while its
--   articles and their texts (the signature) stay the same.
CREATE TABLE story_claims (
    story_id    INTEGER PRIMARY KEY,
    signature   TEXT NOT NULL,
    comparisons TEXT NOT NULL
);
-- story_queue: articles to (re)index and place, filled by triggers (a new article, a changed
--   text) so that a catch-up never scans the library; every article already there is queued
--   once here. story_broken: stories that lost an article (deleted, or its text changed).
CREATE TABLE story_queue (article_id INTEGER PRIMARY KEY) WITHOUT ROWID;
INSERT INTO story_queue SELECT id FROM articles;
CREATE TRIGGER story_queue_insert AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO story_queue VALUES (new.id);
END;
CREATE TRIGGER story_queue_text AFTER UPDATE OF text_sha256 ON articles
WHEN new.text_sha256 != old.text_sha256 BEGIN
    INSERT OR IGNORE INTO story_queue VALUES (new.id);
END;
CREATE TABLE story_broken (story_id INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER story_assignment_gone AFTER DELETE ON story_assignments BEGIN
    INSERT OR IGNORE INTO story_broken VALUES (old.story_id);
END;
