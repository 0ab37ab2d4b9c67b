"""The kit's pictograms: outline icons from Tabler Icons (MIT) that ship inside the package
(facilitation/icons/, fetched again by tools/fetch_icons.py), read as vector shapes.

Why shapes and not a picture: a pictogram is drawn in the colour of where it stands (an arc's
colour, white on a coloured band, black in the mono theme), so the strokes are kept without
their colour; render/icons.py draws each as a PDF form once per file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from facilitation.resources import icon_dir


@dataclass(frozen=True)
class Shape:
    """One stroke of an icon in its 24-unit box, y going up: `ops` are ('m', x, y),
    ('l', x, y), ('c', x1, y1, x2, y2, x3, y3) and ('z',); `fill` when it is filled too."""

    ops: tuple[tuple, ...]
    fill: bool = False


@cache
def icon_names() -> frozenset[str]:
    """The pictograms the package ships, by name (`compass`, `coffee`...)."""
    return frozenset(p.stem for p in icon_dir().glob("*.svg"))


SHAPES_FILE = "shapes.json"  # every icon's strokes, worked out by svglib once (tools/)


@cache
def icon_shapes(name: str) -> tuple[Shape, ...]:
    """An icon's strokes, in its own 24 × 24 box with y going up (KeyError: no such icon):
    from shapes.json when it holds this very SVG (same SHA-256), else read with svglib.

    Why the file: reading an SVG with svglib takes about 7 ms, and each of the kit's two
    processes read a dozen; the strokes are data that only change with the icons."""
    if name not in icon_names():
        raise KeyError(name)
    entry = _stored().get(name)
    if entry is not None and entry.get("sha256") == _svg_digest(name):
        return tuple(
            Shape(tuple(tuple(op) for op in s["ops"]), bool(s.get("fill"))) for s in entry["shapes"]
        )
    return svg_shapes(name)


@cache
def _stored() -> dict[str, Any]:
    path = icon_dir() / SHAPES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _svg_digest(name: str) -> str:
    return hashlib.sha256((icon_dir() / f"{name}.svg").read_bytes()).hexdigest()


def shapes_table() -> dict[str, Any]:
    """What shapes.json holds: each icon's SVG digest and strokes, read with svglib."""
    return {
        name: {
            "sha256": _svg_digest(name),
            "shapes": [
                {"ops": [list(op) for op in s.ops], "fill": s.fill} for s in svg_shapes(name)
            ],
        }
        for name in sorted(icon_names())
    }


def svg_shapes(name: str) -> tuple[Shape, ...]:
    """An icon's strokes read from its SVG with svglib."""
    import logging

    from reportlab.graphics import shapes as rl
    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.ERROR)
    drawing = svg2rlg(str(icon_dir() / f"{name}.svg"))
    scale = 24 / drawing.width  # svglib reads the 24 px box as points
    out: list[Shape] = []

    def apply(m: tuple, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = m
        return (a * x + c * y + e) * scale, (b * x + d * y + f) * scale

    def mul(m: tuple, n: tuple) -> tuple:
        a, b, c, d, e, f = m
        a2, b2, c2, d2, e2, f2 = n
        return (
            a * a2 + c * b2,
            b * a2 + d * b2,
            a * c2 + c * d2,
            b * c2 + d * d2,
            a * e2 + c * f2 + e,
            b * e2 + d * f2 + f,
        )

    def walk(node: object, m: tuple) -> None:
        if isinstance(node, rl.Group):
            m = mul(m, tuple(node.transform))
            for child in node.contents:
                walk(child, m)
            return
        stroke = getattr(node, "strokeColor", None) is not None
        fill = getattr(node, "fillColor", None) is not None
        if not stroke and not fill:
            return
        ops: list[tuple] = []
        if isinstance(node, rl.Path):
            pts = node.points
            i = 0
            for op in node.operators:
                if op == rl._MOVETO:
                    ops.append(("m", *apply(m, pts[i], pts[i + 1])))
                    i += 2
                elif op == rl._LINETO:
                    ops.append(("l", *apply(m, pts[i], pts[i + 1])))
                    i += 2
                elif op == rl._CURVETO:
                    ops.append(
                        (
                            "c",
                            *apply(m, pts[i], pts[i + 1]),
                            *apply(m, pts[i + 2], pts[i + 3]),
                            *apply(m, pts[i + 4], pts[i + 5]),
                        )
                    )
                    i += 6
                elif op == rl._CLOSEPATH:
                    ops.append(("z",))
        elif isinstance(node, rl.Circle | rl.Ellipse):
            rx = getattr(node, "rx", None) or node.r
            ry = getattr(node, "ry", None) or node.r
            k = 0.5523
            cx, cy = node.cx, node.cy
            ops.append(("m", *apply(m, cx + rx, cy)))
            for (x1, y1), (x2, y2), (x3, y3) in (
                ((cx + rx, cy + k * ry), (cx + k * rx, cy + ry), (cx, cy + ry)),
                ((cx - k * rx, cy + ry), (cx - rx, cy + k * ry), (cx - rx, cy)),
                ((cx - rx, cy - k * ry), (cx - k * rx, cy - ry), (cx, cy - ry)),
                ((cx + k * rx, cy - ry), (cx + rx, cy - k * ry), (cx + rx, cy)),
            ):
                ops.append(("c", *apply(m, x1, y1), *apply(m, x2, y2), *apply(m, x3, y3)))
            ops.append(("z",))
        elif isinstance(node, rl.Rect):
            x, y, w, h = node.x, node.y, node.width, node.height
            ops += [
                ("m", *apply(m, x, y)),
                ("l", *apply(m, x + w, y)),
                ("l", *apply(m, x + w, y + h)),
                ("l", *apply(m, x, y + h)),
                ("z",),
            ]
        elif isinstance(node, rl.Line):
            ops += [("m", *apply(m, node.x1, node.y1)), ("l", *apply(m, node.x2, node.y2))]
        elif isinstance(node, rl.PolyLine | rl.Polygon):
            pts = node.points
            ops.append(("m", *apply(m, pts[0], pts[1])))
            ops += [("l", *apply(m, pts[j], pts[j + 1])) for j in range(2, len(pts), 2)]
            if isinstance(node, rl.Polygon):
                ops.append(("z",))
        if ops:
            out.append(Shape(tuple(ops), fill=fill and not stroke))

    walk(drawing, (1, 0, 0, 1, 0, 0))
    return tuple(out)
