"""Build the "Send to Briefing" browser extension: one unpacked folder and one zip per browser.

    python scripts/build_extension.py [--out out/extension]

writes ``OUT/chromium/`` and ``OUT/firefox/`` (load unpacked / temporary add-on) and
``OUT/send-to-briefing-chromium.zip`` / ``-firefox.zip``. The sources live in extension/src;
the two manifests differ only in how the background runs (a service worker in Chromium, a
background script in Firefox) and Firefox's add-on id.
"""

from __future__ import annotations

import argparse
import json
import shutil
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "extension" / "src"
ICONS = REPO / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 128)
FIREFOX_ID = "send-to-briefing@briefing.invalid"
BROWSERS = ("chromium", "firefox")


def manifest_for(browser: str) -> dict[str, object]:
    manifest: dict[str, object] = json.loads((SOURCE / "manifest.json").read_text("utf-8"))
    if browser == "chromium":
        manifest["background"] = {"service_worker": "background.js"}
    else:
        manifest["background"] = {"scripts": ["background.js"]}
        manifest["browser_specific_settings"] = {
            "gecko": {
                "id": FIREFOX_ID,
                "strict_min_version": "140.0",
                "data_collection_permissions": {"required": ["none"]},
            }
        }
    return manifest


def build(browser: str, out: Path) -> Path:
    folder = out / browser
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "icons").mkdir(parents=True)
    for item in sorted(SOURCE.iterdir()):
        if item.is_file() and item.name != "manifest.json":
            shutil.copy2(item, folder / item.name)
    for size in ICON_SIZES:
        shutil.copy2(ICONS / f"briefing-{size}.png", folder / "icons" / f"briefing-{size}.png")
    text = json.dumps(manifest_for(browser), indent=2, ensure_ascii=False) + "\n"
    (folder / "manifest.json").write_text(text, encoding="utf-8")
    archive = out / f"send-to-briefing-{browser}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes())
    return archive


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "out" / "extension")
    args = parser.parse_args()
    for browser in BROWSERS:
        print(build(browser, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
