"""Pydantic models and enumerations of the Console API contract."""
