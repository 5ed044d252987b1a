"""Shared pytest configuration."""

pytest_plugins = ["tests.console_emulator.pytest_fixtures"]
