#!/usr/bin/env bash
# Shows the reader's two-stage start as a returning user sees it, under Xvfb: a first session
# opens the sample and stops reading at its second paragraph; then `briefing gui` is started
# with no arguments and the screen is grabbed at 0.25 s (the first stage: the article at the
# place left, nothing else yet) and at 3 s (library, side panels and analysis in).
# Usage: scripts/make_startup_screenshots.sh  -> docs/screenshots/start-*.png
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BRIEFING_SCREENSHOT_XVFB:-}" ]; then
  exec env BRIEFING_SCREENSHOT_XVFB=1 xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
bin=.venv/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BRIEFING_DATA_DIR="$work" TMPDIR="$work"
$bin/briefing import resources/samples/siversk.txt >/dev/null
$bin/python - <<'PY'
from PySide6.QtCore import QTimer

from briefing.gui.app import start

started = start(["resources/samples/siversk.txt"])
window = started.window


def stop_reading() -> None:
    text = window.session.article.text
    window.view.scroll_to_position(text.index("\n") + 1)  # the second paragraph on top
    QTimer.singleShot(300, window.close)


window.analysis_shown.connect(lambda _id: QTimer.singleShot(300, stop_reading))
started.app.exec()
PY
$bin/briefing gui &
reader=$!
sleep 0.25
$bin/python scripts/grab_screen.py docs/screenshots/start-first-paint.png
sleep 3
$bin/python scripts/grab_screen.py docs/screenshots/start-complete.png
kill "$reader"
echo "wrote docs/screenshots/start-first-paint.png and start-complete.png"
