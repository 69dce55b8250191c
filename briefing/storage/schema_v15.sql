-- Schema version 15: the cross-article entity index in SQL.
-- entity_refs: one row per named entity (PERSON, ORG, LOC, MISC; not values) of every
-- stored analysis, with its merge key (the name's comparable form, computed in Python by
-- briefing.analysis.entity_keys.merge_key when the analysis is stored; registered as the SQL
-- function briefing_merge_key while migrating) and its number of mentions.
-- entity_ref_aliases: each such entity's aliases other than its name, with their keys.
-- article_entities: the same rows per article whose current text the analysis is of,
-- kept in step by the triggers below (analysis stored or deleted; article added, revised or
-- deleted), so the library's entity index and filters are a GROUP BY merge_key.
-- Back-filled here from analysis_entities / analysis_entity_aliases / analysis_mentions,
-- which are left as they are.
CREATE TABLE entity_refs (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    entity_idx  INTEGER NOT NULL,
    merge_key   TEXT NOT NULL,
    name        TEXT NOT NULL,
    label       TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (analysis_id, entity_idx)
) WITHOUT ROWID;
CREATE TABLE entity_ref_aliases (
    analysis_id INTEGER NOT NULL,
    entity_idx  INTEGER NOT NULL,
    alias       TEXT NOT NULL,
    alias_key   TEXT NOT NULL,
    PRIMARY KEY (analysis_id, entity_idx, alias),
    FOREIGN KEY (analysis_id, entity_idx) REFERENCES entity_refs(analysis_id, entity_idx)
        ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE article_entities (
    article_id     INTEGER NOT NULL,
    analysis_id    INTEGER NOT NULL,
    entity_idx     INTEGER NOT NULL,
    engine_name    TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    merge_key      TEXT NOT NULL,
    name           TEXT NOT NULL,
    label          TEXT NOT NULL,
    mentions       INTEGER NOT NULL,
    PRIMARY KEY (article_id, analysis_id, entity_idx)
) WITHOUT ROWID;
INSERT INTO entity_refs (analysis_id, entity_idx, merge_key, name, label, mentions)
    SELECT e.analysis_id, e.idx, briefing_merge_key(e.name, e.label), e.name, e.label,
           (SELECT COUNT(*) FROM analysis_mentions m
            WHERE m.analysis_id = e.analysis_id AND m.entity_idx = e.idx)
    FROM analysis_entities e
    WHERE e.label IN ('PERSON', 'ORG', 'LOC', 'MISC');
INSERT OR IGNORE INTO entity_ref_aliases (analysis_id, entity_idx, alias, alias_key)
    SELECT al.analysis_id, al.entity_idx, al.alias, briefing_merge_key(al.alias, r.label)
    FROM analysis_entity_aliases al
    JOIN entity_refs r ON r.analysis_id = al.analysis_id AND r.entity_idx = al.entity_idx
    WHERE al.alias <> r.name;
INSERT INTO article_entities
    SELECT ar.id, r.analysis_id, r.entity_idx, an.engine_name, an.engine_version,
           r.merge_key, r.name, r.label, r.mentions
    FROM articles ar
    JOIN analyses an ON an.text_sha256 = ar.text_sha256
    JOIN entity_refs r ON r.analysis_id = an.id;
CREATE INDEX article_entities_key ON article_entities(
    engine_name, engine_version, merge_key, name, label, mentions, article_id);
CREATE TRIGGER article_entities_stored AFTER INSERT ON entity_refs BEGIN
    INSERT INTO article_entities
        SELECT ar.id, NEW.analysis_id, NEW.entity_idx, an.engine_name, an.engine_version,
               NEW.merge_key, NEW.name, NEW.label, NEW.mentions
        FROM analyses an JOIN articles ar ON ar.text_sha256 = an.text_sha256
        WHERE an.id = NEW.analysis_id;
END;
CREATE TRIGGER article_entities_analysis_gone BEFORE DELETE ON analyses BEGIN
    DELETE FROM article_entities WHERE analysis_id = OLD.id
        AND article_id IN (SELECT id FROM articles WHERE text_sha256 = OLD.text_sha256);
END;
CREATE TRIGGER article_entities_article_added AFTER INSERT ON articles BEGIN
    INSERT INTO article_entities
        SELECT NEW.id, r.analysis_id, r.entity_idx, an.engine_name, an.engine_version,
               r.merge_key, r.name, r.label, r.mentions
        FROM analyses an JOIN entity_refs r ON r.analysis_id = an.id
        WHERE an.text_sha256 = NEW.text_sha256;
END;
CREATE TRIGGER article_entities_article_revised AFTER UPDATE OF text_sha256 ON articles
WHEN OLD.text_sha256 IS NOT NEW.text_sha256 BEGIN
    DELETE FROM article_entities WHERE article_id = NEW.id;
    INSERT INTO article_entities
        SELECT NEW.id, r.analysis_id, r.entity_idx, an.engine_name, an.engine_version,
               r.merge_key, r.name, r.label, r.mentions
        FROM analyses an JOIN entity_refs r ON r.analysis_id = an.id
        WHERE an.text_sha256 = NEW.text_sha256;
END;
CREATE TRIGGER article_entities_article_gone AFTER DELETE ON articles BEGIN
    DELETE FROM article_entities WHERE article_id = OLD.id;
END;
