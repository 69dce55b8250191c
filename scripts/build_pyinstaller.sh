#!/usr/bin/env bash
# Builds the one-folder PyInstaller app: dist/briefing/briefing (work files in build/pyinstaller).
# Usage: scripts/build_pyinstaller.sh [PYTHON]   (default .venv/bin/python)
# Installs PyInstaller into that environment when it is missing, then checks the result runs.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}

if ! "$python" -c 'import PyInstaller' 2>/dev/null; then
  echo "build_pyinstaller: installing PyInstaller into $("$python" -c 'import sys; print(sys.prefix)')"
  "$python" -m pip install --quiet 'pyinstaller>=6.10'
fi

"$python" -m PyInstaller --noconfirm --clean \
  --workpath build/pyinstaller --distpath dist \
  packaging/pyinstaller/briefing.spec

app=dist/briefing/briefing
"$app" --version
"$app" analyze resources/samples/siversk.txt --json >/dev/null  # data files and engine load
echo "build_pyinstaller: $(du -sh dist/briefing | cut -f1) in dist/briefing/ (run $app gui)"
