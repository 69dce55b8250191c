"""Guards against a Qt binding that leaks references to None (PySide6 6.12.0 on Python
3.11 aborts the process with "deallocating None" after a few thousand void Qt calls)."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
before = sys.getrefcount(None)
for _ in range(20000):
    widget.setEnabled(True)
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=False,
        timeout=120,
    )
    assert result.returncode == 0, f"the Qt binding crashed: {result.stderr[-500:]}"
    lost = int(result.stdout.strip().splitlines()[-1])
    assert lost < 100, f"{lost} references to None lost in 20,000 calls: pin another PySide6"
