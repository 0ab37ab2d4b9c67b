"""Renderers: they take validated models and plans, never raw YAML."""
