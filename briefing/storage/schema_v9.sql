-- Schema version 9: housekeeping facts about the library itself, shared by every process
-- that opens it: when its integrity was last checked and with what result, and which
-- readers have it open (a session left behind by a reader that died means an unclean
-- shutdown, after which the integrity is checked again).
CREATE TABLE maintenance (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
