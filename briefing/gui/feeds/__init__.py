"""Feeds and reading across articles in the GUI: the feeds page (subscriptions, refresh with
progress, a refresh timer, OPML), the entity page (index, timeline, follow) and the stories
page (clusters, claim comparison, brief from a story).

May import the root building blocks, ``panels`` where it shows claims or entities, services
and domain; never ``shell`` (the shell plugs this room in).
"""

from briefing.gui.feeds.entity_page import EntityPage
from briefing.gui.feeds.feeds_panel import FeedsPanel
from briefing.gui.feeds.refresh_scheduler import RefreshScheduler
from briefing.gui.feeds.stories_panel import StoriesPanel

__all__ = ["EntityPage", "FeedsPanel", "RefreshScheduler", "StoriesPanel"]
