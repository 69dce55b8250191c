"""Briefs in the GUI: the brief builder panel, the HTML preview (print, PDF, export) and the
article revisions viewer."""

from briefing.gui.briefs.brief_panel import BriefPanel
from briefing.gui.briefs.preview_dialog import PreviewDialog
from briefing.gui.briefs.revisions_dialog import RevisionsDialog

__all__ = ["BriefPanel", "PreviewDialog", "RevisionsDialog"]
