#!/usr/bin/env bash
# What the "Send to Briefing" browser tests need (tests/e2e): Debian's chromium (never a
# browser download) and the extension's node tools (playwright-core, web-ext) from
# extension/package-lock.json. Installs what is missing when it can (apt as root, npm ci);
# otherwise says what to run. Never fails: the tests skip, naming what is missing.
set -u
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing chromium (apt) for the browser-capture tests"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
            >/dev/null || echo "could not install chromium; the browser tests will be skipped"
    else
        echo "The browser-capture tests need chromium: sudo apt-get install chromium"
    fi
fi
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing node and npm (apt) for the browser-capture tests"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null \
            || echo "could not install npm; the browser tests will be skipped"
    else
        echo "The browser-capture tests need node and npm: sudo apt-get install nodejs npm"
    fi
fi
stamp=extension/node_modules/.package-lock.json
if command -v npm >/dev/null 2>&1 && { [ ! -f "$stamp" ] || [ extension/package-lock.json -nt "$stamp" ]; }; then
    echo "Installing the extension's node tools (npm ci in extension/)"
    (cd extension && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
        || echo "npm ci failed; the browser tests will be skipped"
fi
exit 0
