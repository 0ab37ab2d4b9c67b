"""Canvas layouts: wall sheets and A4 handouts as boxes in millimetres.

A layout (cards/canvases/<id>.yaml) is data: a kind (columns, grid, frames, form) with its
labels, which may come from the exercise's parameters ({param: stages}) or from the support's
source ({source: true}). This module turns a layout, its labels and a page size into geometry;
drawing is elsewhere.

Type sizes grow with the paper so that titles and headings read from two metres on A1/A0:
on A1 the title is about 70 pt (cap height ~17 mm) and column headings about 34 pt. A wall
canvas (not an A4 handout) never goes below the sizes that read from two metres, whatever
its paper: headings 24 pt, pre-filled text 24 pt, prompts 16 pt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STICKY = 76.0  # mm, the standard square sticky note


@dataclass
class Zone:
    x: float
    y: float
    w: float
    h: float
    title: str = ""
    prompt: str = ""
    value: str = ""
    mark: str = ""
    lines: bool = False
    fill: str | None = None
    kind: str = "zone"  # zone | header | check | text
    text_size: str = "heading"  # which of the canvas's type sizes its title uses
    colour: str | None = None  # the sticky notes that go there (a chip by the title)
    details: list[tuple[str, str, str | None]] = field(default_factory=list)  # under the title


@dataclass
class CanvasGeometry:
    width: float
    height: float
    title: str
    prompt: str
    subtitle: str
    zones: list[Zone] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    sizes: dict[str, float] = field(default_factory=dict)
    footer: str = ""
    margin: float = 12.0
    header_h: float = 0.0
    kind: str = "columns"
    subject: str = ""  # a line under the title, from the layout's subtitle ({param: change})
    wall: bool = False  # read from across the room: no text below the wall sizes
    legend_rows: int = 1

    @property
    def min_text(self) -> float:
        """The smallest size text may shrink to (points)."""
        return WALL_MIN if self.wall else 6.0

    def sticky_capacity(self, zone: Zone) -> int:
        """How many 76 mm notes fit in a zone's free area (below its heading)."""
        head = self.sizes["heading"] * 0.3528 * 2.2 if zone.title else 0
        cols = int((zone.w - 6) // (STICKY + 4))
        rows = int((zone.h - head - 6) // (STICKY + 4))
        return max(0, cols) * max(0, rows)


WALL_MIN = 14.0  # points: no text of a wall canvas shrinks below this
WALL_SIZES = {"title": 40.0, "heading": 24.0, "prompt": 16.0, "body": 20.0, "small": 12.0}


def type_sizes(width: float, height: float, wall: bool = False) -> dict[str, float]:
    s = min(width, height) / 594.0  # 1.0 on A1
    sizes = {
        "title": max(18.0, 70 * s),
        "heading": max(11.0, 34 * s),
        "prompt": max(8.5, 22 * s),
        "body": max(8.0, 18 * s),
        "small": max(7.0, 12 * s),
    }
    if wall:
        sizes = {k: max(v, WALL_SIZES[k]) for k, v in sizes.items()}
    return sizes


def legend_rows(labels: list[str], size: float, width: float) -> int:
    """How many lines a legend takes across `width` mm (text widths estimated)."""
    rows, x = 1, 0.0
    for label in labels:
        w = size * 0.3528 * (1.3 + 0.52 * len(label)) + 8
        if x and x + w > width:
            rows, x = rows + 1, 0.0
        x += w
    return rows


def geometry(
    layout: dict[str, Any],
    labels: dict[str, list[str]],
    text: Any,
    width: float,
    height: float,
    subtitle: str = "",
    values: dict[str, str] | None = None,
    wall: bool = False,
) -> CanvasGeometry:
    """Boxes for a layout on a page of width x height mm.

    `labels` holds the resolved label lists ('columns', 'rows', 'fields'...), `text` turns a
    localized value into a string, `values` fills form fields from a record (a persona),
    `wall`: a canvas read from across the room (see WALL_SIZES).
    """
    sizes = type_sizes(width, height, wall)
    pt = 0.3528  # mm per point
    margin = max(10.0, min(width, height) * 0.03)
    subject = layout.get("_subtitle", "")
    header_h = sizes["title"] * pt * 1.25 + sizes["prompt"] * pt * 2.6 + 4
    if subject:
        header_h += sizes["heading"] * pt * 1.5
    legend = [(item["colour"], text(item["label"])) for item in layout.get("legend", [])]
    footer_h = sizes["small"] * pt * 2.2
    rows_of_legend = 1
    if legend:
        rows_of_legend = legend_rows(
            [lab for _, lab in legend], sizes["body"], width - 2 * margin - 60
        )
        footer_h = max(footer_h, sizes["body"] * pt * (1.2 + 1.6 * rows_of_legend))
    g = CanvasGeometry(
        width,
        height,
        text(layout["title"]),
        text(layout.get("prompt", "")),
        subtitle,
        legend=legend,
        sizes=sizes,
        margin=margin,
        header_h=header_h,
        kind=layout["kind"],
        subject=subject,
        wall=wall,
        legend_rows=rows_of_legend,
    )
    x0, y0 = margin, margin + footer_h
    bw, bh = width - 2 * margin, height - 2 * margin - header_h - footer_h
    gap = max(3.0, min(width, height) * 0.008)
    kind = layout["kind"]
    if kind == "columns":
        cols = layout.get("_columns", [])
        n = max(1, len(cols))
        cw = (bw - (n - 1) * gap) / n
        for i, col in enumerate(cols):
            g.zones.append(
                Zone(
                    x0 + i * (cw + gap),
                    y0,
                    cw,
                    bh,
                    title=col.get("title", ""),
                    prompt=col.get("prompt", ""),
                    mark=col.get("mark", ""),
                    colour=col.get("colour"),
                )
            )
    elif kind == "grid":
        rows, cols = layout.get("_rows", []), layout.get("_columns", [])
        if layout.get("row_header"):  # long row labels (questions, ideas): a wider column
            head_w = bw * float(layout["row_header"])
        else:
            head_w = min(bw * 0.18, max(35.0, sizes["heading"] * pt * 7))
        row_size = layout.get("row_text") or ("body" if layout.get("row_header") else "heading")
        head_h = sizes["heading"] * pt * 3.4
        if any(c.get("prompt") for c in cols):  # the column prompts print under their titles
            head_h += sizes["body"] * 0.85 * pt * 2.6
        weights = layout.get("column_weights") or [1] * len(cols)
        total = float(sum(weights)) or 1.0
        cell_h = (bh - head_h) / max(1, len(rows))
        x = x0 + head_w
        widths = [(bw - head_w) * w / total for w in weights]
        for j, col in enumerate(cols):
            g.zones.append(
                Zone(
                    x,
                    y0 + bh - head_h,
                    widths[j],
                    head_h,
                    title=col["title"],
                    prompt=col.get("prompt", ""),
                    kind="header",
                    fill="#eeeeee",
                    colour=col.get("colour"),
                )
            )
            x += widths[j]
        for i, row in enumerate(rows):
            y = y0 + bh - head_h - (i + 1) * cell_h
            g.zones.append(
                Zone(
                    x0,
                    y,
                    head_w,
                    cell_h,
                    title=row["title"],
                    kind="header",
                    fill="#eeeeee",
                    text_size=row_size,
                    details=list(row.get("details", [])),
                )
            )
            x = x0 + head_w
            for j in range(len(cols)):
                split = layout.get("split")
                if split:
                    half = widths[j] / len(split)
                    for k, part in enumerate(split):
                        g.zones.append(Zone(x + k * half, y, half, cell_h, prompt=text(part)))
                else:
                    g.zones.append(Zone(x, y, widths[j], cell_h))
                x += widths[j]
    elif kind == "frames":
        n = int(layout.get("frames", 6))
        fields = [text(f) for f in layout.get("fields", [])]
        field_h = sizes["body"] * pt * 2.4 if fields else 0
        for k, f in enumerate(fields):
            fw = bw / len(fields)
            g.zones.append(
                Zone(
                    x0 + k * fw,
                    y0 + bh - field_h,
                    fw - gap,
                    field_h,
                    title=f,
                    kind="field",
                    value=(values or {}).get(f.lower(), ""),
                )
            )
        area_h = bh - field_h - (gap if fields else 0)
        cols = 3 if n > 4 else n
        rows = (n + cols - 1) // cols
        fw = (bw - (cols - 1) * gap) / cols
        fh = (area_h - (rows - 1) * gap) / rows
        for k in range(n):
            r, c = divmod(k, cols)
            zx = x0 + c * (fw + gap)
            zy = y0 + area_h - (r + 1) * fh - r * gap
            g.zones.append(Zone(zx, zy, fw, fh, mark=str(k + 1), lines=False))
            caption = min(fh * 0.28, sizes["body"] * pt * 5)
            g.zones.append(Zone(zx, zy, fw, caption, lines=True, kind="caption"))
    elif kind == "form":
        rows = layout.get("_form", [])
        weights = [float(r.get("height", 1)) for r in rows]
        total = sum(weights) or 1.0
        y = y0 + bh
        for row, wgt in zip(rows, weights, strict=True):
            rh = (bh - gap * (len(rows) - 1)) * wgt / total
            y -= rh
            fields = row["fields"]
            fw_total = sum(float(f.get("width", 1)) for f in fields) or 1.0
            x = x0
            for f in fields:
                fw = (bw - gap * (len(fields) - 1)) * float(f.get("width", 1)) / fw_total
                g.zones.append(
                    Zone(
                        x,
                        y,
                        fw,
                        rh,
                        title=f.get("label", ""),
                        prompt=f.get("prompt", ""),
                        value=f.get("value", ""),
                        lines=bool(f.get("lines", True)),
                        kind=f.get("kind", "zone"),
                        colour=f.get("colour"),
                    )
                )
                x += fw + gap
            y -= gap
    else:
        raise ValueError(f"unknown canvas kind '{kind}'")
    return g
