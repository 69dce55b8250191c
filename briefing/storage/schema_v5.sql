-- Schema version 5: language-model summaries of a whole brief (several articles), with the
-- grounding check of every generated sentence in columns; each source sentence records the
-- article it is in. New tables only: nothing existing is changed or dropped.
CREATE TABLE llm_brief_results (
    id              INTEGER PRIMARY KEY,
    brief_id        INTEGER NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    provider        TEXT NOT NULL,
    model           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    prompt_version  TEXT NOT NULL,
    supported_share REAL NOT NULL
);
CREATE INDEX llm_brief_results_brief ON llm_brief_results(brief_id, created_at);

-- The brief's articles the summary was made from, in brief order, with the hash of each
-- article text the grounding was checked against (its source spans are valid for it).
CREATE TABLE llm_brief_result_articles (
    result_id     INTEGER NOT NULL REFERENCES llm_brief_results(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_sha256 TEXT NOT NULL,
    PRIMARY KEY (result_id, position)
) WITHOUT ROWID;

-- One row per generated sentence; start/end are offsets into llm_brief_results.text.
CREATE TABLE llm_brief_sentences (
    result_id INTEGER NOT NULL REFERENCES llm_brief_results(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    supported INTEGER NOT NULL,
    score     REAL NOT NULL,
    PRIMARY KEY (result_id, idx)
) WITHOUT ROWID;

-- The article sentences backing a generated sentence, best first: the article, the analysis
-- sentence index in it and its span in that article's text.
CREATE TABLE llm_brief_sources (
    result_id    INTEGER NOT NULL REFERENCES llm_brief_results(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source_idx   INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    PRIMARY KEY (result_id, sentence_idx, position)
) WITHOUT ROWID;

-- Numbers and names of a generated sentence that none of the brief's articles contain.
CREATE TABLE llm_brief_terms (
    result_id    INTEGER NOT NULL REFERENCES llm_brief_results(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    term_kind    TEXT NOT NULL CHECK (term_kind IN ('number', 'name')),
    term         TEXT NOT NULL,
    PRIMARY KEY (result_id, sentence_idx, position)
) WITHOUT ROWID;
