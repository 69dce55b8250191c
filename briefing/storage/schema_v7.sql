-- Schema version 7: each article's word count kept with it, so that listing the library
-- does not read every article's text. Counted here once for the articles already stored:
-- their text is normalised (words separated by one space, paragraphs by one newline), so
-- the separators plus one are the words. New and revised texts are counted by the
-- application (Python's str.split()).
ALTER TABLE articles ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET word_count = CASE WHEN text = '' THEN 0 ELSE
    length(text) - length(replace(replace(text, ' ', ''), char(10), '')) + 1 END;
