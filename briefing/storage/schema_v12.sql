-- Schema version 12: what import learnt about each article's page, kept with the article.
-- blocks: the text's structure (headings, list items, table rows...) as JSON
--   [[kind, start, end, level], ...], offsets into the current text ('' = plain paragraphs);
-- warnings: JSON list of problems import noticed (e.g. a body that is mostly a notice);
-- meta_source: JSON object, per field (title, author, published, text) where it came from.
-- Existing articles keep their text and get the empty defaults.
ALTER TABLE articles ADD COLUMN blocks TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN warnings TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN meta_source TEXT NOT NULL DEFAULT '';
