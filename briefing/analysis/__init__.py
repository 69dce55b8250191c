"""Article analysis: the engine protocol, the engine registry and the built-in engine.

Importing this package is cheap: engines and their resources load on first use.
"""

from briefing.analysis.engine import Engine
from briefing.analysis.registry import (
    available_engines,
    engine_info,
    get_engine,
    register_engine,
)

__all__ = ["Engine", "available_engines", "engine_info", "get_engine", "register_engine"]
