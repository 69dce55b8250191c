"""Qt-free sync through a folder kept in step by an existing engine: the record format
(``records``) and the merge rules (``merge``). The library side is
``briefing.services.syncing``."""
