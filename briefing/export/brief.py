"""Exporting a brief as Markdown or HTML, to a string or to a file. Re-exporting Markdown
over an existing file merges (merge.py) so the user's edits survive; files are written
atomically (atomic.py). W3C Web Annotation export is handled by its own module."""

from __future__ import annotations

from pathlib import Path

from briefing.domain import ExportError
from briefing.export.atomic import write_text_atomic
from briefing.export.html import render_html
from briefing.export.markdown import render_markdown
from briefing.export.merge import MergeResult, merge_reexport
from briefing.export.model import BriefDocument

FORMATS: tuple[str, ...] = ("markdown", "html")


def export_brief(doc: BriefDocument, fmt: str, *, template: str | None = None) -> str:
    """The brief as text in ``fmt`` ("markdown" or "html")."""
    if fmt == "markdown":
        return render_markdown(doc, template=template)
    if fmt == "html":
        from briefing.export.language import text_direction, text_language

        text = "\n".join(brief.article.text for brief in doc.articles)
        return render_html(render_markdown(doc, template=template), title=doc.title,
                           lang=text_language(text), direction=text_direction(text))
    raise ExportError(f"{fmt}: unknown export format (use {' or '.join(FORMATS)})")


def _read_existing(path: Path) -> str | None:
    if not path.exists() or path.is_dir():
        return None  # write_text_atomic reports a folder with a clear message
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ExportError(
            f"{path}: the existing file is not UTF-8 text; refusing to overwrite it"
        ) from err
    except OSError as err:
        raise ExportError(f"{path}: cannot read the existing file ({err.strerror})") from err


def export_to_file(
    doc: BriefDocument, fmt: str, path: Path, *, template: str | None = None
) -> MergeResult | None:
    """Write the brief to ``path``. For Markdown over an existing file, the new export is
    merged into it and the MergeResult (with any conflicts) is returned; otherwise None."""
    path = Path(path)
    text = export_brief(doc, fmt, template=template)
    existing = _read_existing(path) if fmt == "markdown" else None
    if existing is None:
        write_text_atomic(path, text)
        return None
    result = merge_reexport(existing, text)
    write_text_atomic(path, result.text)
    return result
