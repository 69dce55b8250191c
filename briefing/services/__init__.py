"""Use cases shared by the CLI and the GUI: import, analyse, annotate, revise, export, search.

Every function takes a :class:`Library` (one open database connection) as its first
argument. A Library belongs to one thread; workers open their own.
"""

from briefing.services.library import Library

__all__ = ["Library"]
