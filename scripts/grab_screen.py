"""Save the whole X screen as a PNG (what a user sees), via Qt: grab_screen.py OUT.png"""

import sys

from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
screen = app.primaryScreen()
if screen is None or not screen.grabWindow(0).save(sys.argv[1], "PNG"):
    raise SystemExit(f"grab_screen: cannot save {sys.argv[1]}")
