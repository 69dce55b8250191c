-- Schema version 13: an index for a large library. The library list pages newest import
-- first (ORDER BY imported_at DESC, id DESC) without sorting every article. (The count of
-- each listed article's annotations already reads the annotations_article index.)
-- Nothing else changes.
CREATE INDEX articles_imported ON articles(imported_at DESC, id DESC);
