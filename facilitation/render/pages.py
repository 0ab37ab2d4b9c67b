"""The page system every document shares: a coloured band and a header at the top (the
session's heading, the document's name), a footer (the session's title, the page number),
and the pictograms that flow with the text (a block's family or kind, an arc's legend).

Why one module: the participants' agenda, the run-sheet, the wall agenda, the booklet, the
checklist and the guide are one kit; they look it because they all draw their pages here, in
the theme's colours (cards/themes.yaml, `pages:`).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Flowable

from facilitation.layout.look import Look, darker
from facilitation.model.printdata import Theme
from facilitation.render.icons import draw_icon
from facilitation.render.pdf import BOLD, MM, REGULAR

GREY = Color(0.35, 0.35, 0.35)


def default_theme() -> Theme:
    from facilitation.load.printdata import theme

    return theme("default")


def page_frame(
    theme: Theme,
    heading: str,
    document: str,
    footer: str = "",
    first: bool = True,
    band: Any = None,
) -> Any:
    """An onPage callback: the band and header at the top, the footer and the page number
    at the bottom, all inside the printable area (5 mm from the edges at least). `band`:
    a colour for the band (a day's or block's arc) or a function of the page number that
    gives one; the theme's accent otherwise. `first=False` leaves the first page bare (a
    cover)."""
    ps = theme.pages

    def draw(canv: Any, doc: Any) -> None:
        if not first and doc.page == 1:
            return
        w, h = doc.pagesize
        left, right = doc.leftMargin, w - doc.rightMargin
        colour = band(doc.page) if callable(band) else band
        canv.saveState()
        # the page number first: text read back from the PDF never runs it into the page's
        # words ("2" before the text that carries on from the page before)
        canv.setFont(BOLD, ps.footer_size)
        canv.setFillColor(HexColor(darker(ps.accent, 0.9)))
        canv.drawRightString(right, 7 * MM, str(doc.page))
        if ps.band > 0:
            canv.setFillColor(HexColor(colour or ps.accent))
            canv.rect(left, h - 7 * MM - ps.band * MM, right - left, ps.band * MM, stroke=0, fill=1)
        y = h - 7 * MM - ps.band * MM - ps.header_size * 1.25
        canv.setFillColor(GREY)
        canv.setFont(REGULAR, ps.header_size)
        canv.drawString(left, y, heading)
        canv.setFont(BOLD, ps.header_size)
        canv.drawRightString(right, y, document)
        canv.setStrokeColor(HexColor(ps.accent))
        canv.setLineWidth(0.5)
        canv.line(left, 11 * MM, right, 11 * MM)
        canv.setFont(REGULAR, ps.footer_size)
        canv.setFillColor(GREY)
        if footer:
            canv.drawString(left, 7 * MM, footer)
        canv.restoreState()

    return draw


class Pictogram(Flowable):
    """A block's pictogram in its colour, on a light square of that colour (the table's cell
    holds it): name and pictogram say what colour says, in black and white too."""

    def __init__(self, look: Look, size: float = 7 * MM, square: bool = True) -> None:
        super().__init__()
        self.look = look
        self.size = size
        self.square = square

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c, s = self.canv, self.size
        if self.square:
            c.saveState()
            c.setFillColor(HexColor(self.look.tint))
            c.roundRect(0, 0, s, s, s * 0.18, stroke=0, fill=1)
            c.restoreState()
            c.saveState()  # the colour itself, as a line under the pictogram
            c.setFillColor(HexColor(self.look.colour))
            c.rect(s * 0.18, 0, s * 0.64, s * 0.09, stroke=0, fill=1)
            c.restoreState()
        pad = s * 0.14 if self.square else 0
        draw_icon(c, self.look.icon, pad, pad, s - 2 * pad, darker(self.look.colour, 0.8), 2.2)


class Legend(Flowable):
    """A row of pictograms with their names (the arcs of a day, the kinds of blocks)."""

    def __init__(self, items: list[tuple[Look, str]], size: float = 8, lang: str = "fr") -> None:
        super().__init__()
        self.items = items
        self.size = size
        self.lang = lang

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.width = aw
        x, rows = 0.0, 1
        for _look, text in self.items:
            w = self.size * 1.6 + stringWidth(text, REGULAR, self.size) + self.size * 1.4
            if x and x + w > aw:
                rows, x = rows + 1, 0.0
            x += w
        self.height = rows * self.size * 1.8
        return aw, self.height

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c, s = self.canv, self.size
        x, y = 0.0, self.height - s * 1.8
        for look, text in self.items:
            w = s * 1.6 + stringWidth(text, REGULAR, s) + s * 1.4
            if x and x + w > self.width:
                x, y = 0.0, y - s * 1.8
            c.saveState()
            c.setFillColor(HexColor(look.tint))
            c.roundRect(x, y, s * 1.4, s * 1.4, s * 0.25, stroke=0, fill=1)
            c.restoreState()
            draw_icon(c, look.icon, x + s * 0.15, y + s * 0.15, s * 1.1, darker(look.colour, 0.8))
            c.setFont(REGULAR, s)
            c.setFillColor(GREY)
            c.drawString(x + s * 1.6, y + s * 0.35, text)
            x += w


class IconParagraph(Flowable):
    """A paragraph with a pictogram in its margin (a block's heading): the pictogram's chip
    at the top-left, the text beside it."""

    def __init__(self, look: Look, paragraph: Any, size: float = 5.5 * MM, gap: float = 2 * MM):
        super().__init__()
        self.look = look
        self.p = paragraph
        self.size = size
        self.gap = gap
        self.keepWithNext = getattr(paragraph.style, "keepWithNext", 0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _w, h = self.p.wrap(aw - self.size - self.gap, ah)
        self.height = max(h, self.size)
        self.width = aw
        return aw, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.p.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.p.getSpaceAfter()

    def draw(self) -> None:
        chip = Pictogram(self.look, self.size)
        chip.canv = self.canv
        self.canv.saveState()
        self.canv.translate(0, self.height - self.size)
        chip.draw()
        self.canv.restoreState()
        self.p.drawOn(self.canv, self.size + self.gap, self.height - self.p.height)


class ColumnsDocument:
    """Mixed into a Document: every page in `columns` frames side by side (the run-sheet's
    measure of about 70 characters on landscape paper)."""

    columns = 2
    gap = 9 * MM

    def addPageTemplates(self, templates: Any) -> None:  # noqa: N802 (reportlab's name)
        from reportlab.platypus import Frame

        if not isinstance(templates, list | tuple):
            templates = [templates]
        if not templates:  # the constructor's empty call
            super().addPageTemplates(templates)  # type: ignore[misc]
            return
        self._calc()  # type: ignore[attr-defined]
        n = self.columns
        w = (self.width - self.gap * (n - 1)) / n  # type: ignore[attr-defined]
        for t in templates:
            t.frames = [
                Frame(
                    self.leftMargin + i * (w + self.gap),  # type: ignore[attr-defined]
                    self.bottomMargin,  # type: ignore[attr-defined]
                    w,
                    self.height,  # type: ignore[attr-defined]
                    id=f"column{i}",
                    leftPadding=0,
                    rightPadding=0,
                )
                for i in range(n)
            ]
        super().addPageTemplates(templates)  # type: ignore[misc]
