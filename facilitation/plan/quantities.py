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

from facilitation.model.exercise import Exercise, Material, Support
from facilitation.plan.supports import param_value
from facilitation.plan.timeline import Plan, Slot


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
    """How much of one item (and colour) the session needs, and which exercises use it."""

    material: Material  # the first material entry naming it (for its label)
    item: str
    colour: str | None
    quantity: float = 0
    reusable: bool = False
    uses: list[Exercise] = field(default_factory=list)


def material_needs(plan: Plan, lang: str) -> list[Need]:
    """Every item the session needs, added up over its blocks (equipment: the largest need),
    in the order the exercises first need them."""
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
            need = needs.get(key)
            if need is None:
                need = needs[key] = Need(
                    m, m.item, m.colour, reusable=m.per in ("session", "facilitator")
                )
            if need.reusable:
                need.quantity = max(need.quantity, qty)
            else:
                need.quantity += qty
            if ex not in need.uses:
                need.uses.append(ex)
    return list(needs.values())
