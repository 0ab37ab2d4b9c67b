"""The facilitator card: the method's sheet fitted on one card, or over its two sides at one
type size (the largest that fits), measured with the typesetter's own metrics."""

from __future__ import annotations

from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.layout.card_design import Element, Face, card_icon, pictogram
from facilitation.layout.look import tint
from facilitation.model.printdata import Theme
from facilitation.render.cards_pdf import RunTable, fitted_of, prime, total_height
from facilitation.text.messages import _
from facilitation.view.sheet import SheetView

MM_PT = 72 / 25.4


def facilitator_faces(
    sheet: SheetView,
    w: float,
    h: float,
    safe: float,
    th: Theme,
    runs: list[tuple[str, Any]] | None = None,
    min_size: float = 7.0,
) -> tuple[Face, Face | None]:
    """The facilitator card: front, and a back when the sheet needs both sides; `runs`: the
    body to set (the whole method unless a shorter one is given), no smaller than
    `min_size` points."""

    s = safe
    iw = w - 2 * s
    lang = sheet.lang
    arc = th.arcs[sheet.arc]
    runs = sheet.runs if runs is None else runs
    head_h = 21.0
    name = sheet.name
    header = [
        Element("rect", 0, h - 3, w, 3, fill=arc.colour, bleed=True),
        Element(
            "text",
            s,
            h - s - 10,
            iw - 8,
            8,
            text=sheet.title,
            size=14,
            min_size=9,
            bold=True,
            colour=th.ink,
            valign="top",
        ),
        pictogram(
            card_icon(sheet.family, sheet.arc, th),
            w - s - 7.2,
            h - s - 8.6,
            7.2,
            th.ink,
            fill=_tint(arc),
        ),
        Element(
            "text",
            s,
            h - s - head_h,
            iw,
            10.5,
            rich=True,
            runs=[("italic", sheet.tagline), ("body", sheet.facts)],
            size=7.5,
            min_size=6.5,
            colour=th.muted,
        ),
    ]

    def body(part: list[tuple[str, Any]], top: float) -> Element:
        return Element(
            "text", s, s, iw, top - s, rich=True, runs=part, size=8.5, min_size=7, colour=th.ink
        )

    front_top = h - s - head_h - 1
    first = body(runs, front_top)
    # type grows with the card (8.5 pt on A6, 10 pt on A5), by half points down to the floor
    top_size = min(12.0, round(8.5 * (w / 105) ** 0.5 * 2) / 2)
    sizes = [top_size - 0.5 * i for i in range(int((top_size - min_size) / 0.5) + 1)]
    # Why an estimate: wrapping a whole method at one size costs a few milliseconds, and a
    # card tries several sizes and formats. Text of `n` characters at `size` points covers
    # about n * size**2 square points (measured on the library: 0.8 to 1.2 times the room it
    # fits in), so sizes whose estimate overflows both sides by a margin are not tried.
    chars = sum(
        len(" ".join(map(str, t))) if isinstance(t, tuple) else len(str(t)) for _, t in runs
    )
    both_sides = iw * ((front_top - s) + (h - 2 * s - 9)) * MM_PT * MM_PT
    one_side_room = iw * (front_top - s) * MM_PT * MM_PT
    sizes = [x for x in sizes if chars * x * x <= 1.3 * both_sides]
    if not sizes:
        raise UserError(
            Problem(
                _("{card}: the sheet does not fit on both sides of the card").format(card=name),
                hint=_("shorten the longest texts of the method or of its parameters"),
            )
        )
    table = RunTable(first, sizes, lang)
    room_front = (front_top - s) * MM_PT + 0.01
    for size in sizes[:3]:  # one side only if it stays within a point of the largest size
        if chars * size * size > 1.3 * one_side_room:
            continue
        items = table.part(size, 0)
        if items is not None and total_height(items) <= room_front:
            one_side = Element(**{**first.__dict__, "min_size": 8.0})
            prime(one_side, lang, fitted_of(items, size))
            return Face(header + [one_side], name), None
    # over both sides, at one size for both, the largest that works: as many runs as fit on
    # the front, the rest on the back (most sheets fit at 8.5 or 8 pt, so the smaller sizes
    # are seldom wrapped at all)
    back_header = [
        Element("rect", 0, h - 3, w, 3, fill=arc.colour, bleed=True),
        pictogram(
            card_icon(sheet.family, sheet.arc, th),
            w - s - 6,
            h - s - 6.6,
            6,
            th.ink,
            fill=_tint(arc),
        ),
        Element(
            "text",
            s,
            h - s - 7,
            iw - 8,
            6,
            text=f"{sheet.title} ({sheet.continued})",
            size=9,
            min_size=7,
            bold=True,
            colour=th.muted,
        ),
    ]
    room_back = (h - s - 9 - s) * MM_PT + 0.01
    tables: dict[str, RunTable] = {}  # the back's "(continued)" heading, by section

    def continued(k: int) -> tuple[list[tuple[str, Any]], RunTable | None]:
        label = sheet.section_at(runs, k)
        if not label:
            return [], None
        if label not in tables:
            tables[label] = RunTable(body([("label", label)], h - s - 9), sizes, lang)
        return [("label", label)], tables[label]

    fits_front = False

    def two_sides(size: float) -> tuple[Face, Face] | None:
        nonlocal fits_front
        row = table.part(size, 0)
        if row is None:
            return None
        k = 0
        while k < len(runs) - 1 and total_height(row[: k + 1]) <= room_front:
            k += 1
        if k == 0:
            return None
        fits_front = True
        head, head_table = continued(k) if runs[k][0] != "label" else ([], None)
        head_items = head_table.part(size, 0) if head_table is not None else []
        if head_items is None or total_height(head_items + row[k:]) > room_back:
            return None
        front_el = body(runs[:k], front_top)
        prime(front_el, lang, fitted_of(row[:k], size))
        back_body = body(head + runs[k:], h - s - 9)
        prime(back_body, lang, fitted_of(head_items + row[k:], size))
        back_name = _("{card} (back)").format(card=name)
        return Face(header + [front_el], name), Face(back_header + [back_body], back_name)

    # the largest size that works, searched from the estimate: up while it works, else down
    # (what fits at a size fits at any smaller one), so a card wraps its text at two or three
    # sizes rather than at every one
    guess = min(range(len(sizes)), key=lambda i: abs(chars * sizes[i] ** 2 - both_sides))
    found = two_sides(sizes[guess])
    if found is not None:
        best = found
        for i in range(guess - 1, -1, -1):
            bigger = two_sides(sizes[i])
            if bigger is None:
                break
            best = bigger
        return best
    for i in range(guess + 1, len(sizes)):
        found = two_sides(sizes[i])
        if found is not None:
            return found
    if table.part(sizes[-1], 0) is None:
        raise UserError(
            Problem(_("{card}: a word is too long for the card's width").format(card=name))
        )
    if not fits_front:
        raise UserError(
            Problem(
                _("{card}: the sheet does not fit on both sides of the card").format(card=name),
                hint=_("shorten the longest texts of the method or of its parameters"),
            )
        )
    raise UserError(
        Problem(
            _("{card} (back): the text does not fit even at 7 pt").format(card=name),
            hint=_("shorten the longest texts of the method or of its parameters"),
        )
    )


def _tint(arc: Any) -> str:
    return arc.tint or tint(arc.colour, 0.35)
