"""The GUI of the optional language-model support: provider dialog, side-panel tab, workers."""
