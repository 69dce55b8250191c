"""Prompt templates: packaged data with a version, validated, input clipped at sentences."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from briefing.domain.span import Span
from briefing.llm.prompts import (
    TRUNCATION_NOTE,
    article_summary_messages,
    brief_summary_messages,
    clip_text,
    explain_claim_messages,
    load_prompts,
    parse_prompts,
)


def packaged() -> dict[str, object]:
    path = resources.files("briefing.resources") / "llm" / "prompts.json"
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_packaged_prompts_load_with_a_version() -> None:
    prompts = load_prompts()
    assert prompts.version == packaged()["version"]
    assert set(prompts.prompts) == {"article_summary", "brief_summary", "explain_claim"}


def test_article_summary_messages_carry_the_article() -> None:
    system, user = article_summary_messages("Rain fell.", title="Weather", max_sentences=2)
    assert system["role"] == "system" and "only facts" in system["content"]
    assert user["role"] == "user"
    assert "Rain fell." in user["content"] and "Weather" in user["content"]
    assert "at most 2 sentences" in user["content"]


def test_brief_and_claim_messages() -> None:
    _, user = brief_summary_messages([("A", "First text."), ("B", "Second text.")])
    assert "Article 1: A\nFirst text." in user["content"]
    assert "Article 2: B\nSecond text." in user["content"]
    _, user = explain_claim_messages("Crime fell   20%.", "Police said crime fell 20%.")
    assert "Claim: Crime fell 20%." in user["content"]
    assert "evidence" in user["content"]


def test_text_with_braces_and_dollars_is_inserted_verbatim() -> None:
    text = "Costs ${x} and {y} rose $5."
    _, user = article_summary_messages(text)
    assert text in user["content"]


def test_long_article_is_clipped_at_a_sentence_end() -> None:
    sentence = "The council met again today. "
    text = (sentence * 1000).strip()
    spans = [Span(i * len(sentence), i * len(sentence) + len(sentence) - 1) for i in range(1000)]
    clipped = clip_text(text, spans, 1000)
    assert len(clipped) <= 1000
    assert clipped.endswith("today.\n" + TRUNCATION_NOTE)
    assert clip_text("short", spans, 1000) == "short"


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        ({"version": ""}, "version"),
        ({"max_input_chars": 10}, "max_input_chars"),
        ({"prompts": {}}, "needs 'system' and 'user'"),
    ],
)
def test_broken_prompt_files_are_refused(change: dict[str, object], pattern: str) -> None:
    data = packaged() | change
    with pytest.raises(ValueError, match=pattern):
        parse_prompts(data)


def test_unknown_placeholder_is_refused() -> None:
    data = packaged()
    prompts = dict(data["prompts"])  # type: ignore[call-overload]
    prompts["explain_claim"] = {"system": "x", "user": "${claim} ${secret}"}
    with pytest.raises(ValueError, match="unknown placeholders"):
        parse_prompts(data | {"prompts": prompts})
