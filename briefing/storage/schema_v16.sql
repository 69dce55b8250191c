-- Schema version 16: an index for a large library's first screen. The library list shows
-- its articles newest publication date first (the first ten characters of `published`, none
-- as empty; ties by id); its first screen was ranked by a pass over every article (a few
-- hundred milliseconds at 100,000). This index on that very expression lets SQLite read the
-- first rows in order, either way. Nothing else changes.
CREATE INDEX articles_list_date ON articles(substr(coalesce(published, ''), 1, 10), id);
