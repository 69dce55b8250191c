"""Prompt templates for the language model, loaded lazily from resources/llm/prompts.json.

Builds chat messages for an article summary, a brief summary and a claim explanation. The
templates are data with a ``version`` that is stored with every generated result.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from string import Template

from briefing.domain.span import Span
from briefing.llm.errors import LlmError

PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "article_summary": frozenset({"max_sentences", "title", "article"}),
    "brief_summary": frozenset({"count", "max_sentences", "articles"}),
    "explain_claim": frozenset({"claim", "context", "max_sentences"}),
}
TRUNCATION_NOTE = "[…the rest of the article is omitted…]"


@dataclass(frozen=True, slots=True)
class Prompt:
    system: Template
    user: Template


@dataclass(frozen=True, slots=True)
class PromptSet:
    version: str
    max_input_chars: int
    prompts: Mapping[str, Prompt]

    def messages(self, kind: str, **values: str) -> list[dict[str, str]]:
        prompt = self.prompts[kind]
        return [
            {"role": "system", "content": prompt.system.substitute(values)},
            {"role": "user", "content": prompt.user.substitute(values)},
        ]


@functools.cache
def load_prompts() -> PromptSet:
    """The packaged prompt set (read once, validated)."""
    source = resources.files("briefing.resources") / "llm" / "prompts.json"
    try:
        return parse_prompts(json.loads(source.read_text(encoding="utf-8")))
    except (OSError, ValueError) as err:
        raise LlmError(f"prompt file resources/llm/prompts.json cannot be read: {err}") from None


def parse_prompts(data: object) -> PromptSet:
    """Validate prompt-file data: a version, an input cap and every known prompt kind."""
    if not isinstance(data, dict):
        raise ValueError("top level is not an object")
    version, cap, raw = data.get("version"), data.get("max_input_chars"), data.get("prompts")
    if not isinstance(version, str) or not version:
        raise ValueError("'version' is missing")
    if not isinstance(cap, int) or cap < 1000:
        raise ValueError("'max_input_chars' must be a whole number of at least 1000")
    if not isinstance(raw, dict):
        raise ValueError("'prompts' is not an object")
    prompts: dict[str, Prompt] = {}
    for kind, allowed in PLACEHOLDERS.items():
        entry = raw.get(kind)
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(part), str) for part in ("system", "user")
        ):
            raise ValueError(f"prompt {kind!r} needs 'system' and 'user' text")
        system, user = Template(entry["system"]), Template(entry["user"])
        for template in (system, user):
            if not template.is_valid():
                raise ValueError(f"prompt {kind!r} has a malformed placeholder")
            unknown = set(template.get_identifiers()) - allowed
            if unknown:
                raise ValueError(f"prompt {kind!r} uses unknown placeholders {sorted(unknown)}")
        prompts[kind] = Prompt(system, user)
    return PromptSet(version, cap, prompts)


def article_summary_messages(
    text: str, sentences: Sequence[Span] = (), *, title: str = "", max_sentences: int = 3
) -> list[dict[str, str]]:
    prompts = load_prompts()
    return prompts.messages(
        "article_summary",
        max_sentences=str(max_sentences),
        title=title.strip() or "(none)",
        article=clip_text(text, sentences, prompts.max_input_chars),
    )


def brief_summary_messages(
    articles: Sequence[tuple[str, str]], *, max_sentences: int = 5
) -> list[dict[str, str]]:
    """``articles`` are (title, text) pairs; the input budget is shared between them."""
    if not articles:
        raise LlmError("a brief summary needs at least one article")
    prompts = load_prompts()
    share = max(500, prompts.max_input_chars // len(articles))
    blocks = [
        f"Article {n}: {title.strip() or '(untitled)'}\n{clip_text(text, (), share)}"
        for n, (title, text) in enumerate(articles, 1)
    ]
    return prompts.messages(
        "brief_summary",
        count=str(len(articles)),
        max_sentences=str(max_sentences),
        articles="\n\n".join(blocks),
    )


def explain_claim_messages(
    claim: str, context: str = "", *, max_sentences: int = 4
) -> list[dict[str, str]]:
    prompts = load_prompts()
    return prompts.messages(
        "explain_claim",
        claim=" ".join(claim.split()),
        context=clip_text(context, (), prompts.max_input_chars // 4) or "(none given)",
        max_sentences=str(max_sentences),
    )


def clip_text(text: str, sentences: Sequence[Span], limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a sentence end when spans are given,
    else at a line or word break; a note marks the cut."""
    if len(text) <= limit:
        return text
    budget = limit - len(TRUNCATION_NOTE) - 1
    ends = [s.end for s in sentences if s.end <= budget]
    cut = max(ends) if ends else max(text.rfind("\n", 0, budget), text.rfind(" ", 0, budget))
    if cut <= 0:
        cut = budget
    return text[:cut].rstrip() + "\n" + TRUNCATION_NOTE


def prompt_version() -> str:
    return load_prompts().version
