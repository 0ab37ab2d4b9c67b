"""Card designs: what is drawn on a card, as boxes in millimetres inside its trim box.

A design takes a card's content and size and returns elements; it knows nothing of sheets.
Coordinates: origin at the card's bottom-left trim corner. Elements marked `bleed` run past
the trim into the bleed when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from facilitation.model.printdata import Theme
from facilitation.view.cards import CardContent


def is_dark(colour: str) -> bool:
    """Whether white text reads better than ink on this fill (relative luminance below 0.3)."""

    def channel(i: int) -> float:
        c = int(colour[i : i + 2], 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    return lum < 0.3


@dataclass
class Element:
    kind: str  # rect | text | line | image | circle | hatch | icon (path: the icon's name)
    x: float
    y: float
    w: float = 0
    h: float = 0
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.5  # line width, points
    bleed: bool = False
    # text
    text: str = ""
    size: float = 10
    min_size: float = 7
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left | center | right
    valign: str = "top"  # top | middle | bottom
    colour: str = "#111111"
    leading: float = 1.2
    rich: bool = False  # `text` is a list of (style, text) runs joined as paragraphs
    runs: list[tuple[str, str]] = field(default_factory=list)
    # image
    path: Any = None
    dash: tuple[float, ...] | None = None
    hyphenate: bool = True


@dataclass
class Face:
    """One side of one card."""

    elements: list[Element]
    name: str  # for messages: "debat-mouvant / affirmations #2"
    where: tuple[str | None, int | None, int | None] | None = None  # its text's file, line


def with_floor(elements: list[Element], floor: float) -> list[Element]:
    """The elements with no text set or shrunk below `floor` points (a card format's minimum
    type size): a smaller size is raised to it, and the text must fit its box there."""
    out = []
    for el in elements:
        if el.kind == "text" and (el.size < floor or el.min_size < floor):
            el = replace(el, size=max(el.size, floor), min_size=max(el.min_size, floor))
        out.append(el)
    return out


def _band(w: float, h: float, colour: str, height: float) -> Element:
    return Element("rect", 0, h - height, w, height, fill=colour, bleed=True)


def pictogram(
    name: str,
    x: float,
    y: float,
    size: float,
    colour: str,
    fill: str | None = None,
    weight: float = 2.2,
) -> Element:
    """A pictogram (an icon of facilitation/icons/) in a square of `size` mm at (x, y), its
    strokes in `colour`, on a square of `fill` when given."""
    return Element("icon", x, y, size, size, path=name, stroke=colour, fill=fill, width=weight)


def card_icon(family: str, arc: str, theme: Theme) -> str:
    """A card's pictogram: its method family's, else its arc's."""
    return theme.families.get(family) or theme.arcs[arc].icon  # type: ignore[index]


