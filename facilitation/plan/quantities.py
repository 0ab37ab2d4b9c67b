"""How many of each thing a session needs: decks, canvases, sheets, materials.

Counts come from the block's people (the session's participants, or a track's group) and its
configuration (the block's `split`, else the exercise's): pairs = people // 2 (an odd one out
joins a pair as a trio), groups from `groups of N` / `N groups`.

Materials: consumables (sticky notes, dots, paper) add up over every block; equipment (a
camera, a timer, markers: `reusable` in the catalogue, or anything counted per session or per
facilitator) serves again, so the checklist takes the largest need of any one block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.plan.supports import param_value
from facilitation.model.exercise import Material, Support
from facilitation.plan.schedule import Plan, Slot


def units(per: str, slot: Slot, facilitators: int = 1) -> int:
    ex = slot.exercise
    people = max(1, slot.people)
    conf = slot.block.split or (ex.configuration if ex else None)
    if per == "participant":
        return people
    if per == "pair":
        return max(1, people // 2)
    if per == "group":
        return conf.groups_for(people) if conf else 1
    if per == "facilitator":
        return max(1, facilitators)
    return 1


def factor(ex: Any, name: str | None, lang: str, overrides: dict[str, Any]) -> int:
    if not name:
        return 1
    value = param_value(ex, name, lang, overrides)
    return int(value) if isinstance(value, int) and value > 0 else 1


def support_copies(support: Support, slot: Slot, lang: str, facilitators: int = 1) -> int:
    ex = slot.exercise
    return (
        units(support.per, slot, facilitators)
        * support.copies
        * factor(ex, support.copies_param, lang, slot.block.params)
    )


@dataclass
class Need:
    item: str
    colour: str | None
    label: str
    quantity: float = 0
    unit: str = ""
    reusable: bool = False
    uses: list[str] = field(default_factory=list)
    pack: int | None = None


def material_needs(plan: Plan, lang: str) -> list[Need]:
    from facilitation.text.i18n import tr
    from facilitation.load.materials import catalogue, material_label

    cat = catalogue()
    needs: dict[tuple[str, str | None], Need] = {}
    n_fac = len(plan.session.facilitators)
    for slot in plan.all_slots():
        ex = slot.exercise
        if ex is None:
            continue
        for m in ex.materials:
            qty = (
                m.quantity
                * units(m.per, slot, n_fac)
                * factor(ex, m.quantity_param, lang, slot.block.params)
            )
            key = (m.item, m.colour)
            entry = cat.get(m.item, {})
            need = needs.get(key)
            if need is None:
                need = needs[key] = Need(
                    m.item,
                    m.colour,
                    material_label(m, lang),
                    unit=tr(entry.get("unit"), lang) if entry.get("unit") else "",
                    reusable=m.per in ("session", "facilitator"),
                    pack=entry.get("pack"),
                )
            if need.reusable:
                need.quantity = max(need.quantity, qty)
            else:
                need.quantity += qty
            title = tr(ex.title, lang)
            if title not in need.uses:
                need.uses.append(title)
    order = {"sticky-notes": 0, "voting-dots": 1, "markers": 2}
    return sorted(needs.values(), key=lambda n: (order.get(n.item, 9), n.label, n.colour or ""))


__all__ = ["Material", "material_needs", "support_copies", "units"]
