"""Pausing the cyclic garbage collector around bulk work: nested and concurrent uses are
counted, collection resumes after the last (even on an error)."""

from __future__ import annotations

import gc

import pytest

from briefing.services.gc_pause import gc_paused


def test_collection_resumes_after_the_outermost_pause() -> None:
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("bulk work failed")
    assert gc.isenabled()
    gc.unfreeze()
