"""The agenda as a time-proportional day: the wall agenda (A3 or larger, read from across the
room) and, as an option, the participants' agenda. One page per day: the day's heading, a time
column, each block as tall as it lasts (layout/timeline.py) in its arc's or kind's colour with
its pictogram, parallel tracks side by side, and a legend of the pictograms at the foot.

Type is set for A3 and grows with the paper; block titles are fitted to their box, from a
display size down to a floor readable from 3 m on the wall (about 18 pt on A3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from facilitation.layout.look import Look, arc_look, block_look, darker
from facilitation.layout.timeline import TimeBox, day_column
from facilitation.model.printdata import Theme
from facilitation.render.icons import draw_icon
from facilitation.render.pdf import BOLD, MM, REGULAR, Meta, Paragraph, PrintCanvas, para
from facilitation.render.pdf import style as mkstyle

GREY = Color(0.3, 0.3, 0.3)
MARGIN = 10  # mm: inside the 5 mm an office printer cannot print, with room to spare


def fit_text(
    text: str, w: float, h: float, size: float, floor: float, lang: str, bold: bool = True
) -> tuple[Paragraph, float]:
    """The paragraph at the largest half-point size from `size` down to `floor` that fits
    (w, h) points; at the floor if none does (the box then grows downward: never clipped)."""

    def at(pt: float) -> tuple[Paragraph, float]:
        st = mkstyle(pt, lang, bold=bold, leading=pt * 1.08, hyphenate=False)
        st.splitLongWords = 0
        p = para(text, st, lang)
        pw, ph = p.wrap(w, 10_000)
        return p, ph

    steps = max(0, int((size - floor) / 0.5))
    lo, hi, best = 0, steps, None
    while lo <= hi:  # the height shrinks with the size: bisect on the steps
        k = (lo + hi) // 2
        p, ph = at(size - k * 0.5)
        if ph <= h + 0.01:
            best, hi = (p, ph), k - 1
        else:
            lo = k + 1
    return best or at(floor)


class Timeline:
    """Draws the days of an agenda view as timelines on a canvas."""

    def __init__(self, canv: PrintCanvas, view: dict[str, Any], theme: Theme, wall: bool):
        self.c = canv
        self.view = view
        self.theme = theme
        self.lang = view["lang"]
        self.wall = wall
        w, h = canv._pagesize
        self.W, self.H = w, h
        self.k = min(w / (297 * MM), h / (420 * MM)) if wall else w / (297 * MM)
        # display size, floor: read from 3 m on the wall; at arm's length on the agenda
        self.title_pt = 36 * self.k if wall else 15
        self.floor_pt = 20 * self.k if wall else 8.5
        self.time_pt = 22 * self.k if wall else 10.5

    def day(self, day: dict[str, Any]) -> list[TimeBox]:
        c, k, lang = self.c, self.k, self.lang
        m = MARGIN * MM
        left, right, top = m, self.W - m, self.H - m
        ps = self.theme.pages
        # header: the band, the day, the session
        band = max(ps.band, 2.5) * MM * (k if self.wall else 1)
        c.setFillColor(HexColor(ps.accent))
        c.rect(left, top - band, right - left, band, stroke=0, fill=1)
        head_pt = (44 if self.wall else 20) * k if self.wall else 20
        sub_pt = (17 * k) if self.wall else 10
        y = top - band - head_pt * 1.05
        c.setFillColor(HexColor(self.theme.ink))
        c.setFont(BOLD, head_pt)
        label = day["label"][:1].upper() + day["label"][1:]
        c.drawString(left, y, label)
        c.setFont(REGULAR, sub_pt)
        c.setFillColor(GREY)
        words = self.view["words"]
        c.drawRightString(right, y, f"{words['day']} {day['index']}")
        y -= sub_pt * 0.6
        sub = " · ".join(
            x for x in (self.view["title"], day["title"], day["place"], day["timing_note"]) if x
        )
        st = mkstyle(sub_pt, lang, leading=sub_pt * 1.15, colour=GREY, hyphenate=False)
        q = para(sub, st, lang)
        _qw, qh = q.wrap(right - left, 10_000)
        q.drawOn(c, left, y - qh)
        y -= qh + sub_pt * 0.9
        # foot: the legend of the pictograms used this day
        rows = [r for r in day["rows"] if r.get("audience") != "facilitators"]
        legend = self._legend(rows)
        leg_pt = (13 * k) if self.wall else 8
        leg_h = self._legend_height(legend, leg_pt, right - left)
        bottom = m + leg_h + leg_pt * 0.8
        self._draw_legend(legend, leg_pt, left, m, right - left)
        # the time column and the blocks
        times = [r["shown_start"] for r in rows]
        tw = max([stringWidth(t, BOLD, self.time_pt) for t in times if t] + [0])
        tcol = tw + 4 * MM * (k if self.wall else 0.8)
        min_h = (self.floor_pt * 1.25 + 2 * self._pad()) / MM
        boxes = day_column(
            rows,
            (left + tcol) / MM,
            bottom / MM,
            (right - left - tcol) / MM,
            (y - bottom) / MM,
            min_h,
        )
        for b in boxes:
            self._block(b)
            t = b.row["shown_start"]
            if t:
                c.setFont(BOLD, self.time_pt)
                c.setFillColor(HexColor(self.theme.ink))
                c.drawRightString(left + tw, b.top * MM - self.time_pt * 0.95, t)
        return boxes

    def _pad(self) -> float:
        return (2.2 if self.wall else 1.2) * MM * (self.k if self.wall else 1)

    def _block(self, b: TimeBox, inner: bool = False) -> None:
        c, lang = self.c, self.lang
        look = block_look(b.row, self.theme)
        x, y, w, h = b.x * MM, b.y * MM, b.w * MM, b.h * MM
        gap = 0.6 * MM * (self.k if self.wall else 0.7)
        y += gap / 2
        h -= gap
        pad = self._pad()
        radius = 1.6 * MM * (self.k if self.wall else 0.7)
        c.saveState()
        c.setFillColor(HexColor(look.tint))
        c.roundRect(x, y, w, h, radius, stroke=0, fill=1)
        bar = 2.4 * MM * (self.k if self.wall else 0.6)
        c.setFillColor(HexColor(look.colour))
        c.roundRect(x, y, bar + radius, h, radius, stroke=0, fill=1)
        c.setFillColor(HexColor(look.tint))
        c.rect(x + bar, y, radius, h, stroke=0, fill=1)
        c.restoreState()
        # the pictogram, as large as the block allows, at its top-left
        icon = min(h - 2 * pad, (14 if self.wall else 6.5) * MM * (self.k if self.wall else 1))
        icon = max(icon, min(h - 0.5 * pad, self.floor_pt))
        ix = x + bar + pad
        draw_icon(
            c,
            look.icon,
            ix,
            y + h - pad - icon if h > icon + 2 * pad else y + (h - icon) / 2,
            icon,
            darker(look.colour, 0.8),
            2.3,
        )
        tx = ix + icon + pad
        tw = x + w - pad - tx
        if b.children:  # parallel tracks: the block's title on a line, the tracks below
            head_h = h - (b.children[0].top * MM - y) if b.children else 0
            head_h = max(head_h, self.floor_pt * 1.2)
            p, ph = fit_text(
                b.row["title"], tw, head_h - pad, self.title_pt * 0.8, self.floor_pt * 0.8, lang
            )
            p.drawOn(c, tx, y + h - pad - ph)
            for kid in b.children:
                self._block(kid, inner=True)
                self._track_label(kid)
            return
        lines = self._details(b.row)
        title_h = h - 2 * pad
        detail_pt = max(self.floor_pt * (0.8 if self.wall else 0.95), self.title_pt * 0.5)
        details: list[tuple[Paragraph, float]] = []
        if lines and h > (self.floor_pt * 1.1 + detail_pt * 1.2 + 2 * pad):
            st = mkstyle(detail_pt, lang, leading=detail_pt * 1.12, colour=GREY, hyphenate=False)
            for line in lines:
                q = para(line, st, lang)
                _qw, qh = q.wrap(tw, 10_000)
                if sum(d[1] for d in details) + qh > title_h - self.floor_pt * 1.1:
                    break
                details.append((q, qh))
        dh = sum(d[1] for d in details)
        size = self.title_pt * (0.85 if inner else 1)
        p, ph = fit_text(
            b.row["title"], tw, title_h - dh, size, self.floor_pt * (0.9 if inner else 1), lang
        )
        ty = y + h - pad - ph
        if not details and ph < h - 2 * pad:  # a single title sits in the middle
            ty = y + (h - ph) / 2
        p.drawOn(c, tx, ty)
        for q, qh in details:
            ty -= qh
            q.drawOn(c, tx, ty)

    def _track_label(self, kid: TimeBox) -> None:
        pass

    def _details(self, r: dict[str, Any]) -> list[str]:
        """What a block says under its title: the track's name (in parallel tracks), its
        room, the events inside it with their times."""
        out = []
        if r.get("room"):
            out.append(r["room"])
        for e in r.get("events", []):
            if e.get("audience") != "facilitators":
                out.append(" · ".join(x for x in (e["shown_start"], e["title"]) if x))
        return out

    def _legend(self, rows: list[dict[str, Any]]) -> list[tuple[Look, str]]:
        """The pictograms of the day with their names: the arcs of its methods, then the
        kinds of its other blocks."""
        from facilitation.model.words import arc_label, logistics_label

        arcs: list[str] = []
        kinds: list[str] = []

        def add(r: dict[str, Any]) -> None:
            if r.get("look"):
                if r["look"] not in kinds and r["look"] != "parallel":
                    kinds.append(r["look"])
            elif r["arc"] not in arcs:
                arcs.append(r["arc"])
            for t in r.get("tracks", []):
                for c in t["rows"]:
                    add(c)

        for r in rows:
            add(r)
        from facilitation.model.exercise import ARC_ORDER

        out = [(arc_look(a, self.theme), arc_label(a)) for a in ARC_ORDER if a in arcs]
        names = {"free": self.view["words"]["free_time"]}
        for kind in kinds:
            if kind in self.theme.kinds:
                look = block_look({"look": kind}, self.theme)
                out.append((look, names.get(kind) or logistics_label(kind)))
        return out

    def _legend_height(self, items: list[tuple[Look, str]], pt: float, width: float) -> float:
        return (pt * 1.9) * self._legend_rows(items, pt, width)

    def _legend_rows(self, items: list[tuple[Look, str]], pt: float, width: float) -> int:
        x, rows = 0.0, 1
        for _l, text in items:
            w = pt * 2.0 + stringWidth(text, REGULAR, pt) + pt * 1.6
            if x and x + w > width:
                rows, x = rows + 1, 0.0
            x += w
        return rows

    def _draw_legend(
        self, items: list[tuple[Look, str]], pt: float, x0: float, y0: float, width: float
    ) -> None:
        c = self.c
        rows = self._legend_rows(items, pt, width)
        x, y = 0.0, y0 + (rows - 1) * pt * 1.9
        for look, text in items:
            w = pt * 2.0 + stringWidth(text, REGULAR, pt) + pt * 1.6
            if x and x + w > width:
                x, y = 0.0, y - pt * 1.9
            c.saveState()
            c.setFillColor(HexColor(look.colour))
            c.roundRect(x0 + x, y, pt * 1.6, pt * 1.6, pt * 0.3, stroke=0, fill=1)
            c.restoreState()
            draw_icon(c, look.icon, x0 + x + pt * 0.2, y + pt * 0.2, pt * 1.2, "#FFFFFF", 2.4)
            c.setFont(REGULAR, pt)
            c.setFillColor(GREY)
            c.drawString(x0 + x + pt * 2.0, y + pt * 0.45, text)
            x += w


def timeline_pdf(
    view: dict[str, Any], path: Path, size: tuple[float, float], theme: Theme, wall: bool = True
) -> list[list[TimeBox]]:
    """One page per day as a timeline; returns each page's boxes (for tests and measures)."""
    words = view["words"]
    meta = Meta(
        title=f"{words['wall' if wall else 'agenda']} — {view['title']}",
        author=view["programme"],
        subject=view["heading"],
        lang=view["lang"],
    )
    c = PrintCanvas(str(path), size, meta)
    t = Timeline(c, view, theme, wall)
    pages = []
    for day in view["days"]:
        pages.append(t.day(day))
        c.showPage()
    c.save()
    return pages
