"""How many of each thing a session needs: decks, canvases, sheets, materials.

Counts come from the block's people (the session's participants, or a track's group) and its
configuration (the block's `split`, else the exercise's): pairs = people // 2 (an odd one out
joins a pair as a trio), groups from `groups of N` / `N groups`.

Materials: consumables (sticky notes, dots, paper, tickets) add up over the session's
activities; equipment the catalogue marks `reusable` (cameras, clipboards, markers, timers)
serves again, so the checklist asks for the most in use at the same time: blocks one after
the other share it, parallel tracks add up. An activity carried on over several blocks
(`continues`) counts its consumables once, and keeps its equipment through all its parts.
An outing (a trip out, the field work, the trip back) counts once what its blocks both list:
the tickets and envelopes handed out for the trip are those of the field work. Items for
`everyone` in the room (meals, coffee, badges), counted per participant, also count the
facilitation team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.load.printdata import catalogue
from facilitation.model.exercise import Exercise, Material, Support
from facilitation.plan.supports import block_values, is_blank, param_value, team_units
from facilitation.plan.timeline import Plan, Slot


def units(per: str, slot: Slot, facilitators: int = 1) -> int:
    """How many of a counting unit (participant, pair, group...) a block makes, in its own
    configuration: its `split`, else its exercise's."""
    ex = slot.exercise
    conf = slot.block.split or (ex.configuration if ex else None)
    return team_units(per, slot.people, conf, facilitators)


def team_size(session: Any) -> int:
    """The facilitation team: one person per name under `facilitators`."""
    return len(session.facilitators)


def factor(ex: Any, name: str | None, lang: str, overrides: dict[str, Any]) -> int:
    if not name:
        return 1
    value = param_value(ex, name, lang, overrides)
    return int(value) if isinstance(value, int) and value > 0 else 1


def support_copies(support: Support, slot: Slot, lang: str, facilitators: int = 1) -> int:
    """Copies of a support for a block (of the first part, for an activity carried on): one
    per team it is printed for, times its copies. Blank items stand one for each team
    already: their supports print once."""
    first = slot.first
    ex = first.exercise
    values = block_values(first)
    if any(is_blank(values.get(n)) for n in (support.source, support.each) if n):
        return 1
    return (
        units(support.per, first, facilitators)
        * support.copies
        * factor(ex, support.copies_param, lang, values)
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
    # the same, each with the variant a logistics block runs (a welcome with coffee only is
    # named as such on the checklist)
    uses_as: list[tuple[Exercise, str | None]] = field(default_factory=list)
    # equipment: (day, start, end, quantity) for each block that has some in use
    in_use: list[tuple[int, int, int, float]] = field(default_factory=list)


def materials_of(ex: Exercise, variant: str | None) -> list[Material]:
    """The materials a block needs: the exercise's, less those its variant goes without."""
    v = ex.variant_of(variant)
    dropped = set(v.without) if v is not None else set()
    return [m for m in ex.materials if m.item not in dropped]


def material_quantity(m: Material, slot: Slot, lang: str, team: int) -> float:
    """How much of a material one block (the first part of its activity) needs."""
    first = slot.first
    ex = first.exercise
    qty = (
        m.quantity
        * units(m.per, first, team)
        * factor(ex, m.quantity_param, lang, block_values(first))
    )
    entry = catalogue().get(m.item)
    if entry is not None and entry.everyone and m.per == "participant":
        qty += m.quantity * team
    return qty


def is_reusable(m: Material) -> bool:
    """Equipment that serves again: as the catalogue says; an item it does not know is
    equipment only when counted per facilitator (their own tools)."""
    entry = catalogue().get(m.item)
    return entry.reusable if entry is not None else m.per == "facilitator"


def material_needs(plan: Plan, lang: str) -> list[Need]:
    """Every item the session needs, in the order the exercises first need them."""
    needs: dict[tuple[str, str | None], Need] = {}
    team = team_size(plan.session)
    trip = outings(plan)
    shared: dict[tuple[int, str, str | None], float] = {}  # (outing, item, colour): counted
    for d in plan.days:
        for slot in [s for top in d.slots for s in [top, *top.children]]:
            first = slot.first
            ex = first.exercise
            if ex is None or slot.exercise is None:
                continue
            for m in materials_of(ex, first.block.variant):
                key = (m.item, m.colour)
                need = needs.get(key)
                if need is None:
                    need = needs[key] = Need(m, m.item, m.colour, reusable=is_reusable(m))
                qty = material_quantity(m, first, lang, team)
                if need.reusable:
                    need.in_use.append((d.index, slot.start, slot.end, qty))
                elif slot is first and id(slot) in trip:
                    out = (trip[id(slot)], m.item, m.colour)
                    more = max(0.0, qty - shared.get(out, 0.0))
                    shared[out] = shared.get(out, 0.0) + more
                    need.quantity += more
                elif slot is first:
                    need.quantity += qty
                if ex not in need.uses:
                    need.uses.append(ex)
                use = (ex, first.block.variant if first.block.logistics else None)
                if use not in need.uses_as:
                    need.uses_as.append(use)
    for need in needs.values():
        if need.reusable:
            need.quantity = peak(need.in_use)
    return list(needs.values())


def outings(plan: Plan) -> dict[int, int]:
    """The blocks of each outing, by id: from a trip out (`logistics: travel`) to the trip
    back (its `retour` variant), or to the end of the day, in one sequence of blocks (a day,
    or one track of parallel tracks)."""
    out: dict[int, int] = {}
    sequences: list[list[Slot]] = []
    for d in plan.days:
        sequences.append(d.slots)
        for top in d.slots:
            if top.children:
                tracks: dict[str, list[Slot]] = {}
                for c in top.children:
                    tracks.setdefault(c.track.id if c.track else "", []).append(c)
                sequences.extend(tracks.values())
    n = 0
    for seq in sequences:
        current: int | None = None
        for slot in seq:
            if slot.block.logistics == "travel":
                if slot.block.variant == "retour":
                    if current is not None:
                        out[id(slot)] = current
                    current = None
                    continue
                n += 1
                current = n
            if current is not None:
                out[id(slot)] = current
    return out


def peak(in_use: list[tuple[int, int, int, float]]) -> float:
    """The most in use at any one time: what blocks running at once need together. A block
    that ends as another starts hands its equipment on."""
    spans = [u for u in in_use if u[2] > u[1]]
    events = sorted(
        [(day, start, 1, q) for day, start, _, q in spans]
        + [(day, end, 0, -q) for day, _, end, q in spans]
    )
    best = now = 0.0
    for _, _, _, q in events:
        now += q
        best = max(best, now)
    return best
