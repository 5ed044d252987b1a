"""Processing provider and algorithms (added by a later change)."""
