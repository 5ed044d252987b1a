"""What the plugin shows when a package it needs is missing, and the one-click install."""
