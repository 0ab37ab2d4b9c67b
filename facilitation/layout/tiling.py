"""Tiling a large canvas onto office paper: which part of the canvas each sheet carries.

Each tile sheet prints a window of the canvas inside its printable area; neighbouring windows
share `overlap` millimetres (glued over each other). Tiles are labelled by row letter and column
number (A1, A2 ... B1), read left to right, top to bottom. The tile sheet's orientation is the
one that needs fewer sheets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from facilitation.layout.imposition import Rect
from facilitation.text.messages import _


@dataclass(frozen=True)
class Tile:
    row: int
    col: int
    window: Rect  # the part of the canvas it carries, canvas mm (origin bottom-left)
    label: str


@dataclass
class Tiling:
    canvas_w: float
    canvas_h: float
    sheet_w: float
    sheet_h: float
    margin: float
    overlap: float
    scale: float
    rows: int
    cols: int
    tiles: list[Tile] = field(default_factory=list)

    @property
    def printable(self) -> tuple[float, float]:
        return self.sheet_w - 2 * self.margin, self.sheet_h - 2 * self.margin


def _count(canvas: float, printable: float, overlap: float) -> int:
    if canvas <= printable:
        return 1
    return math.ceil((canvas - overlap) / (printable - overlap) - 1e-9)


def row_label(r: int) -> str:
    out = ""
    r += 1
    while r:
        r, rem = divmod(r - 1, 26)
        out = chr(65 + rem) + out
    return out


def tile(
    canvas_w: float,
    canvas_h: float,
    sheet_w: float,
    sheet_h: float,
    margin: float = 5,
    overlap: float = 10,
    max_sheets: int | None = None,
) -> Tiling:
    """Tiles for a canvas; with max_sheets, the canvas is scaled down until it fits."""
    if overlap < 0 or margin < 0:
        raise ValueError(_("overlap and margin cannot be negative"))
    best: Tiling | None = None
    for sw, sh in ((sheet_w, sheet_h), (sheet_h, sheet_w)):
        pw, ph = sw - 2 * margin, sh - 2 * margin
        if pw <= overlap or ph <= overlap:
            continue
        scale = 1.0
        while True:
            cw, chh = canvas_w * scale, canvas_h * scale
            cols, rows = _count(cw, pw, overlap), _count(chh, ph, overlap)
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
    step_x = pw - overlap
    step_y = ph - overlap
    for r in range(t.rows):
        for c in range(t.cols):
            x = c * step_x
            top = chh - r * step_y
            w = min(pw, cw - x) if t.cols > 1 else cw
            y = max(0.0, top - ph)
            h = top - y
            # windows in canvas millimetres at scale 1
            window = Rect(x / t.scale, y / t.scale, w / t.scale, h / t.scale)
            t.tiles.append(Tile(r, c, window, f"{row_label(r)}{c + 1}"))
    return t
