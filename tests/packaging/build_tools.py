"""Helpers the packaging tests share: running a command that must succeed, the repository root."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(args: list[str | Path], cwd: Path, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """Run ``args`` without the caller's PYTHONPATH/PYTHONHOME; fail the test on a non-zero exit."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done
