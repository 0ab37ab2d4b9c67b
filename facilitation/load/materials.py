"""The materials catalogue (cards/materials.yaml): labels and units by item id."""

from __future__ import annotations

from functools import cache
from typing import Any

from facilitation.text.i18n import tr
from facilitation.resources import data_dir
from facilitation.load.yamlio import read_path


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    f = data_dir("cards").joinpath("materials.yaml")
    doc = read_path(f, display="<built-in>/cards/materials.yaml")
    return doc.data


def material_label(material: Any, lang: str) -> str:
    if material.label:
        return tr(material.label, lang)
    entry = catalogue().get(material.item)
    if entry:
        return tr(entry["label"], lang)
    return material.item
