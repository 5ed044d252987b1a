"""Workflows the GUI tasks and the Processing algorithms share (one implementation each)."""
