"""The shared vocabulary: tags and method families, with their labels in French and English
and the other words people type for them (vocabulary/tags.yaml, vocabulary/families.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.load.yamlio import read_path
from facilitation.resources import data_dir


@dataclass(frozen=True)
class Term:
    """A tag or a family: its id, its label per language, its synonyms per language."""

    id: str
    label: dict[str, str]
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def words(self) -> list[str]:
        """Every way of saying it, in every language: id, labels, synonyms."""
        out = [self.id, *self.label.values()]
        for words in self.synonyms.values():
            out.extend(words)
        return out


def _terms(name: str) -> dict[str, Term]:
    display = f"<built-in>/vocabulary/{name}.yaml"
    doc = read_path(data_dir("vocabulary").joinpath(f"{name}.yaml"), display=display)
    if not isinstance(doc.data, dict):
        raise UserError(Problem("expected a mapping of ids", file=display, line=1))
    out: dict[str, Term] = {}
    for key, entry in doc.data.items():
        entry = entry if isinstance(entry, dict) else {}
        label = _texts(entry.get("label"))
        synonyms = {
            lang: tuple(str(w) for w in words)
            for lang, words in (entry.get("synonyms") or {}).items()
            if isinstance(words, list)
        }
        out[str(key)] = Term(str(key), label or {"fr": str(key), "en": str(key)}, synonyms)
    return out


def _texts(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, str):
        return {"fr": value, "en": value}
    return {}


@cache
def tags() -> dict[str, Term]:
    """The tags exercises may carry, by id."""
    return _terms("tags")


@cache
def families() -> dict[str, Term]:
    """The method families, by id (labels only)."""
    return _terms("families")
