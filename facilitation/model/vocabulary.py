"""The vocabulary as validated models: the tags exercises carry, and the method families.

Why models: a library may add its own tags (its vocabulary/tags.yaml), and a tag written
with a string where the synonyms' list goes must be said with its file and line.
"""

from __future__ import annotations

from typing import Literal

from facilitation.model.types import Model, Text


class Tag(Model):
    """A tag: its label in French and English, and the other words people search it by."""

    label: Text
    synonyms: dict[Literal["fr", "en"], list[str]] = {}

    def words(self) -> list[str]:
        """Every word the tag goes by, in both languages: labels, then synonyms."""
        return list(self.label.values()) + [w for ws in self.synonyms.values() for w in ws]


class Family(Model):
    """A method family (its pictogram on cards, agendas and the booklet)."""

    label: Text
