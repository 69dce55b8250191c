"""Registry of analysis engines by name: factories registered up front, instances made lazily.

The registry is an object owned by a cached accessor (no module-level mutable state is
touched at import); ``get_engine`` returns one cached instance per name.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache

from briefing.analysis.engine import Engine
from briefing.domain import AnalysisError, EngineInfo


def _builtin_factory() -> Engine:
    from briefing.analysis.builtin import BuiltinEngine

    return BuiltinEngine()


class EngineRegistry:
    def __init__(self) -> None:
        self._factories: dict[str, Callable[[], Engine]] = {"builtin": _builtin_factory}
        self._instances: dict[str, Engine] = {}
        self._lock = threading.Lock()

    def register(self, name: str, factory: Callable[[], Engine]) -> None:
        with self._lock:
            self._factories[name] = factory
            self._instances.pop(name, None)

    def info(self, name: str) -> EngineInfo:
        """The name and version of engine ``name``; the built-in one is not built for it."""
        with self._lock:
            engine = self._instances.get(name)
            builtin = self._factories.get(name) is _builtin_factory
        if engine is not None:
            return engine.info
        if builtin:
            from briefing.analysis.builtin_info import NAME, VERSION

            return EngineInfo(NAME, VERSION)
        return self.get(name).info

    def names(self) -> list[str]:
        return sorted(self._factories)

    def get(self, name: str) -> Engine:
        with self._lock:
            engine = self._instances.get(name)
            if engine is None:
                factory = self._factories.get(name)
                if factory is None:
                    known = ", ".join(sorted(self._factories))
                    raise AnalysisError(f"analysis engine {name!r}: unknown (available: {known})")
                engine = factory()
                self._instances[name] = engine
            return engine


@cache
def _registry() -> EngineRegistry:
    return EngineRegistry()


def get_engine(name: str = "builtin") -> Engine:
    """The cached engine called ``name``; raises AnalysisError for an unknown name."""
    return _registry().get(name)


def engine_info(name: str = "builtin") -> EngineInfo:
    """Name and version of the engine called ``name`` (what cached analyses are keyed by),
    without importing or building the built-in engine; AnalysisError for an unknown name."""
    return _registry().info(name)


def available_engines() -> list[str]:
    return _registry().names()


def register_engine(name: str, factory: Callable[[], Engine]) -> None:
    """Add (or replace) an engine factory; a replaced engine is re-created on next use."""
    _registry().register(name, factory)
