"""Validated models: they know nothing of files or PDF."""
