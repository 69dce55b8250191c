#!/usr/bin/env bash
# Makes sure the system libraries Qt needs are present (Debian/Ubuntu).
# Usage: scripts/qt-sysdeps.sh offscreen|x11 PYTHON
# Finds what is missing with ldd on the PySide6 wheel's own libraries and plugins; installs it
# with apt-get when running as root, otherwise prints the exact command and exits 1.
set -euo pipefail
mode=${1:-offscreen}
python=${2:-.venv/bin/python}

qt_dir=$("$python" -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')
targets=("$qt_dir/lib/libQt6Widgets.so.6" "$qt_dir/lib/libQt6Gui.so.6" "$qt_dir/plugins/platforms/libqoffscreen.so")
if [ "$mode" = x11 ]; then targets+=("$qt_dir/plugins/platforms/libqxcb.so" "$qt_dir/lib/libQt6XcbQpa.so.6"); fi

# shared library -> Debian package that provides it
declare -A pkg=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libOpenGL.so.0]=libopengl0 [libGLX.so.0]=libglx0
  [libglib-2.0.so.0]=libglib2.0-0 [libgthread-2.0.so.0]=libglib2.0-0 [libgobject-2.0.so.0]=libglib2.0-0
  [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6 [libdbus-1.so.3]=libdbus-1-3
  [libxkbcommon.so.0]=libxkbcommon0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libX11.so.6]=libx11-6
  [libX11-xcb.so.1]=libx11-xcb1 [libxcb.so.1]=libxcb1 [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-image.so.0]=libxcb-image0 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-render.so.0]=libxcb-render0 [libxcb-shape.so.0]=libxcb-shape0 [libxcb-shm.so.0]=libxcb-shm0
  [libxcb-sync.so.1]=libxcb-sync1 [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-xkb.so.1]=libxcb-xkb1
  [libxcb-util.so.1]=libxcb-util1 [libxcb-glx.so.0]=libxcb-glx0 [libSM.so.6]=libsm6 [libICE.so.6]=libice6
  [libxcb-xinput.so.0]=libxcb-xinput0 [libxcb-randr.so.0]=libxcb-randr0
)

missing=()
for t in "${targets[@]}"; do
  [ -e "$t" ] || continue
  while read -r lib; do
    p=${pkg[$lib]:-}
    if [ -z "$p" ]; then echo "qt-sysdeps: $lib is missing and has no known package" >&2; continue; fi
    [[ " ${missing[*]} " == *" $p "* ]] || missing+=("$p")
  done < <(LD_LIBRARY_PATH="$qt_dir/lib" ldd "$t" 2>/dev/null | awk '/not found/ {print $1}')
done
[ -n "$(find /usr/share/fonts /usr/local/share/fonts -name '*.[ot]tf' -print -quit 2>/dev/null)" ] || missing+=(fonts-dejavu-core)
if [ "$mode" = x11 ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
  command -v xauth >/dev/null 2>&1 || missing+=(xauth)
fi

# Tools some tests use (desktop/AppStream validators, setpriv): installed only as root,
# otherwise those tests skip with a reason.
if [ "$mode" = offscreen ] && [ "$(id -u)" = 0 ]; then
  command -v desktop-file-validate >/dev/null 2>&1 || missing+=(desktop-file-utils)
  command -v appstreamcli >/dev/null 2>&1 || missing+=(appstream)
  command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
fi

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "qt-sysdeps: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $cmd >/dev/null
else
  echo "qt-sysdeps: Qt needs system libraries that are missing. Install them with:" >&2
  echo "  sudo $cmd" >&2
  exit 1
fi
