#!/usr/bin/env bash
# Installs Debian's syncthing package for the two-Syncthing sync test (make test) when it is
# missing. Without root or apt it prints what to run; the test then skips, saying why.
set -u
if command -v syncthing >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "syncthing is missing: the two-Syncthing sync test will be skipped" \
         "(install it with: sudo apt-get install syncthing)"
    exit 0
fi
echo "Installing syncthing (Debian package) for the sync integration test"
export DEBIAN_FRONTEND=noninteractive
lock=(-o DPkg::Lock::Timeout=300)  # another apt-get may be running: wait for it
apt-get "${lock[@]}" update -qq >/dev/null \
    && apt-get "${lock[@]}" install -y -qq --no-install-recommends syncthing >/dev/null \
    || echo "could not install syncthing: the two-Syncthing sync test will be skipped"
exit 0
