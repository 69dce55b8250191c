"""PyInstaller entry script: the frozen ``briefing`` executable runs the normal CLI.

``briefing gui [PATH...]`` opens the reader; the other sub-commands work as in a pip install.
"""

from __future__ import annotations

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
