"""Docks, dialogs and the options page."""
