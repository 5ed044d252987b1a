"""Processing provider ``capella`` and its algorithms (see provider.CapellaProvider)."""
