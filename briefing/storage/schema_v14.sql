-- Schema version 14: PLACEHOLDER on the entindex branch only (v14 belongs to another
-- branch's migration; this file is replaced by that one when the branches are merged).
-- It changes nothing, so v15 applies the same after either.
SELECT 1;
