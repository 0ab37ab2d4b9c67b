"""Imposition: where cards sit on a sheet, where the crop marks go, where each back lands.

Pure geometry in millimetres, origin at the bottom-left corner of the sheet (as in PDF).
Card design is elsewhere: this module knows card sizes, never what is drawn on them.

Rules (see PRINT.md): nothing within `margin` of the sheet edge; crop marks outside the cards,
starting `offset` (at least the bleed) from the trim line, in the margins; with bleed, cards are
spaced by twice the bleed so each one's art can run into it. Backs are the geometric mirror of
their fronts about the flip axis, so a short last row lands exactly behind its fronts whatever
the grid's position; shifted by the printer offset if one is set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from facilitation.text.messages import _

MIN_MARK = 2.0


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def grow(self, d: float) -> Rect:
        return Rect(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def rounded(self, nd: int = 4) -> tuple[float, float, float, float]:
        return (round(self.x, nd), round(self.y, nd), round(self.w, nd), round(self.h, nd))


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Slot:
    """A card's place: its trim box, and whether it is turned a quarter (card 'up' = sheet left)."""

    row: int
    col: int
    trim: Rect
    rotated: bool = False


@dataclass
class Imposition:
    sheet_w: float
    sheet_h: float
    card_w: float  # as designed (portrait), before any rotation on the sheet
    card_h: float
    cols: int
    rows: int
    gutter: float
    bleed: float
    margin: float
    offset: float
    rotated: bool
    slots: list[Slot] = field(default_factory=list)
    marks: list[Line] = field(default_factory=list)
    fold: bool = False
    folds: list[Line] = field(default_factory=list)

    @property
    def per_sheet(self) -> int:
        return len(self.slots)

    def trim_box(self, rects: list[Rect] | None = None) -> Rect:
        """The box around the cards in use (all slots by default)."""
        rs = rects if rects is not None else [s.trim for s in self.slots]
        x, y = min(r.x for r in rs), min(r.y for r in rs)
        return Rect(x, y, max(r.right for r in rs) - x, max(r.top for r in rs) - y)

    def bleed_box(self, rects: list[Rect] | None = None) -> Rect:
        return self.trim_box(rects).grow(self.bleed)


class ImpositionError(ValueError):
    pass


def _fit(avail: float, size: float, gutter: float) -> int:
    return max(0, int(math.floor((avail + gutter + 1e-9) / (size + gutter))))


def impose(
    card_w: float,
    card_h: float,
    sheet_w: float,
    sheet_h: float,
    margin: float = 5,
    bleed: float = 0,
    gutter: float | None = None,
    offset: float = 3,
    mark_len: float = 5,
    allow_rotate: bool = True,
    fold: bool = False,
) -> Imposition:
    """As many cards as fit inside the printable area, with room for crop marks."""
    if bleed < 0 or margin < 0:
        raise ImpositionError(_("bleed and margin cannot be negative"))
    offset = max(offset, bleed)
    if gutter is None:
        gutter = 2 * bleed
    gutter = max(gutter, 2 * bleed)
    mark_room = offset + MIN_MARK
    unit_w = card_w * 2 if fold else card_w

    def grid(w: float, h: float) -> tuple[int, int]:
        cols = _fit(sheet_w - 2 * margin - mark_room - 2 * bleed, w, gutter)
        rows = _fit(sheet_h - 2 * margin - mark_room - 2 * bleed, h, gutter)
        return cols, rows

    cols, rows = grid(unit_w, card_h)
    rotated = False
    if allow_rotate:  # a fold-over pair turns as a whole (two A6 side by side on A4)
        rc, rr = grid(card_h, unit_w)
        if rc * rr > cols * rows:
            cols, rows, rotated = rc, rr, True
    if cols * rows == 0:
        sizes = {
            "card": f"{card_w:g} × {card_h:g}",
            "sheet": f"{sheet_w:g} × {sheet_h:g}",
            "margin": f"{margin:g}",
            "bleed": f"{bleed:g}",
        }
        raise ImpositionError(
            _(
                "a {card} mm card does not fit on a {sheet} mm sheet with {margin} mm margins "
                "and {bleed} mm bleed"
            ).format(**sizes)
            if bleed
            else _(
                "a {card} mm card does not fit on a {sheet} mm sheet with {margin} mm margins"
            ).format(**sizes)
        )
    w, h = (card_h, unit_w) if rotated else (unit_w, card_h)
    grid_w = cols * w + (cols - 1) * gutter
    grid_h = rows * h + (rows - 1) * gutter
    x0 = _place(sheet_w, grid_w, margin, mark_room, bleed, first_side=True)
    y_low = _place(sheet_h, grid_h, margin, mark_room, bleed, first_side=False)
    imp = Imposition(
        sheet_w,
        sheet_h,
        card_w,
        card_h,
        cols,
        rows,
        gutter,
        bleed,
        margin,
        offset,
        rotated,
        fold=fold,
    )
    for r in range(rows):
        for c in range(cols):
            x = x0 + c * (w + gutter)
            y = y_low + grid_h - (r + 1) * h - r * gutter  # row 0 at the top
            imp.slots.append(Slot(r, c, Rect(x, y, w, h), rotated))
            if fold and rotated:  # the pair runs up the sheet: front below, back above
                imp.folds.append(Line(x, y + card_w, x + w, y + card_w))
            elif fold:
                imp.folds.append(Line(x + card_w, y, x + card_w, y + h))
    imp.marks = _marks(imp, x0, y_low, grid_w, grid_h, w, h, mark_len)
    return imp


