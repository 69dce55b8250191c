"""Data files shipped inside the wheel as ``briefing.resources`` (read with importlib.resources)."""
