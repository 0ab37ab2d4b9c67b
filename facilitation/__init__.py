"""facilitation: workshop methods in YAML, printed as kits for the room."""

__version__ = "0.1.0"
