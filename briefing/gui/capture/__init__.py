"""Send to Briefing in the reader: hosting the loopback capture endpoint while the window
runs (captures imported off the GUI thread, a notice with Open / Undo), in-app pairing with a
short code, and the settings page listing paired extensions.

May import the root building blocks, services and domain.
"""
