"""The library list: its model (rows read and compared in a worker, updated incrementally),
the panel with search (FTS5) and filters, the search keys, short source names, and getting
articles in (open, paste, drag-and-drop, command-line paths).

May import the root building blocks, services and domain; never ``shell`` or ``reader``.
"""
