"""The reader window: the only package that imports PySide6 (Qt).

Entry points: :func:`briefing.gui.app.run` (``briefing gui``) and :func:`briefing.gui.app.main`.
"""
