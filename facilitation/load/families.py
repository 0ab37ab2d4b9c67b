"""Method families (vocabulary/families.yaml): each method's family, with its label."""

from __future__ import annotations

from functools import cache
from typing import Any

from facilitation.load.yamlio import read_path
from facilitation.resources import data_dir


@cache
def families() -> dict[str, dict[str, Any]]:
    """Family id -> its entry ({label: {fr, en}}), from the built-in vocabulary."""
    f = data_dir("vocabulary").joinpath("families.yaml")
    doc = read_path(f, display="<built-in>/vocabulary/families.yaml")
    return doc.data if isinstance(doc.data, dict) else {}


def family_label(family_id: str | None, lang: str) -> str:
    """A family's label in `lang` (its id when the vocabulary does not know it)."""
    if not family_id:
        return ""
    entry = families().get(family_id) or {}
    label = entry.get("label") or {}
    return str(label.get(lang) or label.get("fr") or family_id)
