"""The GUI of the optional language-model support: provider dialog, side-panel tab, workers.

May import the root building blocks, ``panels`` where it shows claims or entities, services
and domain; never ``shell`` (the shell plugs this room in).
"""
