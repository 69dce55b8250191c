"""The window's shell: the main window and its two-stage build, actions and menus, window
commands (open, export, print…), the status bar and banner, the settings dialog and GUI
preferences, page navigation (back to the reader), the single-instance socket and the watch
on the shared library (changes made by other processes).

May import the other rooms (it assembles them), the root building blocks, services and domain.
"""