def front(card: CardContent, w: float, h: float, safe: float, theme: Theme) -> Face:
    """The front of a participant card."""
    ink, muted = theme.ink, theme.muted
    arc = theme.arcs[card.arc]
    f = card.fields
    s = safe
    iw = w - 2 * s
    els: list[Element] = []
    scale = min(w / 63, h / 88)  # type grows with the card
    # the arc's band at the top, the method's pictogram in the arc's colour and the deck's
    # title beside it: colour plus pictogram plus words, never colour alone
    els.append(_band(w, h, arc.colour, 2.2 * scale))
    chip = 6.2 * scale
    chip_y = h - s - chip - 0.6 * scale
    els.append(
        pictogram(card_icon(card.family, card.arc, theme), s, chip_y, chip, ink, fill=_tint(arc))
    )
    els.append(
        Element(
            "text",
            s + chip + 1.6 * scale,
            chip_y,
            iw - chip - 1.6 * scale,
            chip,
            text=card.title.upper(),
            size=max(7.5, 7 * scale),
            min_size=7,
            bold=True,
            colour=muted,
            valign="middle",
            leading=1.05,
            hyphenate=False,
        )
    )
    top = chip_y - 2.2 * scale
    layout = card.layout
    bottom = s  # the content's lowest edge: above the instruction line, when there is one
    if card.instruction:
        line_h = max(8.5 * scale, 8.0)  # two lines at 7 pt, even on a small card
        els.append(
            Element(
                "line",
                s,
                s + line_h + 1.2 * scale,
                s + iw,
                s + line_h + 1.2 * scale,
                stroke=theme.rule,
                width=0.4,
            )
        )
        els.append(
            Element(
                "text",
                s,
                s,
                iw,
                line_h,
                text=card.instruction,
                size=7.5 * scale,
                min_size=6,
                italic=True,
                align="center",
                valign="middle",
                colour=muted,
                hyphenate=False,
            )
        )
        bottom = s + line_h + 2.5 * scale
    if f.get("_blank"):
        els.extend(_blank_fields(f.get("_labels") or {}, s, bottom, iw, top - bottom, scale, theme))
        return Face(els, card.name)
    if layout == "statement":
        els.append(
            Element(
                "text",
                s,
                bottom + 4 * scale,
                iw,
                top - bottom - 4 * scale,
                text=f["text"],
                size=23 * scale,
                min_size=9,
                bold=True,
                align="center",
                valign="middle",
                colour=ink,
                leading=1.15,
                hyphenate=False,
            )
        )
    elif layout == "hat":
        colour = theme.swatches.get(str(f.get("colour", "")).strip().lower(), "#ffffff")
        els.append(
            Element("rect", s, top - 15 * scale, iw, 13 * scale, fill=colour, stroke=ink, width=0.6)
        )
        els.append(
            Element(
                "text",
                s + 2,
                top - 15 * scale,
                iw - 4,
                13 * scale,
                text=f.get("name", ""),
                size=13 * scale,
                min_size=8,
                bold=True,
                align="center",
                valign="middle",
                colour="#ffffff" if is_dark(colour) else ink,
                hyphenate=False,
            )
        )
        runs = [("italic", f.get("stance", ""))] + [("bullet", q) for q in f.get("questions", [])]
        els.append(
            Element(
                "text",
                s,
                bottom,
                iw,
                top - 17 * scale - bottom,
                rich=True,
                runs=runs,
                size=10 * scale,
                min_size=7,
                colour=ink,
            )
        )
    elif layout == "tension":
        left, right = f.get("left", ""), f.get("right", "")
        mid = h / 2
        els.append(
            Element(
                "text",
                s,
                mid + 6 * scale,
                iw,
                top - mid - 6 * scale,
                text=left,
                size=17 * scale,
                min_size=8,
                bold=True,
                align="center",
                valign="bottom",
                colour=ink,
            )
        )
        els.append(
            Element(
                "text",
                s,
                bottom,
                iw,
                mid - 6 * scale - bottom,
                text=right,
                size=17 * scale,
                min_size=8,
                bold=True,
                align="center",
                valign="top",
                colour=ink,
            )
        )
        n = 5
        for i in range(n):
            cx = s + iw * (i + 0.5) / n
            els.append(Element("circle", cx, mid, 2.2 * scale, stroke=ink, width=0.7))
        els.append(
            Element(
                "line",
                s + iw * 0.5 / n + 2.2 * scale,
                mid,
                s + iw * (n - 0.5) / n - 2.2 * scale,
                mid,
                stroke=muted,
                width=0.4,
                dash=(1, 1.5),
            )
        )
    elif layout == "capture":
        els.append(
            Element(
                "text",
                s,
                top - 10 * scale,
                iw,
                10 * scale,
                text=f.get("text", ""),
                size=12.5 * scale,
                min_size=7,
                bold=True,
                colour=ink,
            )
        )
        y = top - 16 * scale
        while y > bottom + 2:
            els.append(Element("line", s, y, s + iw, y, stroke=theme.rule, width=0.4))
            y -= 7 * scale
    elif layout == "starter":
        credit = f.get("credit", "")
        low = bottom + (3.2 * scale if credit else 0)
        els.append(Element("image", s, low, iw, top - low, path=f["path"], stroke=theme.rule))
        if credit:  # the deck's licence asks for it: small, under the picture
            els.append(
                Element(
                    "text",
                    s,
                    bottom,
                    iw,
                    3 * scale,
                    text=credit,
                    size=4.5 * scale,
                    min_size=4,
                    align="right",
                    valign="bottom",
                    colour=muted,
                    hyphenate=False,
                )
            )
    elif layout in ("persona", "role"):
        title = f.get("name", "")
        els.append(
            Element(
                "text",
                s,
                top - 9 * scale,
                iw,
                9 * scale,
                text=title,
                size=13 * scale,
                min_size=8,
                bold=True,
                colour=ink,
            )
        )
        runs: list[tuple[str, str]] = []
        for key, value in f.items():
            if key == "name" or key.startswith("_"):
                continue
            label = f.get("_labels", {}).get(key, key)
            if key == "quote":
                bare = str(value).strip().strip('«»“”"').strip()
                runs.append(("italic", f"« {bare} »" if card.lang == "fr" else f"“{bare}”"))
                continue
            runs.append(("label", label))
            if isinstance(value, list):
                runs.extend(("bullet", v) for v in value)
            else:
                runs.append(("body", str(value)))
        els.append(
            Element(
                "text",
                s,
                bottom,
                iw,
                top - 10 * scale - bottom,
                rich=True,
                runs=runs,
                size=9.5 * scale,
                min_size=7,
                colour=ink,
            )
        )
    else:  # prompt, and any other list-fed layout
        els.append(
            Element(
                "text",
                s,
                bottom + 2 * scale,
                iw,
                top - bottom - 2 * scale,
                text=f["text"],
                size=19 * scale,
                min_size=7.5,
                bold=False,
                align="left",
                valign="middle",
                colour=ink,
                leading=1.2,
                hyphenate=False,  # display-size text: whole words only
            )
        )
    return Face(els, card.name)


