"""The materials checklist in one language: each need with its label, unit and uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.load.printdata import catalogue
from facilitation.plan.quantities import Need
from facilitation.text.i18n import tr
from facilitation.view.words import material_label, unit_word

ORDER = {"sticky-notes": 0, "voting-dots": 1, "markers": 2}  # the most used first


@dataclass
class ChecklistLine:
    item: str
    colour: str | None
    label: str
    quantity: float = 0
    unit: str = ""
    reusable: bool = False
    uses: list[str] = field(default_factory=list)  # titles of the exercises that use it
    pack: int | None = None


def checklist_lines(needs: list[Need], lang: str) -> list[ChecklistLine]:
    cat = catalogue()
    lines = []
    for n in needs:
        entry = cat.get(n.item)
        lines.append(
            ChecklistLine(
                n.item,
                n.colour,
                material_label(n.material, lang),
                n.quantity,
                unit=unit_word(entry.unit if entry else None, _shown(n.quantity), lang),
                reusable=n.reusable,
                uses=list(dict.fromkeys(_use_title(ex, v, lang) for ex, v in n.uses_as)),
                pack=entry.pack if entry else None,
            )
        )
    return sorted(lines, key=lambda n: (ORDER.get(n.item, 9), n.label, n.colour or ""))


def _use_title(ex: Any, variant: str | None, lang: str) -> str:
    """A method as the checklist names it: a logistics block by its variant's title."""
    v = ex.variant_of(variant) if variant else None
    return tr(v.title if v is not None else ex.title, lang)


def _shown(quantity: float) -> float:
    """The quantity as the checklist prints it (whole numbers rounded)."""
    return round(quantity) if abs(quantity - round(quantity)) < 1e-9 else quantity
