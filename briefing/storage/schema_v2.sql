-- Schema version 2: review state. Adds when each verdict was decided and the indexes the
-- review queue needs. Nothing is dropped; existing verdicts count as decided at their
-- annotation's last modification.
ALTER TABLE annotations ADD COLUMN reviewed_at TEXT;
UPDATE annotations SET reviewed_at = modified WHERE verdict IS NOT NULL;

-- A claim is decided when a verdict annotation covers exactly its span.
CREATE INDEX annotations_verdict_span ON annotations(article_id, start, "end")
    WHERE verdict IS NOT NULL;
CREATE INDEX annotations_reviewed_at ON annotations(reviewed_at)
    WHERE reviewed_at IS NOT NULL;
-- Per-brief progress looks up the briefs an article belongs to.
CREATE INDEX brief_articles_article ON brief_articles(article_id);

-- Whatever writes a verdict (review mode, the reader, a W3C import) stamps the decision.
CREATE TRIGGER annotations_verdict_ai AFTER INSERT ON annotations
WHEN new.verdict IS NOT NULL AND new.reviewed_at IS NULL BEGIN
    UPDATE annotations SET reviewed_at = new.modified WHERE id = new.id;
END;
CREATE TRIGGER annotations_verdict_au AFTER UPDATE OF verdict ON annotations
WHEN new.verdict IS NOT old.verdict BEGIN
    UPDATE annotations
    SET reviewed_at = CASE WHEN new.verdict IS NULL THEN NULL ELSE new.modified END
    WHERE id = new.id;
END;
