"""The plugin's main dock: connection state and one button per workflow."""
