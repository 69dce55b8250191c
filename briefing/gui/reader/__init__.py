"""The article being read: the article area (title, byline, warnings) and view with its
highlight layers and structure formatting, the find bar, the selection bar, the annotator
with its undo commands and dialogs (note, verdict), and the session holding the article, its
analysis and annotations.

May import ``panels`` (the side panels it drives), the root building blocks, services and
domain; never ``shell``.
"""
