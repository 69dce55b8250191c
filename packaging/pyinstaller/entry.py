"""PyInstaller entry script: the frozen ``briefing`` executable runs the normal CLI.

``briefing gui [PATH...]`` opens the reader; the other sub-commands work as in a pip install.
"""

from __future__ import annotations

import multiprocessing
import sys

from briefing.cli import main

if __name__ == "__main__":
    # the reader analyses in a child process (spawned: this executable started again);
    # freeze_support() makes that start run the child's work instead of the CLI
    multiprocessing.freeze_support()
    sys.exit(main())
