"""The result of analysing an article: sentences, summaries, entities and claims.

Its JSON form is the contract of ``briefing analyze --json`` (shared/design/CONTRACTS.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.domain.span import Span

SUMMARY_LENGTHS: tuple[str, ...] = ("headline", "short", "brief")
ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "LOC",
    "MISC",
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
    "QUANTITY",
)
CLAIM_KINDS: tuple[str, ...] = (
    "statistic",
    "quote",
    "attribution",
    "causal",
    "prediction",
    "comparison",
    "other",
)


@dataclass(frozen=True, slots=True)
class EngineInfo:
    name: str
    version: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity with all its mentions merged (ordered by salience in Analysis)."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy statement: a span inside one sentence or covering whole sentences."""

    start: int
    end: int
    score: float
    kind: str
    speaker: str | None = None
    hedged: bool = False
    hedges: tuple[str, ...] = ()  # the hedge words found, e.g. ("about",)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Analysis:
    engine: EngineInfo
    text_sha256: str
    sentences: tuple[Span, ...] = ()
    summaries: dict[str, tuple[int, ...]] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    claim_candidates: tuple[Claim, ...] = ()
    language: str = ""
    layers: dict[str, str] = field(default_factory=dict)

    def summary_spans(self, length: str) -> list[Span]:
        return [self.sentences[i] for i in self.summaries.get(length, ())]

    def layer_notice(self) -> str:
        """A plain line for readers when layers were left empty for this text's language
        ("Entities and claims: English only"), else ""."""
        limited = [name for name, scope in self.layers.items() if scope == "en-only"]
        if not limited or self.language in ("", "en"):
            return ""
        names = " and ".join(limited)
        return f"{names[:1].upper()}{names[1:]}: English only (this text: {self.language})"

    def to_json(self) -> dict[str, Any]:
        """The contract's analysis JSON (without ``text``/``id``, which callers add)."""
        return {
            "engine": {"name": self.engine.name, "version": self.engine.version},
            "text_sha256": self.text_sha256,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "summaries": {k: list(self.summaries.get(k, ())) for k in SUMMARY_LENGTHS},
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "label": e.label,
                    "aliases": list(e.aliases),
                    "mentions": [{"start": m.start, "end": m.end} for m in e.mentions],
                }
                for e in self.entities
            ],
            "claims": [_claim_json(c) for c in self.claims],
            "claim_candidates": [_claim_json(c) for c in self.claim_candidates],
            "language": self.language,
            "layers": dict(self.layers),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            engine=EngineInfo(data["engine"]["name"], data["engine"]["version"]),
            text_sha256=data["text_sha256"],
            sentences=tuple(Span(s["start"], s["end"]) for s in data.get("sentences", [])),
            summaries={k: tuple(v) for k, v in data.get("summaries", {}).items()},
            entities=tuple(
                Entity(
                    id=e["id"],
                    name=e["name"],
                    label=e["label"],
                    aliases=tuple(e.get("aliases", ())),
                    mentions=tuple(Span(m["start"], m["end"]) for m in e.get("mentions", [])),
                )
                for e in data.get("entities", [])
            ),
            claims=tuple(_claim_from_json(c) for c in data.get("claims", [])),
            claim_candidates=tuple(
                _claim_from_json(c) for c in data.get("claim_candidates", [])
            ),
            language=str(data.get("language", "")),
            layers={str(k): str(v) for k, v in data.get("layers", {}).items()},
        )


def _claim_json(c: Claim) -> dict[str, Any]:
    return {
        "start": c.start,
        "end": c.end,
        "score": round(c.score, 4),
        "kind": c.kind,
        "speaker": c.speaker,
        "hedged": c.hedged,
        "hedges": list(c.hedges),
    }


def _claim_from_json(c: dict[str, Any]) -> Claim:
    return Claim(
        start=c["start"],
        end=c["end"],
        score=float(c["score"]),
        kind=c["kind"],
        speaker=c.get("speaker"),
        hedged=bool(c.get("hedged", False)),
        hedges=tuple(c.get("hedges", ())),
    )
