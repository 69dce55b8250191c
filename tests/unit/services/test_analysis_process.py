"""The analysis child process: analyses made in another process equal the in-thread ones;
cancelling stops a running child; engines it cannot build, the off switch and a closed
child fall back to the calling thread."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from briefing.analysis import get_engine, register_engine
from briefing.domain import Analysis, EngineInfo, text_sha256
from briefing.services.analysis_process import (
    ENV_SWITCH,
    AnalysisCancelled,
    AnalysisProcess,
    runs_in_child,
)
from briefing.services.child_process import LOWER_PRIORITY

TEXT = ("Harbour cranes idle\n\nDock workers in Rotterdam stopped work on Monday, the union "
        "said, after talks on pay collapsed. \"We will not go back,\" Anna de Vries said.\n")


@pytest.fixture
def process(monkeypatch: pytest.MonkeyPatch) -> Iterator[AnalysisProcess]:
    monkeypatch.setenv(ENV_SWITCH, "1")
    found = AnalysisProcess()
    yield found
    found.close()


def test_the_analysis_is_made_in_another_process_and_equals_the_threads(
        process: AnalysisProcess) -> None:
    assert not process.running()  # nothing starts before it is needed
    pid = process.child_pid()
    assert pid is not None and pid != os.getpid()
    assert process.running()
    made = process.analyse("builtin", TEXT)
    assert made == get_engine("builtin").analyse(TEXT)
    assert made.text_sha256 == text_sha256(TEXT)
    assert process.child_pid() == pid  # one persistent child
    with open(f"/proc/{pid}/stat") as stat:  # field 19: niceness (after the command's ")")
        niceness = int(stat.read().rsplit(")", 1)[1].split()[16])
    assert niceness == min(os.nice(0) + LOWER_PRIORITY, 19) > os.nice(0)  # the GUI first


def test_cancel_stops_a_running_child(process: AnalysisProcess) -> None:
    pid = process.child_pid()  # started: the engine itself is built by the first analysis
    assert pid is not None
    asked = threading.Event()

    def cancelled() -> bool:  # raised at the waiter's first look, the analysis running
        asked.set()
        return True

    with pytest.raises(AnalysisCancelled):
        process.analyse("builtin", TEXT * 20, cancelled)
    assert asked.is_set()
    assert not process.running()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # stopped and reaped
    again = process.analyse("builtin", TEXT)  # a new child when next needed
    assert again.text_sha256 == text_sha256(TEXT)
    assert process.child_pid() not in (None, pid)


def test_a_cancelled_analysis_can_be_left_to_end_in_the_child(
        process: AnalysisProcess) -> None:
    pid = process.child_pid()
    with pytest.raises(AnalysisCancelled):
        process.analyse("builtin", TEXT * 20, lambda: True, stop_on_cancel=False)
    assert process.pids() == [pid]  # the engine stays built for the next article
    assert process.analyse("builtin", TEXT).text_sha256 == text_sha256(TEXT)
    assert process.child_pid() == pid


def test_close_stops_the_child_and_later_analyses_run_here(process: AnalysisProcess) -> None:
    pid = process.child_pid()
    assert pid is not None
    process.close()
    assert not process.running()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert process.child_pid() is None
    assert process.analyse("builtin", TEXT) == get_engine("builtin").analyse(TEXT)


class HereOnly:
    """An engine registered in this process only: the child would not know it."""

    def __init__(self) -> None:
        self.pids: list[int] = []

    @property
    def info(self) -> EngineInfo:
        return EngineInfo("here-only", "1")

    def analyse(self, text: str) -> Analysis:
        self.pids.append(os.getpid())
        return Analysis(engine=self.info, text_sha256=text_sha256(text))


def test_engines_the_child_cannot_build_run_in_the_calling_thread(
        process: AnalysisProcess) -> None:
    engine = HereOnly()
    register_engine("here-only", lambda: engine)
    assert not runs_in_child("here-only")
    made = process.analyse("here-only", TEXT)
    assert made.engine == engine.info and engine.pids == [os.getpid()]
    assert not process.running()  # no child was started for it


def test_the_switch_turns_the_child_off(process: AnalysisProcess,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert runs_in_child("builtin")
    monkeypatch.setenv(ENV_SWITCH, "0")
    assert not runs_in_child("builtin")
    assert process.analyse("builtin", TEXT).text_sha256 == text_sha256(TEXT)
    assert not process.running()


def test_an_idle_child_is_stopped_and_started_again_when_needed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SWITCH, "1")
    process = AnalysisProcess(idle_s=0.3)
    try:
        process.analyse("builtin", TEXT)
        pids = process.pids()
        assert len(pids) == 1
        deadline = time.monotonic() + 20
        while _alive(pids[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pids[0]) and not process.running()
        assert process.analyse("builtin", TEXT).text_sha256 == text_sha256(TEXT)
        assert process.pids() not in ([], pids)
    finally:
        process.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
