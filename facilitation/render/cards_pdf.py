"""Drawing cards: fitted text, pictures cropped to fill, backs as one reusable form, crop
marks, TrimBox/BleedBox, duplex preferences.

Text never clips in silence: each text box shrinks to its floor, and past that the card and
the text are named in an error before any file is kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.utils import ImageReader

from facilitation.errors import Problem, UserError
from facilitation.layout.card_design import Element, Face
from facilitation.layout.imposition import Imposition, Rect, back_of
from facilitation.render.pdf import MM, Meta, Paragraph, PrintCanvas, markup, para
from facilitation.render.pdf import style as mkstyle
from facilitation.text.messages import _

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
STEP = 0.5


class FitError(Exception):
    pass


@dataclass
class Fitted:
    paragraphs: list[Paragraph]
    heights: list[float]
    size: float


def _paragraphs(el: Element, size: float, lang: str) -> list[Paragraph]:
    align = ALIGN[el.align]
    colour = HexColor(el.colour)
    if not el.rich:
        st = mkstyle(
            size,
            lang,
            bold=el.bold,
            italic=el.italic,
            leading=size * el.leading,
            align=align,
            colour=colour,
            hyphenate=el.hyphenate,
        )
        return [para(el.text, st, lang)]
    out = []
    body = mkstyle(
        size, lang, leading=size * 1.18, align=align, colour=colour, space_after=size * 0.25
    )
    for kind, text in el.runs:
        if not str(text).strip():
            continue
        if kind == "label":  # smaller than the text, never below the card's floor
            small = max(size * 0.82, el.min_size)
            st = mkstyle(small, lang, bold=True, leading=max(size, small), colour=colour)
            out.append(para(str(text).upper(), st, lang))
        elif kind == "heading":
            st = mkstyle(
                size * 1.15,
                lang,
                bold=True,
                leading=size * 1.3,
                colour=colour,
                space_after=size * 0.2,
            )
            out.append(para(str(text), st, lang))
        elif kind == "italic":
            st = mkstyle(
                size, lang, italic=True, leading=size * 1.18, colour=colour, space_after=size * 0.35
            )
            out.append(para(str(text), st, lang))
        elif kind == "bullet":
            st = mkstyle(size, lang, leading=size * 1.18, colour=colour, space_after=size * 0.15)
            st.leftIndent = size * 0.9
            st.bulletIndent = 0
            out.append(para(str(text), st, lang, bullet="•"))
        elif kind == "step":
            meta, title, text2 = text  # type: ignore[misc]
            st = mkstyle(size, lang, leading=size * 1.18, colour=colour, space_after=size * 0.3)
            meta = f"{meta}\u00a0min" if isinstance(meta, int) else str(meta)
            out.append(
                Paragraph(
                    f"<b>{markup(title, lang)}</b> ({markup(meta, lang)}) {markup(text2, lang)}",
                    st,
                )
            )
        else:
            out.append(para(str(text), body, lang))
    return out


def _try(el: Element, size: float, lang: str) -> Fitted | None:
    w, h = el.w * MM, el.h * MM
    paras = _paragraphs(el, size, lang)
    heights = []
    total = 0.0
    for i, p in enumerate(paras):
        pw, ph = p.wrap(w, 10_000)
        if pw > w + 0.01 or _too_wide(p, w):
            return None
        space = p.style.spaceAfter if i < len(paras) - 1 else 0
        heights.append(ph + space)
        total += ph + space
        if total > h + 0.01:
            return None
    return Fitted(paras, heights, size)


class RunTable:
    """Each run of a rich text as its own paragraph, wrapped once per candidate size.

    Why: a facilitator card decides how many runs fit on the front and at what size; heights
    add up run by run, so every candidate is a sum over this table instead of a new wrap.
    """

    def __init__(self, el: Element, sizes: list[float], lang: str) -> None:
        self.sizes = sizes
        self.el = el
        self.lang = lang
        self.rows: dict[float, list[tuple[Paragraph, float, float]] | None] = {}

    def _row(self, size: float) -> list[tuple[Paragraph, float, float]] | None:
        """The runs wrapped at one size (computed on first use), or None if one is too wide."""
        if size in self.rows:
            return self.rows[size]
        el, w = self.el, self.el.w * MM
        row: list[tuple[Paragraph, float, float]] | None = []
        for run in el.runs:
            one = Element(
                "text", 0, 0, el.w, el.h, rich=True, runs=[run], colour=el.colour, align=el.align
            )
            for p in _paragraphs(one, size, self.lang):
                pw, ph = p.wrap(w, 10_000)
                if pw > w + 0.01 or _too_wide(p, w):
                    row = None
                    break
                row.append((p, ph, p.style.spaceAfter))
            if row is None:
                break
        self.rows[size] = row
        return row

    def part(self, size: float, start: int, end: int | None = None) -> list[Any] | None:
        row = self._row(size)
        return None if row is None else row[start:end]


def fitted_of(items: list[tuple[Paragraph, float, float]], size: float) -> Fitted:
    heights = [h + (sa if i < len(items) - 1 else 0) for i, (_, h, sa) in enumerate(items)]
    return Fitted([p for p, _, _ in items], heights, size)


def total_height(items: list[tuple[Paragraph, float, float]] | None) -> float:
    if not items:
        return float("inf") if items is None else 0.0
    return sum(h + sa for _, h, sa in items) - items[-1][2]


def prime(el: Element, lang: str, fitted: Fitted) -> None:
    """Record a fitting decided elsewhere, so drawing does not wrap the text again."""
    _FITS[_key(el, lang)] = fitted


def _key(el: Element, lang: str) -> tuple[Any, ...]:
    return (
        el.text,
        tuple(el.runs),
        el.size,
        el.min_size,
        round(el.w, 3),
        round(el.h, 3),
        el.bold,
        el.italic,
        el.align,
        el.colour,
        el.leading,
        el.hyphenate,
        lang,
    )


def fit(el: Element, lang: str, name: str) -> Fitted:
    """The largest size, in half points from el.size down to el.min_size, at which the text
    fits its box (found by bisection: the height grows with the size). Cached by content:
    copies of a card, and a layout decided before drawing, wrap the text once."""
    key = _key(el, lang)
    cached = _FITS.get(key)
    if cached is None:
        cached = _FITS[key] = _fit(el, lang, name)
    return cached


_FITS: dict[tuple[Any, ...], Fitted] = {}


def _fit(el: Element, lang: str, name: str) -> Fitted:
    first = _try(el, el.size, lang)
    if first is not None:
        return first
    steps = int(round((el.size - el.min_size) / STEP))
    lo_fit = _try(el, el.size - steps * STEP, lang)
    if lo_fit is None:
        text = el.text or " / ".join(
            str(t[1]) if not isinstance(t[1], tuple) else t[1][1] for t in el.runs
        )
        short = text if len(text) <= 70 else text[:67] + "…"
        raise FitError(
            _("{card}: the text does not fit even at {size} pt: '{text}'").format(
                card=name, size=f"{el.min_size:g}", text=short
            )
        )
    best, lo, hi = lo_fit, 1, steps - 1  # candidates: el.size - k * STEP, k in [lo, hi]
    while lo <= hi:
        k = (lo + hi) // 2
        got = _try(el, el.size - k * STEP, lang)
        if got is not None:
            best, hi = got, k - 1
        else:
            lo = k + 1
    return best


def _too_wide(p: Paragraph, w: float) -> bool:
    lines = getattr(p, "blPara", None)
    if lines is None:
        return False
    for line in getattr(lines, "lines", []):
        extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
        if extra < -3:  # reportlab lets a line overrun by a hair; more is a real overflow
            return True
    return False


class CardDrawer:
    """Draws faces onto a canvas, with fitted text cached per element.

    Bleed: an element marked `bleed` runs past the trim by the bleed on each side that lies
    on the trim, and only there, so that the design inside the trim stays the same with or
    without bleed (a colour band 2.2 mm deep stays 2.2 mm deep)."""

    def __init__(
        self, canv: PrintCanvas, lang: str, bleed: float, card: tuple[float, float] = (0, 0)
    ) -> None:
        self.c = canv
        self.lang = lang
        self.bleed = bleed
        self.card = card
        self._images: dict[str, Any] = {}
        self._svg: dict[str, tuple[str, float, float]] = {}  # path -> (form, width, height)

    def _bled(self, el: Element) -> tuple[float, float, float, float]:
        """The element's box, grown outward by the bleed on the sides that touch the trim."""
        x, y, w, h = el.x, el.y, el.w, el.h
        b = self.bleed if el.bleed else 0.0
        if not b:
            return x, y, w, h
        cw, ch = self.card
        eps = 0.01
        left = b if x <= eps else 0.0
        bottom = b if y <= eps else 0.0
        right = b if not cw or x + w >= cw - eps else 0.0
        top = b if not ch or y + h >= ch - eps else 0.0
        return x - left, y - bottom, w + left + right, h + bottom + top

    def draw(self, elements: list[Element], name: str) -> None:
        c = self.c
        for el in elements:
            if el.kind in ("rect", "circle"):
                c.saveState()
                if el.fill:
                    c.setFillColor(HexColor(el.fill))
                if el.stroke:
                    c.setStrokeColor(HexColor(el.stroke))
                    c.setLineWidth(el.width)
                paint = {"stroke": 1 if el.stroke else 0, "fill": 1 if el.fill else 0}
                if el.kind == "rect":
                    x, y, w, h = self._bled(el)
                    c.rect(x * MM, y * MM, w * MM, h * MM, **paint)
                else:  # x, y: centre; w: radius
                    c.circle(el.x * MM, el.y * MM, el.w * MM, **paint)
                c.restoreState()
            elif el.kind == "hatch":
                self._hatch(el)
            elif el.kind == "line":
                c.saveState()
                c.setStrokeColor(HexColor(el.stroke or "#000000"))
                c.setLineWidth(el.width)
                if el.dash:
                    c.setDash(*el.dash)
                c.line(el.x * MM, el.y * MM, el.w * MM, el.h * MM)
                c.restoreState()
            elif el.kind == "text":
                self._text(el, name)
            elif el.kind == "image":
                self._image(el)
            elif el.kind == "icon":
                self._icon(el)

    def _icon(self, el: Element) -> None:
        from facilitation.render.icons import draw_icon

        c = self.c
        x, y, w = el.x * MM, el.y * MM, el.w * MM
        if el.fill:
            c.saveState()
            c.setFillColor(HexColor(el.fill))
            c.roundRect(x, y, w, w, w * 0.18, stroke=0, fill=1)
            c.restoreState()
        pad = w * 0.13 if el.fill else 0
        draw_icon(c, str(el.path), x + pad, y + pad, w - 2 * pad, el.stroke or "#000000", el.width)

    def icon_forms(self, elements: list[Element]) -> None:
        """The pictograms of these elements drawn as forms now (before a back's form is
        begun: each is then one form of the file, reused inside the backs)."""
        from facilitation.render.icons import ensure_form

        for el in elements:
            if el.kind == "icon":
                ensure_form(self.c, str(el.path))

    def _hatch(self, el: Element) -> None:
        c = self.c
        c.saveState()
        x, y, w, h = (v * MM for v in self._bled(el))
        p = c.beginPath()
        p.rect(x, y, w, h)
        c.clipPath(p, stroke=0, fill=0)
        c.setStrokeColor(HexColor(el.stroke or "#000000"))
        c.setLineWidth(el.width)
        step = 3.2 * MM
        # lines x - y = const, anchored at the trim's corner: the same inside the trim with
        # or without bleed
        anchor = (el.x - el.y) * MM
        k = anchor - step * math.ceil((anchor - (x - y - h)) / step)
        while k < x + w - y:
            c.line(y + k, y, y + k + h, y + h)
            k += step
        c.restoreState()

    def _text(self, el: Element, name: str) -> None:
        fitted = fit(el, self.lang, name)
        total = sum(fitted.heights)
        x, y, h = el.x * MM, el.y * MM, el.h * MM
        if el.valign == "middle":
            top = y + h - (h - total) / 2
        elif el.valign == "bottom":
            top = y + total
        else:
            top = y + h
        for p, ph in zip(fitted.paragraphs, fitted.heights, strict=True):
            p.drawOn(
                self.c, x, top - (ph - (p.style.spaceAfter if ph != fitted.heights[-1] else 0))
            )
            top -= ph

    def svg_forms(self, faces: list[Face]) -> None:
        """Each SVG picture of these faces drawn once, as a form that every card reuses."""
        from reportlab.graphics import renderPDF

        from facilitation.load.pictures import svg_drawing

        for face in faces:
            for el in face.elements:
                if el.kind != "image" or str(el.path) in self._svg:
                    continue
                if str(el.path).lower().endswith(".svg"):
                    drawing = svg_drawing(el.path)
                    name = f"svg{len(self._svg)}"
                    self.c.beginForm(name, 0, 0, drawing.width, drawing.height)
                    renderPDF.draw(drawing, self.c, 0, 0)
                    self.c.endForm()
                    self._svg[str(el.path)] = (name, drawing.width, drawing.height)

    def _svg_image(self, el: Element) -> None:
        """A vector picture, whole, centred in its box (a pictogram is never cropped)."""
        c = self.c
        name, dw, dh = self._svg[str(el.path)]
        x, y, w, h = el.x * MM, el.y * MM, el.w * MM, el.h * MM
        pad = min(w, h) * 0.08
        k = min((w - 2 * pad) / dw, (h - 2 * pad) / dh)
        c.saveState()
        c.translate(x + (w - dw * k) / 2, y + (h - dh * k) / 2)
        c.scale(k, k)
        c.doForm(name)
        c.restoreState()
        if el.stroke:
            c.saveState()
            c.setStrokeColor(HexColor(el.stroke))
            c.setLineWidth(0.4)
            c.rect(x, y, w, h, stroke=1, fill=0)
            c.restoreState()

    def _image(self, el: Element) -> None:
        c = self.c
        if str(el.path) in self._svg:
            self._svg_image(el)
            return
        key = str(el.path)
        if key not in self._images:
            self._images[key] = ImageReader(key)
        img = self._images[key]
        iw, ih = img.getSize()
        x, y, w, h = el.x * MM, el.y * MM, el.w * MM, el.h * MM
        scale = max(w / iw, h / ih)  # cover the box, crop what spills
        dw, dh = iw * scale, ih * scale
        c.saveState()
        p = c.beginPath()
        p.rect(x, y, w, h)
        c.clipPath(p, stroke=0, fill=0)
        c.drawImage(img, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh)
        c.restoreState()
        if el.stroke:
            c.saveState()
            c.setStrokeColor(HexColor(el.stroke))
            c.setLineWidth(0.4)
            c.rect(x, y, w, h, stroke=1, fill=0)
            c.restoreState()


