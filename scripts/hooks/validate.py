"""Placeholder: content validation (being written)."""
