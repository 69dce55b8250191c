"""Tests of briefing.export (a package so its module names cannot clash with other areas)."""
