"""Pictograms on any canvas: each icon a PDF form drawn once per file, then placed at any
size and in any colour (the form leaves the colour and the line width to where it is drawn).

Why forms: a kit puts the same dozen pictograms on hundreds of cards and rows; as forms they
are vectors written once per file (sharp at any size, a few hundred bytes each), never
bitmaps.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor

from facilitation.load.icons import icon_names, icon_shapes

FORM_PREFIX = "icon-"  # forms are named icon-<name>: tests find the pictograms by it


def form_name(name: str) -> str:
    return FORM_PREFIX + name


def ensure_form(canv: Any, name: str) -> str:
    """The icon's form on this canvas, drawn the first time it is asked for."""
    done = canv.__dict__.setdefault("_icon_forms", set())
    form = form_name(name)
    if name in done:
        return form
    done.add(name)
    canv.beginForm(form, 0, 0, 24, 24)
    for shape in icon_shapes(name):
        p = canv.beginPath()
        for op in shape.ops:
            if op[0] == "m":
                p.moveTo(op[1], op[2])
            elif op[0] == "l":
                p.lineTo(op[1], op[2])
            elif op[0] == "c":
                p.curveTo(*op[1:])
            else:
                p.close()
        canv.drawPath(p, stroke=0 if shape.fill else 1, fill=1 if shape.fill else 0)
    canv.endForm()
    return form


def draw_icon(
    canv: Any, name: str, x: float, y: float, size: float, colour: Any, weight: float = 2.0
) -> None:
    """The icon `name` in a square of `size` points whose bottom-left corner is (x, y), its
    strokes in `colour` (a #RRGGBB string or a reportlab colour), `weight` in icon units
    (2 is Tabler's own; heavier reads better small or from afar). An unknown name draws
    nothing: themes are checked when they are read."""
    if name not in icon_names():
        return
    form = ensure_form(canv, name)
    if isinstance(colour, str):
        colour = HexColor(colour)
    canv.saveState()
    canv.setStrokeColor(colour)
    canv.setFillColor(colour)
    canv.translate(x, y)
    k = size / 24
    canv.scale(k, k)
    canv.setLineWidth(weight)
    canv.setLineCap(1)
    canv.setLineJoin(1)
    canv.doForm(form)
    canv.restoreState()
