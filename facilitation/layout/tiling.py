"""Tiling a large canvas onto office paper: which part of the canvas each sheet carries, where
it sits on the sheet, and where its label and cut lines go.

Each tile sheet prints a window of the canvas inside its printable area; neighbouring windows
share an overlap. Tiles are labelled by row letter and column number (A1, A2 ... B1), read
left to right, top to bottom, and assembled in that order: each sheet is cut on its dashes
(left and top, just inside its drawing) and laid over the sheets already placed, matching the
drawing. So the right-hand strip of a sheet is hidden under its right neighbour, and its
bottom strip under the row below.

Why the labels never show on the poster: a tile's label sits in its bottom overlap strip,
which the next row covers; on the last row, which nothing covers, the label sits below the
drawing, in white paper that the tiler always leaves (`LABEL_ROOM`) and that is trimmed at
the end. Why the windows share the canvas evenly: a canvas a little taller than three rows
would otherwise leave a fourth row of 2 cm slivers; shared evenly, every sheet carries about
the same part of the drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from facilitation.layout.imposition import Rect
from facilitation.text.messages import _

LABEL_ROOM = 6.0  # mm of white paper below the last row's drawing, for its labels
MIN_OVERLAP = 7.0  # mm: the hidden strip carries the labels of the rows above the last, with
# room for a cut a little off its line
CUT_INSET = 1.0  # mm: the cut line runs this far inside the drawing of a sheet laid over
LABEL_H = 4.0  # mm: the height of a label line


@dataclass(frozen=True)
class Tile:
    row: int
    col: int
    window: Rect  # the part of the canvas it carries, canvas mm at scale 1 (origin bottom-left)
    label: str
    at: tuple[float, float] = (0.0, 0.0)  # the window's bottom-left corner on the sheet, mm
    size: tuple[float, float] = (0.0, 0.0)  # the window as printed on the sheet, mm


@dataclass
class Tiling:
    canvas_w: float
    canvas_h: float
    sheet_w: float
    sheet_h: float
    margin: float
    overlap: float  # the overlap asked for
    scale: float
    rows: int
    cols: int
    tiles: list[Tile] = field(default_factory=list)
    overlap_x: float = 0.0  # the overlaps used (the vertical one may be smaller, never
    overlap_y: float = 0.0  # below MIN_OVERLAP, when the canvas just fits its rows)

    @property
    def printable(self) -> tuple[float, float]:
        return self.sheet_w - 2 * self.margin, self.sheet_h - 2 * self.margin

    @property
    def sheets(self) -> int:
        return self.rows * self.cols

    def at(self, row: int, col: int) -> Tile:
        return self.tiles[row * self.cols + col]

    def used(self, tile: Tile) -> float:
        """The share of the sheet's printable area that carries drawing."""
        pw, ph = self.printable
        return tile.size[0] * tile.size[1] / (pw * ph)


def count_across(length: float, printable: float, overlap: float) -> int:
    """Sheets side by side needed for a length (mm), neighbours overlapping."""
    if length <= printable + 1e-9:
        return 1
    return math.ceil((length - overlap) / (printable - overlap) - 1e-9)


def count_down(length: float, printable: float, overlap: float) -> int:
    """Rows needed for a height (mm): the last row also keeps LABEL_ROOM of white below."""
    if length <= printable - LABEL_ROOM + 1e-9:
        return 1
    low = min(overlap, MIN_OVERLAP)
    return math.ceil((length + LABEL_ROOM - low) / (printable - low) - 1e-9)


def area(cols: int, rows: int, pw: float, ph: float, overlap: float) -> tuple[float, float]:
    """The largest canvas (mm) that cols × rows sheets of printable pw × ph carry with that
    overlap, and room for the last row's labels."""
    return cols * pw - (cols - 1) * overlap, rows * ph - (rows - 1) * overlap - LABEL_ROOM


def row_label(r: int) -> str:
    out = ""
    r += 1
    while r:
        r, rem = divmod(r - 1, 26)
        out = chr(65 + rem) + out
    return out


def _shares(length: float, n: int, printable: float, overlap: float, last_room: float) -> list:
    """How much of the canvas each of n sheets shows (the rest of its window is overlap):
    even shares when they fit, else full sheets and the rest on the last."""
    if n == 1:
        return [length]
    even = length / n
    if even + overlap <= printable + 1e-9 and even <= printable - last_room + 1e-9:
        return [even] * n
    full = printable - overlap
    return [full] * (n - 1) + [length - full * (n - 1)]


