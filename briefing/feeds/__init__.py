"""RSS/Atom feeds, Qt-free: fetching (conditional GET), parsing, OPML and the refresh policy.

The modules are imported on demand (``briefing.feeds.fetch`` pulls in httpx,
``briefing.feeds.parse`` feedparser); the use cases live in :mod:`briefing.services.feeds`.
"""
