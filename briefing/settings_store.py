"""The Qt-free settings file (``app_paths().settings``, config/settings.json): language-model
provider settings under the ``"llm"`` key; the user's brief template and whether briefs show
local sources with their full path under ``"export"``; the claims a brief lists under
``"claims"`` (``min_score``, ``top_n``).
Never an API key (those live in the keyring).

Writes are atomic and keep any other top-level sections of the file. A file that cannot be
used (not JSON, not an object, bad values, a key-like entry) is moved aside as
``settings.json.bad-<stamp>``, reported in one clear line, and defaults are used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.clock import stamp_for_filename
from briefing.domain import ExportError, StorageError
from briefing.domain.claim_limits import ClaimLimits
from briefing.export.atomic import write_text_atomic
from briefing.llm.errors import LlmSettingsError
from briefing.llm.settings import ProviderSettings
from briefing.paths import app_paths

SECTION = "llm"
EXPORT_SECTION = "export"
CLAIMS_SECTION = "claims"  # keys min_score, top_n (claims.min_score / claims.top_n)
log = logging.getLogger(__name__)
Report = Callable[[str], None]


def settings_file() -> Path:
    return app_paths().settings


def load_provider_settings(
    path: Path | None = None, *, report: Report | None = None
) -> ProviderSettings:
    """The saved provider settings, or the defaults (disabled) when none are saved.

    A damaged file gives the defaults too; the problem is logged and passed to ``report``
    (e.g. the GUI's banner) as one line naming the file and where it was moved.
    """
    target = path or settings_file()
    data = _read(target, report)
    if data is None or SECTION not in data:
        return ProviderSettings()
    try:
        return ProviderSettings.from_dict(data[SECTION])
    except LlmSettingsError as err:
        _set_aside(target, f"has unusable language-model settings ({err})", report)
        return ProviderSettings()


def save_provider_settings(settings: ProviderSettings, path: Path | None = None) -> None:
    """Write ``settings`` into the settings file atomically, keeping its other sections."""
    _save_section(SECTION, settings.to_dict(), path)


def load_template_path(path: Path | None = None, *, report: Report | None = None) -> Path | None:
    """The Markdown brief template the user chose (a copy of the packaged one), if any."""
    data = _read(path or settings_file(), report) or {}
    section = data.get(EXPORT_SECTION)
    value = section.get("template") if isinstance(section, dict) else None
    return Path(value) if isinstance(value, str) and value.strip() else None


def save_template_path(template: Path | None, path: Path | None = None) -> None:
    """Use ``template`` for Markdown briefs from now on (None: the packaged template)."""
    _update_section(EXPORT_SECTION, {"template": str(template) if template else ""}, path)


def load_export_full_paths(path: Path | None = None, *, report: Report | None = None) -> bool:
    """Whether briefs show a local source's full path (default: its file name only, so a
    brief handed on does not reveal the user's folders)."""
    data = _read(path or settings_file(), report) or {}
    section = data.get(EXPORT_SECTION)
    return isinstance(section, dict) and section.get("full_paths") is True


def save_export_full_paths(full_paths: bool, path: Path | None = None) -> None:
    """Show local sources in briefs with their full path (True) or file name only (False)."""
    _update_section(EXPORT_SECTION, {"full_paths": bool(full_paths)}, path)


def _update_section(name: str, updates: dict[str, Any], path: Path | None) -> None:
    """Set some keys of one section, keeping its other keys."""
    data = _read(path or settings_file(), None) or {}
    section = data.get(name)
    merged = dict(section) if isinstance(section, dict) else {}
    merged.update(updates)
    _save_section(name, merged, path)


def read_template(template: Path) -> str:
    """The text of a user's template file, or an ExportError naming it and the problem."""
    try:
        return template.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise ExportError(f"{template}: the brief template does not exist") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ExportError(f"{template}: the brief template cannot be read ({err})") from err


def load_claim_limits(path: Path | None = None, *, report: Report | None = None) -> ClaimLimits:
    """The claims briefs and the review queue list, as last chosen (section ``claims``:
    ``min_score``, ``top_n``); all claims when nothing is saved. A value of the wrong type
    is reported and ignored."""
    data = _read(path or settings_file(), report) or {}
    section = data.get(CLAIMS_SECTION)
    section = section if isinstance(section, dict) else {}
    min_score, top_n = section.get("min_score"), section.get("top_n")
    if min_score is not None and (
        isinstance(min_score, bool) or not isinstance(min_score, int | float)
        or not 0 <= min_score <= 1
    ):
        _note(report, f"{path or settings_file()}: claims.min_score {min_score!r} is not a "
              "number from 0 to 1; ignored")
        min_score = None
    if top_n is not None and (isinstance(top_n, bool) or not isinstance(top_n, int)
                              or top_n < 1):
        _note(report, f"{path or settings_file()}: claims.top_n {top_n!r} is not a whole "
              "number of at least 1; ignored")
        top_n = None
    return ClaimLimits(0.0 if min_score is None else float(min_score), top_n)


def save_claim_limits(limits: ClaimLimits, path: Path | None = None) -> None:
    """List only the claims within ``limits`` from now on (briefs and the review queue)."""
    value: dict[str, Any] = {}
    if limits.min_score:
        value["min_score"] = limits.min_score
    if limits.top_n is not None:
        value["top_n"] = limits.top_n
    _save_section(CLAIMS_SECTION, value, path)


def _note(report: Report | None, message: str) -> None:
    log.warning("%s", message)
    if report is not None:
        report(message)


def _save_section(name: str, value: dict[str, Any], path: Path | None) -> None:
    target = path or settings_file()
    data = _read(target, None) or {}
    data[name] = value
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, text)
    except OSError as err:
        raise StorageError(f"{target}: cannot save the settings ({err.strerror})") from err
    except ExportError as err:
        raise StorageError(f"cannot save the settings: {err}") from err


def _read(path: Path, report: Report | None) -> dict[str, Any] | None:
    """The file's JSON object; None when absent or (after setting it aside) unusable."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        _set_aside(path, "is not UTF-8 text", report)
        return None
    except OSError as err:
        raise StorageError(f"{path}: cannot read the settings ({err.strerror})") from err
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        _set_aside(path, f"is not valid JSON (line {err.lineno}: {err.msg})", report)
        return None
    if not isinstance(data, dict):
        _set_aside(path, f"holds a JSON {type(data).__name__}, not an object", report)
        return None
    return data


def _set_aside(path: Path, problem: str, report: Report | None) -> None:
    target = path.with_name(f"{path.name}.bad-{stamp_for_filename()}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bad-{stamp_for_filename()}-{n}")
    try:
        path.rename(target)
    except OSError as err:
        message = (
            f"{path} {problem}; it could not be moved aside ({err.strerror}); "
            "default settings are used"
        )
    else:
        message = f"{path} {problem}; it was kept as {target.name} and default settings are used"
    log.warning("%s", message)
    if report is not None:
        report(message)
