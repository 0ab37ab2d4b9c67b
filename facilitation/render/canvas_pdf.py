"""Drawing canvases at real size, and tiling them onto office paper."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT

from facilitation.layout.canvas import STICKY, CanvasGeometry, Zone
from facilitation.layout.tiling import LABEL_H, Tile, Tiling, row_label, tile_marks
from facilitation.render.pdf import BOLD, ITALIC, MM, REGULAR, Meta, PrintCanvas, para
from facilitation.render.pdf import style as mkstyle
from facilitation.text.messages import _, ngettext
from facilitation.text.typography import typeset

INK = HexColor("#111111")
MUTED = HexColor("#555555")
FAINT = HexColor("#c8c8c8")
STICKY_COLOURS = {
    "yellow": "#F0E442",
    "blue": "#56B4E9",
    "orange": "#E69F00",
    "pink": "#CC79A7",
    "green": "#009E73",
    "white": "#FFFFFF",
    "red": "#D55E00",
    "purple": "#9467BD",
}
PT = 0.3528


def _para(
    c: Any,
    text: str,
    x: float,
    top: float,
    w: float,
    size: float,
    lang: str,
    bold: bool = False,
    italic: bool = False,
    colour: Any = INK,
    align: int = TA_LEFT,
    max_h: float | None = None,
    floor: float = 6.0,
    hyphenate: bool = True,
    cut: bool = False,
) -> float:
    """Draw a paragraph with its top at `top` (mm); shrink to fit max_h, no smaller than
    `floor` points; return its height. With `cut`, a text that does not fit even at `floor`
    is cut at a word and ends with an ellipsis rather than running over what lies below (a
    persona's situation on an A4 canvas: the whole text is on the persona's card)."""
    if not text:
        return 0.0
    while True:
        st = mkstyle(
            size, lang, bold=bold, italic=italic, colour=colour, align=align, hyphenate=hyphenate
        )
        p = para(text, st, lang)
        _, h = p.wrap(w * MM, 10_000)
        if max_h is None or h <= max_h * MM or size <= floor:
            break
        size = max(floor, size * 0.9)
    if cut and max_h is not None and h > max_h * MM:
        p, h = _cut_to(text, st, lang, w * MM, max_h * MM)
        if p is None:
            return 0.0
    p.drawOn(c, x * MM, top * MM - h)
    return h / MM


def _cut_to(text: str, st: Any, lang: str, w: float, room: float) -> tuple[Any, float]:
    """The longest beginning of `text`, cut at a word and ended with an ellipsis, that fits
    `room` points high (found by bisection over the words), or (None, 0)."""
    words = text.split()
    best: tuple[Any, float] = (None, 0.0)
    lo, hi = 1, len(words) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        p = para(" ".join(words[:mid]).rstrip(" ,;:.") + "…", st, lang)
        _, h = p.wrap(w, 10_000)
        if h <= room:
            best, lo = (p, h), mid + 1
        else:
            hi = mid - 1
    return best


def draw_canvas(c: Any, g: CanvasGeometry, lang: str) -> None:
    """Draw a canvas with its origin at the current origin, in its own millimetres."""
    s = g.sizes
    m = g.margin
    top = g.height - m
    title_h = _para(
        c, g.title, m, top, g.width * 0.72 - m, s["title"], lang, bold=True, max_h=g.header_h * 0.62
    )
    if g.subtitle:
        _para(
            c,
            g.subtitle,
            g.width * 0.72,
            top,
            g.width * 0.28 - m,
            s["small"],
            lang,
            colour=MUTED,
            align=2,
        )
    below = top - title_h - 1.5
    if g.subject:  # what this canvas is about (the change studied): large, under the title
        below -= (
            _para(
                c,
                g.subject,
                m,
                below,
                g.width - 2 * m,
                s["heading"],
                lang,
                bold=True,
                max_h=s["heading"] * PT * 1.4,
                floor=g.min_text,
                hyphenate=False,
            )
            + 1
        )
    _para(
        c,
        g.prompt,
        m,
        below,
        g.width - 2 * m,
        s["prompt"],
        lang,
        italic=True,
        colour=MUTED,
        max_h=max(1.0, below - (g.height - m - g.header_h)),
        floor=min(g.min_text, s["prompt"]),
    )
    biggest: Zone | None = None
    for z in g.zones:
        _zone(c, z, g, lang)
        if z.kind == "zone" and (biggest is None or z.w * z.h > biggest.w * biggest.h):
            biggest = z
    if (
        g.kind != "grid"  # a grid's cells are answers or votes, not sticky-note zones
        and biggest is not None
        and biggest.w > STICKY + 20
        and biggest.h > STICKY + 30
        and not biggest.lines
        and g.width >= 400
    ):
        _sticky_ghost(c, biggest, g, lang)
    _legend(c, g, lang)


def _zone(c: Any, z: Zone, g: CanvasGeometry, lang: str) -> None:
    s = g.sizes
    c.saveState()
    c.setLineWidth(max(0.6, s["body"] / 14))
    c.setStrokeColor(INK)
    if z.fill:
        c.setFillColor(HexColor(z.fill))
    if z.kind != "caption":
        c.rect(z.x * MM, z.y * MM, z.w * MM, z.h * MM, stroke=1, fill=1 if z.fill else 0)
    c.restoreState()
    pad = max(2.5, s["body"] * PT * 0.6)
    top = z.y + z.h - pad
    inner_w = z.w - 2 * pad
    floor = g.min_text
    if z.kind == "header":
        size = s[z.text_size] * (0.75 if z.w < 60 and z.text_size == "heading" else 1)
        chip = _chip(c, z, top, size) if z.colour else 0.0
        used = _para(
            c,
            z.title,
            z.x + pad + chip,
            top,
            inner_w - chip,
            size,
            lang,
            bold=True,
            max_h=(z.h - 2 * pad) * (0.45 if (z.prompt or z.details) else 1),
            floor=min(floor, size),
        )
        if z.prompt:
            used += _para(
                c,
                z.prompt,
                z.x + pad,
                top - used - 0.8,
                inner_w,
                s["body"] * 0.85,
                lang,
                italic=True,
                colour=MUTED,
                max_h=z.h - 2 * pad - used,
                floor=min(floor, s["body"] * 0.85),
            )
        room = z.h - 2 * pad - used
        for label, text, colour in z.details:  # a criterion's green and red signals
            size = s["body"] * 0.85
            chip = size * PT * 1.1 + 1.5 if colour else 0.0
            y = top - used - 1.2
            if colour:
                _square(c, z.x + pad, y - chip + 1.5, chip - 1.5, colour)
            body = f"{label}: {text}" if label else text  # typesetting spaces the colon
            h = _para(
                c,
                body,
                z.x + pad + chip,
                y,
                inner_w - chip,
                size,
                lang,
                max_h=max(size * PT * 1.3, room / max(1, len(z.details))),
                floor=min(floor, size),
            )
            used += h + 1.2
        return
    if z.mark:
        c.saveState()
        c.setFillColor(FAINT)
        size = min(z.h, z.w) * 0.45 / PT if z.kind != "zone" or not z.title else s["title"]
        size = min(size, s["title"] * 1.6)
        c.setFont(BOLD, size)
        if z.title:  # a column's mark sits by its heading
            c.drawRightString((z.x + z.w - pad) * MM, (top - size * PT * 0.8) * MM, z.mark)
        else:
            c.drawString((z.x + pad) * MM, (top - size * PT * 0.8) * MM, z.mark)
        c.restoreState()
    used = 0.0
    if z.title:
        size = s["heading"] if z.kind == "zone" else s["body"]
        chip = _chip(c, z, top, size) if z.colour else 0.0
        used += _para(
            c,
            z.title,
            z.x + pad + chip,
            top,
            (inner_w - chip) * (0.8 if z.mark else 1),
            size,
            lang,
            bold=True,
            max_h=z.h * 0.4,
            floor=min(floor, size),
        )
    if z.prompt and not z.value:  # a pre-filled box needs no prompt: its room goes to the value
        used += (
            _para(
                c,
                z.prompt,
                z.x + pad,
                top - used - 0.8,
                inner_w,
                s["body"] * 0.85,
                lang,
                italic=True,
                colour=MUTED,
                max_h=max(z.h * 0.3, z.h - pad - used - 0.8),
                floor=min(floor, s["body"] * 0.85),
                cut=True,
            )
            + 0.8
        )
    if z.value:  # pre-filled: read from across the room on a wall canvas
        used += _para(
            c,
            z.value,
            z.x + pad,
            top - used - 1,
            inner_w,
            s["body"] * 1.2,
            lang,
            bold=True,
            max_h=z.h - pad - used - 1,
            floor=min(floor, s["body"] * 1.2),
            cut=True,
        )
    if z.lines:
        step = max(7.0, s["body"] * PT * 2.1)
        y = top - used - step
        c.saveState()
        c.setStrokeColor(FAINT)
        c.setLineWidth(0.5)
        while y > z.y + pad * 0.6:
            c.line((z.x + pad) * MM, y * MM, (z.x + z.w - pad) * MM, y * MM)
            y -= step
        c.restoreState()
    if z.kind == "caption":
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.5)
        c.line(z.x * MM, (z.y + z.h) * MM, (z.x + z.w) * MM, (z.y + z.h) * MM)
        c.restoreState()


def _square(c: Any, x: float, y: float, size: float, colour: str) -> None:
    c.saveState()
    c.setFillColor(HexColor(STICKY_COLOURS.get(colour, "#ffffff")))
    c.setStrokeColor(INK)
    c.setLineWidth(0.6)
    c.rect(x * MM, y * MM, size * MM, size * MM, stroke=1, fill=1)
    c.restoreState()


def _chip(c: Any, z: Zone, top: float, size: float) -> float:
    """A square of the zone's sticky-note colour before its title; returns the room it
    takes (mm)."""
    side = size * PT * 0.95
    pad = max(2.5, size * PT * 0.25)
    _square(c, z.x + pad, top - side * 1.05, side, z.colour or "white")
    return side + 2


def _sticky_ghost(c: Any, z: Zone, g: CanvasGeometry, lang: str) -> None:
    """A dotted 76 mm square at real size: how big a sticky note is on this sheet."""
    x = z.x + z.w - STICKY - 4
    y = z.y + 4
    c.saveState()
    c.setStrokeColor(FAINT)
    c.setDash(2, 3)
    c.setLineWidth(0.8)
    c.rect(x * MM, y * MM, STICKY * MM, STICKY * MM, stroke=1, fill=0)
    c.restoreState()
    _para(
        c,
        _("sticky note 76 × 76 mm"),
        x + 3,
        y + STICKY / 2 + 3,
        STICKY - 6,
        g.sizes["small"],
        lang,
        colour=FAINT,
        align=TA_CENTER,
    )


def _legend(c: Any, g: CanvasGeometry, lang: str) -> None:
    """The colour legend along the bottom (on as many lines as it needs), and the footer."""
    from facilitation.text.typography import typeset

    s = g.sizes
    x = g.margin
    line_h = s["body"] * PT * 1.6
    y = g.margin + line_h * (g.legend_rows - 1)
    box = s["body"] * PT * 1.3
    right = g.width - g.margin - 60
    for colour, label in g.legend:
        label = typeset(label, lang, for_pdf=True)
        w = box + 6 + c.stringWidth(label, REGULAR, s["body"]) / MM
        if x > g.margin and x + w > right and y - line_h >= g.margin - 0.01:
            x, y = g.margin, y - line_h
        _square(c, x, y, box, colour)
        c.setFont(REGULAR, s["body"])
        c.setFillColor(INK)
        c.drawString((x + box + 2) * MM, (y + box * 0.22) * MM, label)
        x += w
    y = g.margin
    if g.footer:
        c.setFont(REGULAR, s["small"])
        c.setFillColor(MUTED)
        c.drawRightString((g.width - g.margin) * MM, y * MM, g.footer)


def write_canvases(
    path: Any, pages: list[CanvasGeometry], meta: Meta, lang: str, duplex: str | None = None
) -> int:
    """Real size: one page per canvas (`duplex`: the viewer's flip preference, for sheets
    printed on both sides)."""
    first = pages[0]
    c = PrintCanvas(str(path), (first.width * MM, first.height * MM), meta, duplex=duplex)
    for g in pages:
        c.setPageSize((g.width * MM, g.height * MM))
        c.setTrimBox((0, 0, g.width * MM, g.height * MM))
        draw_canvas(c, g, lang)
        c.showPage()
    c.save()
    return len(pages)


def write_tiled(
    path: Any,
    pages: list[tuple[CanvasGeometry, Tiling]],
    meta: Meta,
    lang: str,
    copies: int = 1,
    map_page: bool | None = None,
) -> int:
    """Each canvas drawn once as a form, then shown through one window per tile sheet, after
    an assembly map (once for all its copies; only when there are more than two sheets to
    assemble, unless `map_page` says). `copies` sets of tiles follow, each labelled with its
    copy number. Returns the number of pages."""
    t0 = pages[0][1]
    c = PrintCanvas(str(path), (t0.sheet_w * MM, t0.sheet_h * MM), meta)
    count = 0
    for n, (g, t) in enumerate(pages):
        name = f"canvas{n}"
        c.beginForm(name, 0, 0, g.width * MM, g.height * MM)
        draw_canvas(c, g, lang)
        c.endForm()
        if map_page if map_page is not None else t.sheets > 2:
            c.setPageSize((t.sheet_w * MM, t.sheet_h * MM))
            _assembly_map(c, g, t, name, copies, lang)
            c.showPage()
            count += 1
        for k in range(copies):
            for tl in t.tiles:
                _tile_page(c, t, tl, name, (k + 1, copies), lang)
                c.showPage()
                count += 1
    c.save()
    return count


def _tile_page(c: Any, t: Tiling, tl: Tile, form: str, copy: tuple[int, int], lang: str) -> None:
    c.setPageSize((t.sheet_w * MM, t.sheet_h * MM))
    (x0, y0), (w, h) = tl.at, tl.size
    c.setTrimBox((x0 * MM, y0 * MM, (x0 + w) * MM, (y0 + h) * MM))
    c.saveState()
    p = c.beginPath()
    p.rect(x0 * MM, y0 * MM, w * MM, h * MM)
    c.clipPath(p, stroke=0, fill=0)
    # place the canvas so that the window's bottom-left corner sits at tl.at
    c.translate((x0 - tl.window.x * t.scale) * MM, (y0 - tl.window.y * t.scale) * MM)
    c.scale(t.scale, t.scale)
    c.doForm(form)
    c.restoreState()
    _tile_marks(c, t, tl, copy, lang)


def _tile_marks(c: Any, t: Tiling, tl: Tile, copy: tuple[int, int], lang: str) -> None:
    """Dashes to cut on, and the tile's label with a small map of where it goes: in the
    strip the next row covers, or below the drawing on the last row (see layout.tiling)."""
    marks = tile_marks(t, tl)
    c.saveState()
    c.setLineWidth(0.4)
    c.setStrokeColor(MUTED)
    c.setDash(2.5, 2)
    for x1, y1, x2, y2 in marks.cuts:
        c.line(x1 * MM, y1 * MM, x2 * MM, y2 * MM)
    c.restoreState()
    x, y = marks.label_at
    # the tile's place in the grid: a small map, its own cell filled
    cell = min(1.3, (LABEL_H - 0.6) / t.rows, 14 / t.cols)
    gy = y + (LABEL_H - t.rows * cell) / 2
    c.saveState()
    c.setLineWidth(0.25)
    c.setStrokeColor(INK)
    for r in range(t.rows):
        for col in range(t.cols):
            fill = 1 if (r, col) == (tl.row, tl.col) else 0
            c.setFillColor(INK)
            cy = gy + (t.rows - 1 - r) * cell
            c.rect((x + col * cell) * MM, cy * MM, cell * MM, cell * MM, stroke=1, fill=fill)
    c.restoreState()
    x += t.cols * cell + 2
    base = y + (LABEL_H - 2.5) / 2
    c.setFillColor(INK)
    c.setFont(BOLD, 9)
    c.drawString(x * MM, base * MM, tl.label)
    x += c.stringWidth(tl.label, BOLD, 9) / MM + 2
    where = _("row {row} of {rows}, column {col} of {cols}").format(
        row=tl.row + 1, rows=t.rows, col=tl.col + 1, cols=t.cols
    )
    parts = [where]
    if copy[1] > 1:
        parts.append(_("copy {n} of {total}").format(n=copy[0], total=copy[1]))
    before = [
        t.at(r, col).label
        for r, col in ((tl.row, tl.col - 1), (tl.row - 1, tl.col))
        if r >= 0 and col >= 0
    ]
    if before:
        hint = _("cut on the dashes, lay it over {tiles}").format(tiles=", ".join(before))
    else:
        hint = _("first sheet: the others are laid over it")
    room = marks.label_w - (x - marks.label_at[0])
    c.setFont(REGULAR, 7)
    for text in (" · ".join(parts + [hint]), " · ".join(parts), where):
        text = typeset(text, lang, for_pdf=True)
        if c.stringWidth(text, REGULAR, 7) / MM <= room:
            c.drawString(x * MM, base * MM, text)
            break


def _assembly_map(c: Any, g: CanvasGeometry, t: Tiling, form: str, copies: int, lang: str) -> None:
    """The map: how many rows and columns, in words, then the drawing itself with the part
    each sheet shows once assembled, its label, and the row letters and column numbers."""
    W, H = t.sheet_w, t.sheet_h
    m = max(t.margin, 12)
    c.setFont(BOLD, 16)
    c.setFillColor(INK)
    title = typeset(_("Assembly map — {title}").format(title=g.title), lang, for_pdf=True)
    while c.stringWidth(title, BOLD, 16) / MM > W - 2 * m and len(title) > 10:
        title = title[:-2].rstrip() + "…"
    c.drawString(m * MM, (H - m - 6) * MM, title)
    rows = ngettext("{n} row", "{n} rows", t.rows).format(n=t.rows)
    cols = ngettext("{n} column", "{n} columns", t.cols).format(n=t.cols)
    sheets = ngettext("{n} sheet", "{n} sheets", t.sheets).format(n=t.sheets)
    size = _("Assembled, the canvas measures {w} × {h} mm.").format(
        w=f"{g.width * t.scale:.0f}", h=f"{g.height * t.scale:.0f}"
    )
    if t.scale < 0.995:
        size += " " + _("It is printed at {scale} % of its size.").format(
            scale=f"{t.scale * 100:.0f}"
        )
    lines = [
        _("{rows} × {columns}: {sheets}, from A1 at the top left.").format(
            rows=rows, columns=cols, sheets=sheets
        )
        + " "
        + size,
        _("Print at 100 % (actual size). Lay the sheets out as below, labels at the bottom."),
        _(
            "Start with A1. Cut each other sheet on its dashes (left, top) and lay it over "
            "the sheets already placed, matching the drawing; glue."
        ),
        _(
            "The labels end up under the next row; those of the last row are below the "
            "drawing: trim that white edge at the end."
        ),
    ]
    if copies > 1:
        lines.append(
            ngettext(
                "This file holds {n} copy of the canvas: keep each copy's sheets together.",
                "This file holds {n} copies of the canvas: keep each copy's sheets together.",
                copies,
            ).format(n=copies)
        )
    y = H - m - 14
    st = mkstyle(9.5, lang, leading=12)
    for ln in lines:
        p = para(ln, st, lang)
        ph = p.wrap((W - 2 * m) * MM, 1000)[1]
        p.drawOn(c, m * MM, y * MM - ph)
        y -= ph / MM + 1.5
    cw, ch = g.width * t.scale, g.height * t.scale
    avail_w, avail_h = W - 2 * m - 8, y - m - 10
    k = min(avail_w / cw, avail_h / ch)
    ox = m + 8 + (avail_w - cw * k) / 2
    oy = m + (avail_h - ch * k) / 2
    # the drawing, small
    c.saveState()
    c.translate(ox * MM, oy * MM)
    c.scale(t.scale * k, t.scale * k)
    c.doForm(form)
    c.restoreState()
    c.saveState()
    c.setStrokeColor(INK)
    c.setLineWidth(1.2)
    c.rect(ox * MM, oy * MM, cw * k * MM, ch * k * MM)
    # each sheet's visible part: its window less the strips the next sheets cover
    for tl in t.tiles:
        win = tl.window
        x = win.x * t.scale
        top = (win.y + win.h) * t.scale
        w = tl.size[0] - (t.overlap_x if tl.col < t.cols - 1 else 0)
        h = tl.size[1] - (t.overlap_y if tl.row < t.rows - 1 else 0)
        bx, by = ox + x * k, oy + (top - h) * k
        c.setLineWidth(0.8)
        c.setStrokeColor(INK)
        c.setDash(4, 2)
        c.rect(bx * MM, by * MM, w * k * MM, h * k * MM)
        c.setDash()
        size = max(8, min(20, h * k * 0.3 / PT))
        lw = c.stringWidth(tl.label, BOLD, size) / MM
        c.setFillColor(HexColor("#ffffff"))
        cx, cy = bx + w * k / 2, by + h * k / 2
        c.rect(
            (cx - lw / 2 - 1.5) * MM,
            (cy - size * PT * 0.5) * MM,
            (lw + 3) * MM,
            size * PT * 1.2 * MM,
            stroke=0,
            fill=1,
        )
        c.setFillColor(INK)
        c.setFont(BOLD, size)
        c.drawCentredString(cx * MM, (cy - size * PT * 0.3) * MM, tl.label)
        c.setFont(BOLD, 9)
        if tl.row == 0:
            c.drawCentredString(cx * MM, (oy + ch * k + 1.5) * MM, str(tl.col + 1))
        if tl.col == 0:
            c.drawRightString((ox - 2) * MM, (cy - 1.2) * MM, row_label(tl.row))
    c.restoreState()


__all__ = ["draw_canvas", "write_canvases", "write_tiled", "ITALIC"]
