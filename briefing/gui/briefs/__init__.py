"""Briefs in the GUI: the brief builder panel, the HTML preview (print, PDF, export) and the
article revisions viewer.

May import the root building blocks, ``panels`` where it shows claims or entities, services
and domain; never ``shell`` (the shell plugs this room in).
"""

from briefing.gui.briefs.brief_panel import BriefPanel
from briefing.gui.briefs.preview_dialog import PreviewDialog
from briefing.gui.briefs.revisions_dialog import RevisionsDialog

__all__ = ["BriefPanel", "PreviewDialog", "RevisionsDialog"]
