"""Peak memory of analysing the development articles, vs a bare interpreter in the same run.

Run: .venv/bin/python bench/memory.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news"

CHILD = """
import resource, sys
from pathlib import Path
mode = sys.argv[1]
if mode == "engine":
    from briefing.analysis import get_engine
    from briefing.ingest import normalise_text
    engine = get_engine("builtin")
    for path in sorted(Path(sys.argv[2]).glob("*.txt")):
        engine.analyse(normalise_text(path.read_text(encoding="utf-8")))
elif mode == "qt":
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTextBrowser
    app = QApplication([])
    view = QTextBrowser(); view.setPlainText("x" * 10000); view.show(); app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_kib(mode: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(NEWS)], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip().splitlines()[-1])


def main() -> None:
    bare = peak_kib("bare")
    engine = peak_kib("engine")
    qt = peak_kib("qt")
    print(f"bare interpreter peak RSS: {bare / 1024:.1f} MiB")
    print(f"engine on {len(list(NEWS.glob('*.txt')))} articles: {engine / 1024:.1f} MiB "
          f"(ratio vs bare {engine / bare:.2f}x)")
    print(f"bare Qt text window: {qt / 1024:.1f} MiB (ratio vs bare {qt / bare:.2f}x)")


if __name__ == "__main__":
    main()
