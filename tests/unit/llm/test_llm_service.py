"""Use cases end to end against the local server: streamed summary, labelled, grounded."""

from __future__ import annotations

import threading

from briefing.llm.client import ChatClient
from briefing.llm.grounding import split_sentences
from briefing.llm.prompts import prompt_version
from briefing.llm.service import (
    BRIEF_SUMMARY,
    CLAIM_EXPLANATION,
    explain_claim,
    finish,
    summarise_article,
    summarise_brief,
)
from briefing.llm.settings import ProviderSettings

from .fake_openai_server import FakeOpenAIServer

ARTICLE = (
    "The council approved the plan on Tuesday after a long debate.\n"
    "Mayor Jane Doe said 3,000 homes would be built."
)


def test_summary_is_streamed_labelled_and_grounded(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    spans = split_sentences(ARTICLE)
    with ChatClient(settings) as client:
        pieces = list(summarise_article(client, ARTICLE, spans, title="Housing"))
        result = finish(client, "".join(pieces), ARTICLE, spans)
    assert result.text == "The council approved the plan on Tuesday."
    assert result.provider == server.base_url
    assert result.model == "llama3.2:1b"
    assert result.prompt_version == prompt_version()
    assert result.created_at.endswith("Z")
    assert result.grounding.sentences[0].supported
    assert result.grounding.sentences[0].sources == (0,)
    assert "llama3.2:1b" in result.label and "1 of 1 sentences supported" in result.label
    body = server.requests[0].body
    assert body is not None and ARTICLE in body["messages"][1]["content"]


def test_invented_summary_is_flagged(server: FakeOpenAIServer, settings: ProviderSettings) -> None:
    server.state.reply = ("Mayor John Smith", " promised 9,000 homes.")
    with ChatClient(settings) as client:
        text = "".join(summarise_article(client, ARTICLE, split_sentences(ARTICLE)))
        result = finish(client, text, ARTICLE)
    (sentence,) = result.grounding.sentences
    assert not sentence.supported
    assert sentence.unsupported_numbers == ("9,000",)
    assert sentence.unsupported_names == ("Mayor John Smith",)


def test_claim_and_brief_use_their_prompts(
    server: FakeOpenAIServer, settings: ProviderSettings
) -> None:
    stop = threading.Event()
    with ChatClient(settings) as client:
        text = "".join(
            explain_claim(client, "3,000 homes will be built.", ARTICLE, cancel=stop.is_set)
        )
        claim = finish(client, text, ARTICLE, kind=CLAIM_EXPLANATION)
        brief_text = "".join(summarise_brief(client, [("One", ARTICLE), ("Two", "Rain fell.")]))
        brief = finish(client, brief_text, ARTICLE + "\nRain fell.", kind=BRIEF_SUMMARY)
    assert claim.kind == CLAIM_EXPLANATION and brief.kind == BRIEF_SUMMARY
    first, second = (r.body for r in server.requests)
    assert (
        first is not None and "Claim: 3,000 homes will be built." in first["messages"][1]["content"]
    )
    assert second is not None and "Article 2: Two" in second["messages"][1]["content"]
