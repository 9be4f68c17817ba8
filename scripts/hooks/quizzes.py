"""Placeholder hook: filled in by its owner."""
