"""PyInstaller entry script: the frozen ``briefing`` executable runs the normal CLI.

``briefing gui [PATH...]`` opens the reader; the other sub-commands work as in a pip install.
The reader's analysis child, the integrity check's child and the story workers are spawned
processes: this executable started again with multiprocessing's arguments, which
``freeze_support()`` recognises and runs (then exits) before the CLI is even imported.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # first: a spawned child never imports the CLI

    from briefing.cli import main

    sys.exit(main())
