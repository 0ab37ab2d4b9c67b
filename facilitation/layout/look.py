"""The kit's visual language applied to one thing: the colour, light tint and pictogram of a
block, an arc or a method family, as the theme (cards/themes.yaml) gives them.

Why here, with no drawing: cards, agendas, the run-sheet and the booklet must agree on what a
block looks like; they all ask this module, and tests can ask it too without a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from facilitation.model.printdata import Theme


def tint(colour: str, share: float = 0.18) -> str:
    """`colour` mixed with white: `share` of the colour (a light fill that text sits on)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * share) for c in (r, g, b)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def darker(colour: str, share: float = 0.75) -> str:
    """`colour` darkened (text in an arc's colour that must read on white)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * share) for c in (r, g, b)))


@dataclass(frozen=True)
class Look:
    colour: str  # the block's colour: its arc's, or its kind's
    tint: str  # a light fill of it
    icon: str  # its pictogram: the method family's, else the arc's; or the kind's
    arc_icon: str  # the arc's pictogram ('' for a block that is not a method)


def arc_look(arc: str, theme: Theme) -> Look:
    a = theme.arcs[arc]  # type: ignore[index]
    return Look(a.colour, a.tint or tint(a.colour), a.icon, a.icon)


def family_icon(family: str, arc: str, theme: Theme) -> str:
    """A method's pictogram: its family's, else its arc's."""
    return theme.families.get(family) or theme.arcs[arc].icon  # type: ignore[index]


def block_look(row: dict[str, Any], theme: Theme) -> Look:
    """What an agenda row (view/agenda.py) looks like: a method in its arc's colour with its
    family's pictogram; a break, a meal, a trip, a free block or parallel tracks in their
    kind's colour and pictogram."""
    kind = row.get("look") or ""
    if kind and kind in theme.kinds:
        k = theme.kinds[kind]  # type: ignore[index]
        return Look(k.colour, tint(k.colour, 0.16), k.icon, "")
    arc = row.get("arc") or "logistics"
    a = arc_look(arc, theme)
    return Look(a.colour, a.tint, family_icon(row.get("family") or "", arc, theme), a.icon)
