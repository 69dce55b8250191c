"""File-dialog filters and suggested file names for exported briefs."""

from __future__ import annotations

import re

EXPORT_SUFFIX = {"markdown": ".md", "html": ".html", "w3c": ".json"}
EXPORT_FILTER = {
    "markdown": "Markdown (*.md)",
    "html": "HTML (*.html)",
    "w3c": "W3C Web Annotations (*.json)",
}


def export_file_name(title: str, fmt: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", title.lower()).strip("-")[:60] or "brief"
    return stem + EXPORT_SUFFIX[fmt]