def _place(
    c: PrintCanvas, rect: Rect, rotated: bool, card_w: float, card_h: float, turn: int
) -> None:
    """Move the origin to a card's bottom-left corner in its own (portrait) orientation."""
    c.translate(rect.x * MM, rect.y * MM)
    if rotated:
        c.translate(rect.w * MM, 0)
        c.rotate(90)
    if turn == 180:
        c.translate(card_w * MM, card_h * MM)
        c.rotate(180)


def _boxes(c: PrintCanvas, imp: Imposition, rects: list[Rect]) -> None:
    bb, tb = imp.bleed_box(rects), imp.trim_box(rects)
    c.setTrimBox((tb.x * MM, tb.y * MM, tb.right * MM, tb.top * MM))
    c.setBleedBox((bb.x * MM, bb.y * MM, bb.right * MM, bb.top * MM))


def _marks(c: PrintCanvas, imp: Imposition) -> None:
    c.saveState()
    c.setStrokeColor(HexColor("#000000"))
    c.setLineWidth(0.3)
    for m in imp.marks:
        c.line(m.x1 * MM, m.y1 * MM, m.x2 * MM, m.y2 * MM)
    if imp.folds:
        c.setDash(2, 2)
        c.setStrokeColor(HexColor("#777777"))
        for f in imp.folds:
            c.line(f.x1 * MM, f.y1 * MM, f.x2 * MM, f.y2 * MM)
    c.restoreState()


