"""The ``briefing`` command line: an argparse front end over the services, never the GUI code.

``parser`` builds the parser and runs a command; each other module is one command group
(library, annotating, exporting, briefs, review, feeds, llm, sync, capture) with the
``add_*`` / ``register`` functions that add its sub-commands and the handlers they call.
Modules here may import ``briefing.services``, ``briefing.domain`` and the Qt-free core's
public functions; never ``briefing.storage`` or ``briefing.gui`` (the reader is started
through ``briefing.gui.app`` only, when ``briefing gui`` runs).
"""

from briefing.cli.parser import build_parser, main

__all__ = ["build_parser", "main"]