def _blank_fields(
    labels: dict[str, str], x: float, y: float, w: float, h: float, scale: float, theme: Theme
) -> list[Element]:
    """A card to fill in by hand: each field's label over ruled lines (the name gets one line,
    a quote two, the others share the rest); a card without fields is all lines."""
    gap = 7.0  # mm between ruled lines: handwriting is the same size on any card
    lab = 4.2 * min(scale, 1.2)
    keys = list(labels)
    if not keys:
        out = []
        line_y = y + h - gap
        while line_y > y + 1:
            out.append(Element("line", x, line_y, x + w, line_y, stroke=theme.rule, width=0.4))
            line_y -= gap
        return out
    fixed = {"name": 1, "quote": 2}
    total = int((h - lab * len(keys)) // gap)
    rest = [k for k in keys if k not in fixed]
    left = max(0, total - sum(fixed.get(k, 0) for k in keys))
    lines = {k: fixed.get(k, 0) for k in keys}
    for i, k in enumerate(rest):
        lines[k] = max(1, left // len(rest) + (1 if i < left % len(rest) else 0))
    out = []
    top = y + h
    for k in keys:
        out.append(
            Element(
                "text",
                x,
                top - lab,
                w,
                lab,
                text=labels[k],
                size=7.5 * min(scale, 1.2),
                min_size=6,
                bold=True,
                colour=theme.muted,
                valign="top",
            )
        )
        top -= lab
        for _ in range(lines[k]):
            top -= gap
            if top < y:
                break
            out.append(Element("line", x, top, x + w, top, stroke=theme.rule, width=0.4))
    return out


def back(
    title: str,
    programme: str,
    arc: str,
    arc_label: str,
    w: float,
    h: float,
    safe: float,
    theme: Theme,
    logo: Any = None,
    tagline: str = "",
    family: str = "",
) -> list[Element]:
    """A deck's back: the method's pictogram, the phase's colour, pictogram and name, the
    exercise's title and its one-line purpose (what participants hold the cards for), the
    programme or its logo."""
    a = theme.arcs[arc]
    scale = min(w / 63, h / 88)
    els: list[Element] = []
    style = theme.back_style
    if style == "solid":
        els.append(Element("rect", 0, 0, w, h, fill=a.colour, bleed=True))
    elif style == "pattern":
        els.append(Element("hatch", 0, 0, w, h, stroke=a.colour, width=1.2, bleed=True))
    inner = Element(  # no frame near the trim: a shifted back would show it at once
        "rect",
        safe,
        safe,
        w - 2 * safe,
        h - 2 * safe,
        fill="#ffffff",
    )
    els.append(inner)
    iw = w - 2 * safe - 4
    # the method's pictogram, large, over the arc's colour bar
    big = min(17 * scale, h * 0.34 - safe - 4 * scale)
    els.append(
        pictogram(
            card_icon(family, arc, theme),
            (w - big) / 2,
            h * 0.66 + 3.4 * scale,
            big,
            theme.ink,
            weight=1.9,
        )
    )
    # the phase's colour as a bar above the title: colour with its name, never colour alone
    bar_w = 18 * scale
    els.append(
        Element(
            "rect",
            (w - bar_w) / 2,
            h * 0.66,
            bar_w,
            2.2 * scale,
            fill=a.colour,
            stroke=theme.ink,
            width=0.5,
        )
    )
    els.append(
        Element(
            "text",
            safe + 2,
            h * 0.66 - 15 * scale,
            iw,
            13 * scale,
            text=title,
            size=12 * scale,
            min_size=6,
            bold=True,
            align="center",
            valign="bottom",
            colour=theme.ink,
            hyphenate=False,
        )
    )
    if tagline:
        els.append(
            Element(
                "text",
                safe + 3,
                h * 0.66 - 37 * scale,
                iw - 2,
                20 * scale,
                text=tagline,
                size=8.5 * scale,
                min_size=5.5,
                italic=True,
                align="center",
                valign="top",
                colour=theme.ink,
                hyphenate=False,
            )
        )
    # the arc: its pictogram in its colour and its name
    arc_chip = 5.5 * scale
    els.append(
        pictogram(a.icon, (w - arc_chip) / 2, safe + 17 * scale, arc_chip, theme.ink, fill=_tint(a))
    )
    els.append(
        Element(
            "text",
            safe + 2,
            safe + 11 * scale,
            iw,
            5 * scale,
            text=arc_label,
            size=max(7.5, 7.5 * scale),
            min_size=7,
            bold=True,
            align="center",
            valign="bottom",
            colour=theme.muted,
        )
    )
    if logo is not None:
        els.append(Element("image", w / 2 - 10 * scale, safe + 3, 20 * scale, 9 * scale, path=logo))
    else:
        els.append(
            Element(
                "text",
                safe + 2,
                safe + 2,
                w - 2 * safe - 4,
                8 * scale,
                text=programme,
                size=7.5 * scale,
                min_size=5.5,
                align="center",
                valign="bottom",
                colour=theme.muted,
            )
        )
    return els


def _tint(arc: Any) -> str:
    from facilitation.layout.look import tint

    return arc.tint or tint(arc.colour, 0.35)


def _dark(colour: str) -> str:
    from facilitation.layout.look import darker

    return darker(colour, 0.75)
