"""Tests of briefing.llm (client against a real local server, keys, prompts, grounding)."""
