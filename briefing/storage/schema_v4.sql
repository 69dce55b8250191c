-- Schema version 4: language-model results per article (summaries and claim explanations)
-- with their provenance and the grounding check of every generated sentence, in columns.
-- Nothing existing is changed.
CREATE TABLE llm_results (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('summary', 'explain')),
    claim_start     INTEGER,
    claim_end       INTEGER,
    claim_text      TEXT,
    text            TEXT NOT NULL,
    provider        TEXT NOT NULL,
    model           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    prompt_version  TEXT NOT NULL,
    supported_share REAL NOT NULL,
    -- hash of the article text the grounding was checked against (links are valid for it)
    source_sha256   TEXT NOT NULL,
    CHECK ((kind = 'explain') = (claim_start IS NOT NULL AND claim_end IS NOT NULL
                                 AND claim_text IS NOT NULL))
);
CREATE INDEX llm_results_article ON llm_results(article_id, kind, created_at);

-- One row per generated sentence; start/end are offsets into llm_results.text.
CREATE TABLE llm_result_sentences (
    result_id INTEGER NOT NULL REFERENCES llm_results(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    supported INTEGER NOT NULL,
    score     REAL NOT NULL,
    PRIMARY KEY (result_id, idx)
) WITHOUT ROWID;

-- The article sentences backing a generated sentence, best first: the analysis sentence
-- index and its span in the article text (as it was when the result was made).
CREATE TABLE llm_sentence_sources (
    result_id    INTEGER NOT NULL REFERENCES llm_results(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    source_idx   INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    PRIMARY KEY (result_id, sentence_idx, position)
) WITHOUT ROWID;

-- Numbers and names of a generated sentence that the article does not contain.
CREATE TABLE llm_unsupported_terms (
    result_id    INTEGER NOT NULL REFERENCES llm_results(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    term_kind    TEXT NOT NULL CHECK (term_kind IN ('number', 'name')),
    term         TEXT NOT NULL,
    PRIMARY KEY (result_id, sentence_idx, position)
) WITHOUT ROWID;
