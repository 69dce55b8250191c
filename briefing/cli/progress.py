"""Progress of a long step on stderr: the analyses a command computes first when many
articles have none by the current engine (after an engine update, every article)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

MIN_TOTAL = 100
"""Fewer analyses than this are computed without a word (a second or two)."""
EVERY = 10.0
"""Seconds between two progress lines."""


class AnalysisProgress:
    """A ``services.bulk_analysis`` reporter: a line when the step starts, one every
    :data:`EVERY` seconds, and one when it is done; nothing for small steps."""

    def __init__(self, out: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self._out = out
        self._clock = clock
        self._last: float | None = None

    def __call__(self, engine: str, done: int, total: int) -> None:
        if total < MIN_TOTAL:
            return
        now = self._clock()
        if self._last is None:
            self._say(f"analysing {total:,} articles that have no analysis by engine {engine} "
                      "yet (after an update: every article, once)…")  # fmt: skip
            self._last = now
        if done >= total:
            self._say(f"analysed {total:,} articles")
            self._last = None
        elif now - self._last >= EVERY:
            self._say(f"… {done:,} of {total:,} analysed")
            self._last = now

    def _say(self, text: str) -> None:
        print(f"briefing: {text}", file=self._out or sys.stderr, flush=True)