@dataclass
class SheetCard:
    front: Face
    back_form: str | None  # name of the deck's back form
    back_face: Face | None = None  # an explicit back (facilitator card continued)
    group: str = ""  # the exercise it belongs to (to start a sheet of its own)


def sheets_of(cards: list[SheetCard], per_sheet: int, separate: bool = False) -> list[list[Any]]:
    """The cards of each sheet, in order; with `separate`, each group (exercise) starts on
    a sheet of its own, so that changing one of its cards changes its sheets only."""
    out: list[list[SheetCard]] = []
    for card in cards:
        if not out or len(out[-1]) >= per_sheet or (separate and out[-1][-1].group != card.group):
            out.append([])
        out[-1].append(card)
    return out


def sheet_key(chunk: list[SheetCard], backs: dict[str, list[Element]]) -> str:
    """What a sheet carries, as a short digest: the same cards in the same places give the
    same key from one kit to the next (`kit --since` says which sheets changed)."""
    import hashlib

    parts = []
    for card in chunk:
        back = card.back_face.elements if card.back_face else backs.get(card.back_form or "")
        parts.append(repr((card.front.elements, back)))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class Rendered:
    pages: int
    sheet_keys: list[str]


def render_cards(
    path: Any,
    cards: list[SheetCard],
    imp: Imposition,
    duplex: str,
    backs: dict[str, list[Element]],
    meta: Meta,
    lang: str,
    back_shift: tuple[float, float] = (0, 0),
    separate: bool = False,
) -> Rendered:
    """Write the PDF; return its pages and what each sheet carries. Text that does not fit
    at its floor is reported for every card at once, with its file and line when known."""
    pref = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge"}.get(duplex)
    c = PrintCanvas(str(path), (imp.sheet_w * MM, imp.sheet_h * MM), meta, duplex=pref)
    cw, ch, bleed = imp.card_w, imp.card_h, imp.bleed
    d = CardDrawer(c, lang, bleed, (cw, ch))
    d.svg_forms([card.front for card in cards])  # each SVG picture once, as a form
    for elements in backs.values():
        d.icon_forms(elements)
    problems: list[tuple[str, Face]] = []
    for name, elements in backs.items():  # each back drawn once, reused as a form
        c.beginForm(name, -bleed * MM, -bleed * MM, (cw + bleed) * MM, (ch + bleed) * MM)
        try:
            d.draw(elements, name)
        except FitError as exc:  # said with the fronts' problems, below
            problems.append((str(exc), Face(elements, name)))
        c.endForm()
    pages = 0
    keys = []
    for chunk in sheets_of(cards, imp.per_sheet, separate):
        keys.append(sheet_key(chunk, backs))
        _boxes(c, imp, [s.trim for s in imp.slots[: len(chunk)]])
        for card, slot in zip(chunk, imp.slots, strict=False):
            c.saveState()
            _place(c, slot.trim, slot.rotated, cw, ch, 0)
            if imp.fold:  # each side's art stays on its side of the fold, bleed or not
                c.saveState()
                _clip(c, -bleed, -bleed, cw + bleed, ch + 2 * bleed)
            try:
                d.draw(card.front.elements, card.front.name)
            except FitError as exc:
                problems.append((str(exc), card.front))
            if imp.fold:
                c.restoreState()
                c.translate(cw * MM, 0)
                _clip(c, 0, -bleed, cw + bleed, ch + 2 * bleed)
                _draw_back(c, d, card, problems)
            c.restoreState()
        _marks(c, imp)
        c.showPage()
        pages += 1
        if duplex in ("long", "short"):
            used = imp.slots[: len(chunk)]
            _boxes(c, imp, [back_of(s, imp, duplex, back_shift)[0] for s in used])
            for card, slot in zip(chunk, imp.slots, strict=False):
                rect, turn = back_of(slot, imp, duplex, back_shift)
                c.saveState()
                _place(c, rect, slot.rotated, cw, ch, turn)
                _draw_back(c, d, card, problems)
                c.restoreState()
            c.showPage()
            pages += 1
    if problems:
        from facilitation.text.messages import _

        fmt = f"{imp.card_w:g} × {imp.card_h:g} mm"
        said = dict.fromkeys((p, face.where) for p, face in problems)  # copies: said once
        raise UserError(
            [
                Problem(
                    _("{problem} on a {format} card").format(problem=p, format=fmt),
                    *(where or (None, None, None)),
                    hint=_("shorten the text, or choose a larger card format (--format tarot, a6)"),
                )
                for p, where in said
            ]
        )
    c.save()
    return Rendered(pages, keys)


def _clip(c: PrintCanvas, x: float, y: float, w: float, h: float) -> None:
    p = c.beginPath()
    p.rect(x * MM, y * MM, w * MM, h * MM)
    c.clipPath(p, stroke=0, fill=0)


def _draw_back(
    c: PrintCanvas, d: CardDrawer, card: SheetCard, problems: list[tuple[str, Face]]
) -> None:
    if card.back_face is not None:
        try:
            d.draw(card.back_face.elements, card.back_face.name)
        except FitError as exc:
            problems.append((str(exc), card.back_face))
    elif card.back_form:
        c.doForm(card.back_form)
