"""engine_info: the name and version cached analyses are keyed by, without building (or even
importing) the built-in engine; a cached analysis is read without the engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.analysis import engine_info, get_engine
from briefing.analysis.registry import EngineRegistry
from briefing.domain import AnalysisError, EngineInfo
from briefing.paths import ENV_OVERRIDE

SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "siversk.txt"


def test_builtin_info_is_the_engines_own() -> None:
    assert engine_info("builtin") == get_engine("builtin").info


def test_unknown_engine_is_named() -> None:
    with pytest.raises(AnalysisError, match="no-such-engine"):
        engine_info("no-such-engine")


def test_other_engines_are_asked() -> None:
    class Echo:
        info = EngineInfo("echo-info-test", "7")

        def analyse(self, text: str) -> object:
            raise AssertionError("not for info")

    registry = EngineRegistry()  # a registry of its own: the shared one stays as it was
    registry.register("echo-info-test", Echo)  # type: ignore[arg-type]
    assert registry.info("echo-info-test") == EngineInfo("echo-info-test", "7")


PROBE = """
import json, sys
from briefing.analysis import engine_info
from briefing.services import Library
from briefing.services.articles import get_article, analysis_for
info = engine_info()
lib = Library.open()
analysis = analysis_for(lib, get_article(lib, int(sys.argv[1])))
print(json.dumps({"info": [info.name, info.version], "entities": len(analysis.entities),
                  "builtin": "briefing.analysis.builtin" in sys.modules,
                  "tagger": "briefing.analysis.tagger" in sys.modules}))
"""


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/samples/siversk.txt is missing")
def test_cached_analysis_is_read_without_the_engine(tmp_path: Path) -> None:
    env = {**os.environ, ENV_OVERRIDE: str(tmp_path)}
    imported = subprocess.run(
        [sys.executable, "-m", "briefing", "import", str(SAMPLE)],
        env=env, capture_output=True, text=True, check=True,
    )
    article_id = int(imported.stdout.split()[-1])  # `import` prints the new article's id
    out = subprocess.run([sys.executable, "-c", PROBE, str(article_id)], env=env,
                         capture_output=True, text=True, check=True)
    found = json.loads(out.stdout)
    assert found["entities"] > 0  # the analysis stored at import, read back
    assert found["info"] == ["builtin", get_engine().info.version]
    assert not found["builtin"] and not found["tagger"]


def test_claim_model_reads_as_plain_json() -> None:
    """The GIL-friendly parse of claims.json gives exactly what json.loads gives."""
    from briefing.analysis.resources import _read_text, claim_model

    plain = json.loads(_read_text("claims.json"))
    loaded = claim_model()  # scoring may have cached lookup tables in it under other keys
    assert {key: loaded[key] for key in plain} == plain