def tile(
    canvas_w: float,
    canvas_h: float,
    sheet_w: float,
    sheet_h: float,
    margin: float = 5,
    overlap: float = 10,
    max_sheets: int | None = None,
    orientation: str | None = None,
) -> Tiling:
    """Tiles for a canvas; with max_sheets, the canvas is scaled down until it fits.
    `orientation` (portrait | landscape) fixes the tile sheets' orientation; else the one
    that needs fewer sheets."""
    if overlap < MIN_OVERLAP or margin < 0:
        raise ValueError(
            _(
                "the overlap between tiles must be at least {n} mm: the hidden strip carries "
                "the tiles' labels"
            ).format(n=f"{MIN_OVERLAP:g}")
        )
    best: Tiling | None = None
    turns = ((sheet_w, sheet_h), (sheet_h, sheet_w))
    if orientation is not None:
        portrait = (min(sheet_w, sheet_h), max(sheet_w, sheet_h))
        turns = (portrait if orientation == "portrait" else portrait[::-1],)
    for sw, sh in turns:
        pw, ph = sw - 2 * margin, sh - 2 * margin
        if pw <= overlap or ph <= max(overlap, LABEL_ROOM + MIN_OVERLAP):
            continue
        scale = 1.0
        while True:
            cw, chh = canvas_w * scale, canvas_h * scale
            cols, rows = count_across(cw, pw, overlap), count_down(chh, ph, overlap)
            if max_sheets is None or cols * rows <= max_sheets or scale < 0.05:
                break
            scale *= 0.98
        t = Tiling(canvas_w, canvas_h, sw, sh, margin, overlap, scale, rows, cols)
        if best is None or (rows * cols, -scale) < (best.rows * best.cols, -best.scale):
            best = t
    if best is None:
        raise ValueError(_("the tile sheet is too small for its margins and overlap"))
    t = best
    pw, ph = t.printable
    cw, chh = canvas_w * t.scale, canvas_h * t.scale
    t.overlap_x = overlap if t.cols > 1 else 0.0
    t.overlap_y = 0.0
    if t.rows > 1:
        t.overlap_y = overlap
        if t.rows * ph - (t.rows - 1) * overlap - LABEL_ROOM < chh:
            t.overlap_y = (t.rows * ph - LABEL_ROOM - chh) / (t.rows - 1)
    xs = _shares(cw, t.cols, pw, t.overlap_x, 0.0)
    ys = _shares(chh, t.rows, ph, t.overlap_y, LABEL_ROOM)
    depth = 0.0
    for r, share_y in enumerate(ys):
        h = share_y + (t.overlap_y if r < t.rows - 1 else 0.0)
        y = chh - depth - h  # canvas mm, origin bottom-left
        x = 0.0
        for c, share_x in enumerate(xs):
            w = share_x + (t.overlap_x if c < t.cols - 1 else 0.0)
            window = Rect(x / t.scale, y / t.scale, w / t.scale, h / t.scale)
            at = (margin, margin + ph - h)  # top-left of the printable area
            t.tiles.append(Tile(r, c, window, f"{row_label(r)}{c + 1}", at, (w, h)))
            x += share_x
        depth += share_y
    return t


@dataclass(frozen=True)
class TileMarks:
    """What a tile sheet carries besides its window of the canvas, in sheet mm."""

    cuts: list[tuple[float, float, float, float]]  # dashed lines to cut on
    label_at: tuple[float, float]  # the label line's bottom-left corner
    label_w: float  # room for the label, up to the printable area's right edge
    hidden: bool  # the label lies under the next row once assembled (else below the art)


def tile_marks(t: Tiling, tl: Tile) -> TileMarks:
    """Cut lines just inside the drawing on the sides laid over neighbours (left, top), and
    the label's place: in the bottom overlap strip, or below the drawing on the last row."""
    x0, y0 = tl.at
    w, h = tl.size
    cuts = []
    if tl.col > 0:
        cuts.append((x0 + CUT_INSET, y0, x0 + CUT_INSET, y0 + h))
    if tl.row > 0:
        cuts.append((x0, y0 + h - CUT_INSET, x0 + w, y0 + h - CUT_INSET))
    left = x0 + (CUT_INSET + 1.5 if tl.col > 0 else 1.5)
    if tl.row < t.rows - 1:  # low in the strip the next row covers
        y = y0 + 0.5
        hidden = True
    else:  # below the drawing, in the white the tiler left
        y = y0 - 1.0 - LABEL_H
        hidden = False
    right = t.margin + t.printable[0]
    return TileMarks(cuts, (left, y), right - left, hidden)