def _place(
    sheet: float, grid: float, margin: float, mark_room: float, bleed: float, first_side: bool
) -> float:
    """Start of the grid: centred when marks fit on both sides, else marks on one side only
    (left for x, top for y)."""
    spare = sheet - grid
    if spare / 2 >= margin + mark_room + bleed:
        return spare / 2
    if first_side:  # marks on the left
        return margin + mark_room + bleed
    # marks on top: grid starts low, leaving mark room above
    return sheet - margin - mark_room - bleed - grid


def _marks(
    imp: Imposition, x0: float, y0: float, gw: float, gh: float, w: float, h: float, mark_len: float
) -> list[Line]:
    """Short lines on the extensions of every cut line, outside the grid, within margins."""
    out: list[Line] = []
    off, m = imp.offset, imp.margin
    xs: list[float] = []
    for c in range(imp.cols):
        left = x0 + c * (w + imp.gutter)
        xs += [left, left + w]
    ys: list[float] = []
    for r in range(imp.rows):
        low = y0 + r * (h + imp.gutter)
        ys += [low, low + h]
    xs = sorted(set(round(x, 6) for x in xs))
    ys = sorted(set(round(y, 6) for y in ys))
    top_room = imp.sheet_h - m - (y0 + gh + off)
    bottom_room = y0 - off - m
    left_room = x0 - off - m
    right_room = imp.sheet_w - m - (x0 + gw + off)
    for x in xs:
        if top_room >= MIN_MARK:
            ln = min(mark_len, top_room)
            out.append(Line(x, y0 + gh + off, x, y0 + gh + off + ln))
        if bottom_room >= MIN_MARK:
            ln = min(mark_len, bottom_room)
            out.append(Line(x, y0 - off, x, y0 - off - ln))
    for y in ys:
        if left_room >= MIN_MARK:
            ln = min(mark_len, left_room)
            out.append(Line(x0 - off, y, x0 - off - ln, y))
        if right_room >= MIN_MARK:
            ln = min(mark_len, right_room)
            out.append(Line(x0 + gw + off, y, x0 + gw + off + ln, y))
    return out


def back_of(
    slot: Slot, imp: Imposition, flip: str, shift: tuple[float, float] = (0, 0)
) -> tuple[Rect, int]:
    """Where the back of a card prints on the back page, and its rotation in degrees
    relative to the front's own rotation.

    Long edge (portrait sheet): mirror about the vertical centre line: (r, c) -> (r, C-1-c)
    for a centred grid. Short edge: mirror about the horizontal centre line, turned 180°.
    A quarter-turned card swaps which of the two needs the half turn.
    """
    t = slot.trim
    dx, dy = shift
    if flip == "long":
        rect = Rect(imp.sheet_w - t.x - t.w + dx, t.y + dy, t.w, t.h)
        turn = 180 if slot.rotated else 0
    elif flip == "short":
        rect = Rect(t.x + dx, imp.sheet_h - t.y - t.h + dy, t.w, t.h)
        turn = 0 if slot.rotated else 180
    else:
        raise ValueError(f"unknown flip '{flip}'")
    return rect, turn


def mirror_point(
    x: float, y: float, sheet_w: float, sheet_h: float, flip: str
) -> tuple[float, float]:
    """Where a point of the front lands on the back page (back-page coordinates, as the back
    is seen): the same mirror as back_rect's."""
    return (sheet_w - x, y) if flip == "long" else (x, sheet_h - y)
