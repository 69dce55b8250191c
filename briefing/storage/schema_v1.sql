-- Schema version 1: library, revisions, analysis cache, annotations, briefs, FTS5 search.
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    source_url  TEXT,
    source_path TEXT,
    author      TEXT,
    published   TEXT,
    imported_at TEXT NOT NULL,
    text        TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_text_sha256 ON articles(text_sha256);

CREATE TABLE revisions (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (article_id, revision)
) WITHOUT ROWID;
CREATE INDEX revisions_text_sha256 ON revisions(text_sha256);

CREATE TABLE analyses (
    id             INTEGER PRIMARY KEY,
    text_sha256    TEXT NOT NULL,
    engine_name    TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (text_sha256, engine_name, engine_version)
);
CREATE TABLE analysis_sentences (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (analysis_id, idx)
) WITHOUT ROWID;
CREATE TABLE analysis_summaries (
    analysis_id  INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    length       TEXT NOT NULL,
    position     INTEGER NOT NULL,
    sentence_idx INTEGER NOT NULL,
    PRIMARY KEY (analysis_id, length, position)
) WITHOUT ROWID;
CREATE TABLE analysis_entities (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    entity_key  TEXT NOT NULL,
    name        TEXT NOT NULL,
    label       TEXT NOT NULL,
    PRIMARY KEY (analysis_id, idx)
) WITHOUT ROWID;
CREATE INDEX analysis_entities_name ON analysis_entities(name);
CREATE TABLE analysis_entity_aliases (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    entity_idx  INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    alias       TEXT NOT NULL,
    PRIMARY KEY (analysis_id, entity_idx, position)
) WITHOUT ROWID;
CREATE TABLE analysis_mentions (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    entity_idx  INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (analysis_id, entity_idx, position)
) WITHOUT ROWID;
CREATE TABLE analysis_claims (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    score       REAL NOT NULL,
    kind        TEXT NOT NULL,
    speaker     TEXT,
    hedged      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (analysis_id, idx)
) WITHOUT ROWID;
CREATE TABLE analysis_claim_hedges (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    claim_idx   INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    word        TEXT NOT NULL,
    PRIMARY KEY (analysis_id, claim_idx, position)
) WITHOUT ROWID;

CREATE TABLE annotations (
    id         TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    exact      TEXT NOT NULL,
    prefix     TEXT NOT NULL DEFAULT '',
    suffix     TEXT NOT NULL DEFAULT '',
    color      TEXT,
    note       TEXT NOT NULL DEFAULT '',
    verdict    TEXT,
    evidence   TEXT,
    anchor     TEXT NOT NULL DEFAULT 'exact',
    created    TEXT NOT NULL,
    modified   TEXT NOT NULL
);
CREATE INDEX annotations_article ON annotations(article_id, start);
CREATE TABLE annotation_tags (
    annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    PRIMARY KEY (annotation_id, tag)
) WITHOUT ROWID;
CREATE INDEX annotation_tags_tag ON annotation_tags(tag);

CREATE TABLE briefs (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE brief_articles (
    brief_id   INTEGER NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (brief_id, article_id)
) WITHOUT ROWID;

-- Full-text search over title, text and the user's notes; rowid = articles.id.
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, notes, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO search_index(rowid, title, body, notes) VALUES (new.id, new.title, new.text, '');
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    UPDATE search_index SET title = new.title, body = new.text WHERE rowid = new.id;
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    DELETE FROM search_index WHERE rowid = old.id;
END;
CREATE TRIGGER annotations_ai AFTER INSERT ON annotations BEGIN
    UPDATE search_index SET notes = (
        SELECT coalesce(group_concat(note, ' '), '') FROM annotations WHERE article_id = new.article_id
    ) WHERE rowid = new.article_id;
END;
CREATE TRIGGER annotations_au AFTER UPDATE OF note ON annotations BEGIN
    UPDATE search_index SET notes = (
        SELECT coalesce(group_concat(note, ' '), '') FROM annotations WHERE article_id = new.article_id
    ) WHERE rowid = new.article_id;
END;
CREATE TRIGGER annotations_ad AFTER DELETE ON annotations BEGIN
    UPDATE search_index SET notes = (
        SELECT coalesce(group_concat(note, ' '), '') FROM annotations WHERE article_id = old.article_id
    ) WHERE rowid = old.article_id;
END;
