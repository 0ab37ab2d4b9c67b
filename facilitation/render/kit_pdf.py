"""Kit documents: the facilitator booklet, the materials checklist, the printing guide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from facilitation.model.words import colour_label
from facilitation.render.agenda_pdf import GREY, LIGHT, P, R, label_text
from facilitation.render.pdf import (
    MM,
    REGULAR,
    Document,
    Meta,
    Paragraph,
    canvas_maker,
    doc_kwargs,
    markup,
)
from facilitation.render.pdf import style as mkstyle
from facilitation.text.messages import _, ngettext, pgettext
from facilitation.text.typography import number


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 4 * MM) -> None:
        super().__init__()
        self.size = size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


class Ruler(Flowable):
    """A 100 mm ruler: measure it on paper to check the printer printed at actual size."""

    def __init__(self, label: str, inches: str = "") -> None:
        super().__init__()
        self.label = label
        self.inches = inches  # a 4-inch scale below it (Letter kits), with its label

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 110 * MM, (32 if self.inches else 16) * MM

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(0.6)
        if self.inches:  # 4 inches, eighths marked, below the millimetres
            y = 8 * MM
            c.line(0, y, 4 * 72, y)
            for i in range(0, 33):
                h = 4 * MM if i % 8 == 0 else (2.6 * MM if i % 4 == 0 else 1.5 * MM)
                c.line(i * 9, y, i * 9, y + h)
                if i % 8 == 0:
                    c.setFont(REGULAR, 6.5)
                    c.drawCentredString(i * 9, y + 4.8 * MM, str(i // 8))
            c.setFont(REGULAR, 8)
            c.drawString(0, y - 5 * MM, self.inches)
        y = (24 if self.inches else 8) * MM
        c.line(0, y, 100 * MM, y)
        for i in range(0, 101):
            h = 4 * MM if i % 10 == 0 else (2.6 * MM if i % 5 == 0 else 1.5 * MM)
            c.line(i * MM, y, i * MM, y + h)
            if i % 10 == 0:
                c.setFont(REGULAR, 6.5)
                c.drawCentredString(i * MM, y + 4.8 * MM, str(i // 10))
        c.setFont(REGULAR, 8)
        c.drawString(0, y - 5 * MM, self.label)


def _doc(path: Path, meta: Meta, size: tuple[float, float]) -> Document:
    return Document(
        str(path),
        pagesize=size,
        leftMargin=15 * MM,
        rightMargin=15 * MM,
        topMargin=15 * MM,
        bottomMargin=15 * MM,
        **doc_kwargs(meta),
    )


TABLE_BASE = [
    ("FONT", (0, 0), (-1, -1), REGULAR, 9),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]


class Anchor(Flowable):
    """An invisible mark: the page it lands on is recorded under `key` (for the contents)."""

    def __init__(self, key: str, pages: dict[str, Any], look: Any = None) -> None:
        super().__init__()
        self.key = key
        self.pages = pages
        self.look = look

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()
        if self.look is not None:  # the block the page is in: its pictogram heads the page
            self.canv.__dict__["running_look"] = self.look


class PageRef(Flowable):
    """A page number not known yet: a form drawn when the document ends (PDF forms may be
    named before they are drawn), so the contents take one pass, not two."""

    def __init__(self, key: str, size: float) -> None:
        super().__init__()
        self.key = key
        self.size = size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.size * 1.2

    def draw(self) -> None:
        self.canv.doForm(page_form(self.key))


def page_form(key: str) -> str:
    return "page-" + key


def booklet_canvas(meta: Meta, pages: dict[str, int], size: float) -> Any:
    """The booklet's canvas maker: on saving, each recorded page number becomes the form
    that the contents refer to."""
    from facilitation.render.pdf import BOLD, PrintCanvas

    class BookletCanvas(PrintCanvas):
        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            """The pictogram of the block the page ends in, beside the running head: a
            page that carries on a block says which one, in its colour."""
            from facilitation.render.pages import Pictogram

            look = self.__dict__.get("running_look")
            if look is not None and self.getPageNumber() > 2:
                w, h = self._pagesize
                chip = Pictogram(look, 5.5 * MM)
                chip.canv = self
                self.saveState()
                self.translate(w - 13.5 * MM, h - 17 * MM)
                chip.draw()
                self.restoreState()
            super().showPage()

        def save(self) -> None:
            for key, page in pages.items():
                self.beginForm(page_form(key), -60, -2, 0, size * 1.2)
                self.setFont(BOLD, size)
                self.drawRightString(0, size * 0.25, str(page))
                self.endForm()
            super().save()

    def make(target: Any, pagesize: Any = None, **_: Any) -> Any:
        return BookletCanvas(target, pagesize, meta, "DuplexFlipLongEdge")  # double-sided

    return make


def booklet_pdf(
    view: dict[str, Any], path: Path, size: tuple[float, float], theme: Any = None
) -> int:
    """Cover (title, dates, places, people, notes), contents with page numbers, then each day:
    its agenda, then its blocks one after the other, several to a page when they are short;
    a block's steps stay with their times, and no page but a day's last ends less than half
    full (every piece that cannot be split is at most half a page)."""
    from reportlab.platypus import CondPageBreak, KeepTogether

    from facilitation.layout.look import block_look
    from facilitation.render.pages import IconParagraph, Pictogram, default_theme, page_frame

    theme = theme or default_theme()
    lang = view["lang"]
    w = view["words"]
    meta = Meta(
        title=f"{w['booklet']} — {view['title']}",
        author=view["programme"],
        subject=view["heading"],
        lang=lang,
    )
    doc = _doc(path, meta, size)
    doc.topMargin = 18 * MM
    width = size[0] - 30 * MM
    half = (size[1] - 33 * MM) / 2  # half the frame: the most a piece kept whole may take
    big = mkstyle(30, lang, bold=True, leading=34, hyphenate=False)
    h1 = mkstyle(17, lang, bold=True, leading=21, hyphenate=False)
    h2 = mkstyle(13, lang, bold=True, leading=16, hyphenate=False)
    body = mkstyle(10, lang, leading=12.6)
    small = mkstyle(8.8, lang, leading=11, colour=GREY)
    label = mkstyle(8.5, lang, bold=True, leading=11)
    colon = "\u00a0: " if lang == "fr" else ": "  # typography, in markup built here
    pages: dict[str, int] = {}
    accent = colors.HexColor(theme.pages.accent)
    # the cover
    story: list[Any] = [
        Spacer(1, 38 * MM),
        Band(theme.pages.accent, 4 * MM),
        Spacer(1, 6 * MM),
        P(view["heading"], h2, lang),
        P(view["title"], big, lang),
        Spacer(1, 4 * MM),
        P(w["booklet"], h1, lang),
        Spacer(1, 10 * MM),
    ]
    for d in view["days"]:
        line = f"{w['day']} {d['index']} — {d['label']} · {d['time']}"
        if d["place"]:
            line += f" · {d['place']}"
        story.append(P(line, body, lang))
    for pl in view["places"]:
        story.append(P(" — ".join(x for x in (pl["name"], pl["address"]) if x), small, lang))
    story.append(Spacer(1, 6 * MM))
    story.append(P(view["participants_line"], body, lang))
    if view["facilitators"]:
        story.append(P(label_text(w["facilitators"], ", ".join(view["facilitators"])), body, lang))
    if view["partners"]:
        story.append(P(label_text(w["partners"], ", ".join(view["partners"])), body, lang))
    if view["notes"]:  # the team's context and learning goals, before the days
        story.append(Spacer(1, 6 * MM))
        story.append(P(w["notes"], label, lang))
        story.append(P(view["notes"], body, lang))
    # the contents
    story.append(PageBreak())
    story.append(P(_("Contents"), h1, lang))
    story.append(Spacer(1, 3 * MM))
    toc_rows: list[list[Any]] = []
    toc_style = list(TABLE_BASE) + [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    sheets = []  # (key, day, block, prefix) of each block that has a sheet
    for d in view["days"]:
        toc_style.append(("LINEABOVE", (0, len(toc_rows)), (-1, len(toc_rows)), 1.2, accent))
        toc_style.append(("SPAN", (0, len(toc_rows)), (2, len(toc_rows))))
        toc_rows.append(
            [
                P(f"{w['day']} {d['index']} — {d['label']}", label, lang),
                "",
                "",
                PageRef(f"d{d['index']}", 8.5),
            ]
        )
        for r in d["rows"]:
            blocks = (
                [(r, "")]
                if not r["tracks"]
                else [(c, t["name"] + " — ") for t in r["tracks"] for c in t["rows"]]
            )
            for b, prefix in blocks:
                if b["kind"] == "logistics" and not b["notes"]:
                    continue
                key = f"b{len(sheets)}"
                sheets.append((key, d, b, prefix))
                toc_rows.append(
                    [
                        P(b["time"], small, lang),
                        Pictogram(block_look(b, theme), 4.2 * MM),
                        P(prefix + b["title"], body, lang),
                        PageRef(key, 8.5),
                    ]
                )
    story.append(
        Table(
            toc_rows,
            colWidths=[30 * MM, 7 * MM, width - 30 * MM - 7 * MM - 14 * MM, 14 * MM],
            style=TableStyle(toc_style),
        )
    )
    # the days
    by_day: dict[int, list[Any]] = {}
    for key, d, b, prefix in sheets:
        by_day.setdefault(d["index"], []).append((key, b, prefix))
    for d in view["days"]:
        story.append(PageBreak())
        story.append(Anchor(f"d{d['index']}", pages))
        story.append(P(f"{w['day']} {d['index']} — {d['label']}", h1, lang))
        if d["title"]:
            story.append(P(d["title"], small, lang))
        rows = []
        day_style = list(TABLE_BASE)
        for r in d["rows"]:
            look = block_look(r, theme)
            day_style.append(
                ("LINEBEFORE", (0, len(rows)), (0, len(rows)), 2, colors.HexColor(look.colour))
            )
            rows.append(
                [
                    P(r["time"], label, lang),
                    Pictogram(look, 4.6 * MM),
                    P(r["title"], body, lang),
                    P(r["lead"] or r["room"], small, lang),
                ]
            )
        story.append(Spacer(1, 3 * MM))
        story.append(
            Table(
                rows,
                colWidths=[30 * MM, 8 * MM, width - 83 * MM, 45 * MM],
                style=TableStyle(day_style),
            )
        )
        for key, b, prefix in by_day.get(d["index"], []):
            parts = _block_sheet(b, prefix, d, w, lang, width, h1, body, small, label, colon)
            line, title, rest = parts[0], parts[1], parts[2:]
            look = block_look(b, theme)
            head = [
                Anchor(key, pages, look),
                Band(look.colour, 1.4 * MM),
                Spacer(1, 2 * MM),
                IconParagraph(look, title, 7 * MM, 2.5 * MM),
                line,
            ]
            flow = head + rest
            story.append(CondPageBreak(half * 0.55))
            total = sum(f.wrap(width, size[1])[1] for f in flow)
            if total <= half:
                story.append(KeepTogether(flow))  # a short block stays whole
            else:
                story.append(KeepTogether(flow[:6]))  # the heading with what follows
                story.extend(flow[6:])
    frame = page_frame(theme, view["heading"], w["booklet"], view["title"], first=False)
    doc.build(
        story,
        onFirstPage=frame,
        onLaterPages=frame,
        canvasmaker=booklet_canvas(meta, pages, 8.5),
    )
    return doc.page


class Band(Spacer):
    """A band of colour across the frame (a block's arc, the kit's accent on the cover)."""

    def __init__(self, colour: str, height: float) -> None:
        super().__init__(1, height)
        self.colour = colour

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFillColor(colors.HexColor(self.colour))
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.canv.restoreState()


def _block_sheet(
    b: dict[str, Any],
    prefix: str,
    d: dict[str, Any],
    w: dict[str, str],
    lang: str,
    width: float,
    h1: Any,
    body: Any,
    small: Any,
    label: Any,
    colon: str,
) -> list[Any]:
    """One block's pages: the whole method as the block runs it (its minutes, head count,
    variant and contents), then the block's notes."""
    from facilitation.text.messages import _

    m = b.get("method") or {}
    out: list[Any] = [
        P(f"{w['day']} {d['index']} · {b['time']} · {b['minutes']} min", small, lang),
        P(prefix + b["title"], h1, lang),
    ]
    if b["purpose"]:
        out.append(P(b["purpose"], body, lang))
    facts = [
        x
        for x in (
            m.get("facts", "") or b["configuration"],
            _("variant: {name}").format(name=m["variant"]) if m.get("variant") else "",
            b["room"],
            label_text(w["lead"], b["lead"]) if b["lead"] else "",
        )
        if x
    ]
    if facts:
        out.append(P(" · ".join(facts), small, lang))
    out.append(Spacer(1, 2 * MM))
    italic = mkstyle(body.fontSize, lang, italic=True, leading=body.leading)

    def section(title: str, paras: list[Any]) -> None:
        if paras:
            out.append(Spacer(1, 2.2 * MM))
            head = P(title, label, lang)
            head.keepWithNext = 1
            out.append(head)
            out.extend(paras)

    def bullets(items: list[str]) -> list[Any]:
        return [P("• " + x, body, lang) for x in items]

    if m.get("purpose"):
        section(_("Purpose"), [P(m["purpose"], body, lang)])
    if m.get("invitation"):
        section(_("Invitation"), [P(m["invitation"], italic, lang)])
    space = m.get("space") or b["space"]
    if space:
        section(_("Space"), [P(space, body, lang)])
    if m.get("team") or m.get("roles"):
        section(
            _("Facilitation team"),
            ([P(m["team"], body, lang)] if m.get("team") else [])
            + [
                R(f"• <b>{markup(r, lang)}</b>{colon}{markup(t, lang)}", body)
                for r, t in m.get("roles", [])
            ],
        )
    if m.get("participation"):
        section(_("Participation"), [P(m["participation"], body, lang)])
    if m.get("preparation") or m.get("preparation_steps"):
        section(
            _("Preparation"),
            ([P(m["preparation"], italic, lang)] if m.get("preparation") else [])
            + bullets(m.get("preparation_steps", [])),
        )
    section(w["materials"], bullets(b["materials"]))
    if b["steps"]:
        rows = [
            [
                P(s["time"], body, lang),
                R(
                    f"<b>{s['number']}. {markup(s['title'], lang)}</b> "
                    f"({markup(s['meta'], lang)}) — {markup(s['instructions'], lang)}",
                    body,
                ),
                TickBox(),
            ]
            for s in b["steps"]
        ]
        section(
            w["steps"],
            [
                Table(
                    rows,
                    colWidths=[16 * MM, width - 24 * MM, 8 * MM],
                    style=TableStyle(TABLE_BASE),
                )
            ],
        )
    for p in b["params"]:
        section(p["label"], bullets(p["items"]))
    for key, title in (
        ("tips", _("Tips")),
        ("pitfalls", _("Pitfalls")),
        ("vigilance", _("Watch out for")),
        ("variants", _("Variants")),
        ("outputs", _("Outputs")),
    ):
        items = m.get(key) if m else b.get(key)
        section(title, bullets(items or []))
    if b["notes"]:
        section(w["notes"], [P(b["notes"], body, lang)])
    return out


def checklist_pdf(
    title: str,
    heading: str,
    author: str,
    lang: str,
    needs: list[Any],
    guide_name: str,
    path: Path,
    size: tuple[float, float],
    theme: Any = None,
) -> int:
    """The materials checklist: every item added up over the session, with boxes to tick.
    The printed files are ticked in the printing guide, which lists them with their pages:
    so the checklist needs nothing from the printing and is made alongside it."""
    meta = Meta(
        title=_("Materials checklist — {title}").format(title=title),
        author=author,
        subject=heading,
        lang=lang,
    )
    from facilitation.render.pages import default_theme, page_frame

    theme = theme or default_theme()
    doc = _doc(path, meta, size)
    doc.topMargin = 18 * MM
    width = size[0] - 30 * MM
    h1 = mkstyle(18, lang, bold=True, leading=22, hyphenate=False)
    h2 = mkstyle(12, lang, bold=True, leading=15, hyphenate=False)
    body = mkstyle(9.5, lang, leading=12)
    small = mkstyle(8, lang, leading=10, colour=GREY)
    story: list[Any] = [
        P(_("Materials checklist"), h1, lang),
        P(title, body, lang),
        Spacer(1, 4 * MM),
    ]
    rows = [
        [
            Paragraph("", body),
            P(_("Item"), h2, lang),
            P(_("Quantity"), h2, lang),
            P(_("For"), h2, lang),
        ]
    ]
    for n in needs:
        q = n.quantity
        qty = number(q, lang)
        unit = f" {n.unit}" if n.unit else ""
        extra = ""
        if n.pack and q > 0:
            packs = -(-int(round(q)) // n.pack)
            extra = " " + ngettext("(≈ {n} pad of {size})", "(≈ {n} pads of {size})", packs).format(
                n=packs, size=n.pack
            )
        name = n.label + (f" — {colour_label(n.colour)}" if n.colour else "")
        rows.append(
            [
                TickBox(),
                P(name, body, lang),
                P(qty + unit + extra, body, lang),
                P(", ".join(n.uses), small, lang),
            ]
        )
    story.append(
        Table(
            rows,
            colWidths=[9 * MM, width * 0.42, width * 0.22, width - 9 * MM - width * 0.64],
            style=TableStyle(TABLE_BASE + _head_row(theme)),
            repeatRows=1,
        )
    )
    story.append(Spacer(1, 3 * MM))
    story.append(
        P(
            _(
                "Consumables are added up over the whole session (an activity over several "
                "blocks, or an outing with its trips, counts once); reusable equipment (tape, "
                "timer, camera) is counted at the most in use at the same time: blocks one "
                "after the other share it, parallel tracks add up. Meals, coffee and badges "
                "count the facilitation team too."
            ),
            small,
            lang,
        )
    )
    story.append(Spacer(1, 6 * MM))
    story.append(P(_("Printed items"), h2, lang))
    story.append(
        P(
            _(
                "Tick them in the printing guide ({guide}) as they come out of the "
                "printer: it lists every one of them, file by file."
            ).format(guide=guide_name),
            body,
            lang,
        )
    )
    frame = page_frame(theme, heading, _("Materials checklist"), title)
    doc.build(story, onFirstPage=frame, onLaterPages=frame, canvasmaker=canvas_maker(meta))
    return doc.page


def _head_row(theme: Any) -> list[Any]:
    """A table's heading row on a light band of the kit's colour, a rule of it below."""
    from facilitation.layout.look import tint

    accent = theme.pages.accent
    return [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(tint(accent, 0.14))),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.HexColor(accent)),
    ]


def credits_line() -> str:
    """What the kit prints with, and under which licences (the guide's last line)."""
    return _(
        "Type: Source Sans 3 (SIL Open Font License). Pictograms: Tabler Icons (MIT). "
        "Starter pictures: OpenMoji (CC BY-SA 4.0). Made with facilitation."
    )


def guide_pdf(
    title: str,
    heading: str,
    author: str,
    lang: str,
    jobs: list[Any],
    path: Path,
    size: tuple[float, float],
    totals: list[dict[str, Any]],
    office: Any = None,
    changes: dict[str, Any] | None = None,
    flags: list[str] | None = None,
    theme: Any = None,
) -> int:
    """The printing guide, first file of the kit: the paper in all, by printer; what to print
    again since an earlier kit; one line per file, with a box to tick when it is printed;
    how each canvas prints and how else it could; a ruler (and an inch scale on Letter);
    first of all, the content the session did not choose (`flags`), to check before printing."""
    from facilitation.load.printdata import sheet as paper_sheet
    from facilitation.text.messages import _

    def paper_name(p: str) -> str:
        return paper_sheet(p).label

    meta = Meta(
        title=_("Printing guide — {title}").format(title=title),
        author=author,
        subject=heading,
        lang=lang,
    )
    from facilitation.render.pages import default_theme, page_frame

    theme = theme or default_theme()
    doc = _doc(path, meta, size)
    doc.topMargin = 18 * MM
    width = size[0] - 30 * MM
    h1 = mkstyle(18, lang, bold=True, leading=22, hyphenate=False)
    h2 = mkstyle(12, lang, bold=True, leading=15, hyphenate=False, space_after=2)
    body = mkstyle(8.8, lang, leading=11)
    cell = mkstyle(8.8, lang, leading=11, hyphenate=False)
    cell.splitLongWords = 0
    head = mkstyle(8.8, lang, bold=True, leading=11, hyphenate=False)
    head.splitLongWords = 0
    small = mkstyle(8, lang, leading=10, colour=GREY, hyphenate=False)
    small.splitLongWords = 0
    letter = bool(office and office.sheet == "letter")
    story: list[Any] = [
        P(_("Printing guide"), h1, lang),
        P(title, body, lang),
        Spacer(1, 3 * MM),
        P(
            _(
                'Print every file at 100 % ("actual size", no fit to '
                "page). Measure the ruler below: it must be 100 mm long."
            )
            + (" " + _("The inch scale must be 4 inches long.") if letter else ""),
            body,
            lang,
        ),
        Spacer(1, 3 * MM),
        Ruler(_("100 mm — actual size"), inches=_("4 in — actual size") if letter else ""),
        Spacer(1, 3 * MM),
        P(
            _(
                "Card backs off their fronts? Print the sheet of "
                '"facilitation calibrate", then build the kit again with --back-offset x,y.'
            ),
            small,
            lang,
        ),
        Spacer(1, 4 * MM),
    ]
    if flags:
        story.append(P(_("Check before printing: content this session did not choose"), head, lang))
        story.extend(P("• " + f, body, lang) for f in flags)
        story.append(
            P(
                _(
                    "Give your own under 'params' in the session (or with 'extends' in your "
                    "library), then build the kit again."
                ),
                small,
                lang,
            )
        )
        story.append(Spacer(1, 4 * MM))
    story.append(P(_("Paper in all"), h2, lang))
    for t in totals:
        n = paper_sheets(t["sheets"], paper_name(t["paper"]))
        who = {
            "office": _("your printer"),
            "larger": _("a printer that takes {paper}, or a copy shop"),
            "shop": _("a print shop or a plotter"),
        }[t["printer"]].format(paper=paper_name(t["paper"]))
        story.append(
            P(
                _("{sheets}: {printer}").format(
                    sheets=n, paper=paper_name(t["paper"]), printer=who
                ),
                head,
                lang,
            )
        )
    if changes is not None:
        story += _changes(changes, h2, body, lang)
    story.append(Spacer(1, 4 * MM))
    story.append(P(_("Files to print"), h2, lang))
    sides = {
        "long": _("double-sided, long edge"),
        "short": _("double-sided, short edge"),
        "none": _("single-sided"),
        "fold": _("single-sided, then fold"),
    }
    cols = [6 * MM, 7 * MM, 0.0, 16 * MM, 26 * MM, 10 * MM, 14 * MM, 36 * MM]
    cols[2] = width - sum(cols)
    rows: list[list[Any]] = [
        [Paragraph("", head)]
        + [
            P(x, head, lang)
            for x in (
                "#",
                _("File"),
                _("Paper"),
                _("Sides"),
                pgettext("guide column", "Copies"),
                _("Sheets"),
                _("Cutting"),
            )
        ]
    ]
    section_rows: list[int] = []
    last_folder = None
    for i, j in enumerate(jobs, 1):
        folder, _sep, name = j.name.rpartition("/")
        if folder != last_folder:
            last_folder = folder
            label = {"": _("Documents")}.get(folder, folder + "/")
            section_rows.append(len(rows))
            rows.append(
                [Paragraph("", head), Paragraph("", head), P(label, head, lang)]
                + [Paragraph("", head)] * 5
            )
        rows.append(
            [
                TickBox(),
                P(str(i), cell, lang),
                R(_break_at_hyphens(name, cols[2] / MM - 7, cell), cell),
                P(paper_name(j.paper), cell, lang),
                P(sides.get(j.duplex, j.duplex), cell, lang),
                P(str(j.copies), cell, lang),
                P(str(j.sheets * j.copies), cell, lang),
                P(_cutting(j), small, lang),
            ]
        )
    from facilitation.layout.look import tint

    style = (
        list(TABLE_BASE)
        + _head_row(theme)
        + [("SPAN", (2, r), (-1, r)) for r in section_rows]
        + [("TOPPADDING", (0, r), (-1, r), 7) for r in section_rows]
        + [
            ("BACKGROUND", (0, r), (-1, r), colors.HexColor(tint(theme.pages.accent, 0.07)))
            for r in section_rows
        ]
    )
    story.append(Table(rows, colWidths=cols, style=TableStyle(style), repeatRows=1))
    canvases = [  # those the plan had to choose for: not the sheets that fit as they are
        (j, p)
        for j in jobs
        for p in j.plan
        if p["alternatives"] or p["choice"]["how"] != "direct" or p["choice"]["scale"] < 0.995
    ]
    if canvases:
        story.append(Spacer(1, 5 * MM))
        story.append(P(_("Canvases: the paper chosen, and the other ways"), h2, lang))
        story.append(
            P(
                _(
                    "Each canvas prints as its use allows: plenary canvases read from across "
                    "the room at real size or nearly; a group's canvas, worked on at a table, "
                    "at about half size; forms on one sheet."
                ),
                small,
                lang,
            )
        )
        done: set[tuple[str, str]] = set()
        for j, facts in canvases:
            key = (facts["canvas"], j.name)
            if key in done:
                continue
            done.add(key)
            story.append(Spacer(1, 1.5 * MM))
            story.append(_canvas_paragraph(j, facts, body, lang, paper_name))
        story.append(Spacer(1, 3 * MM))
        hint = _(
            "To print one canvas another way, give its block in the session a print key, "
            "such as {a3} or {tiled}. For the whole kit: {printer} (your printer takes A3), "
            "{shop} (large canvases at real size, in one file to send), {fit}."
        )
        code = {  # written as the session or the command line takes them: not typeset
            "a3": "print: a3",
            "tiled": "print: {size: a1, tile: a4}",
            "printer": "--printer a3",
            "shop": "--print-shop",
            "fit": "--fit-sheets N",
        }
        story.append(R(_with_code(hint, code, lang), small))
    story.append(Spacer(1, 6 * MM))
    story.append(P(credits_line(), small, lang))
    frame = page_frame(theme, heading, _("Printing guide"), title)
    doc.build(story, onFirstPage=frame, onLaterPages=frame, canvasmaker=canvas_maker(meta))
    return doc.page


def _with_code(text: str, code: dict[str, str], lang: str) -> str:
    """A typeset sentence as markup, with pieces of code put in as they are written."""
    from facilitation.render.pdf import escape

    marked = markup(text, lang)
    for key, value in code.items():
        marked = marked.replace("{" + key + "}", f"<b>{escape(value)}</b>")
    return marked


def _break_at_hyphens(name: str, width_mm: float, st: Any) -> str:
    """A file name as markup that breaks only after its hyphens: never inside a word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = [p + "-" for p in name.split("-")]
    parts[-1] = parts[-1][:-1]
    lines, line = [], ""
    for part in parts:
        if line and stringWidth(line + part, st.fontName, st.fontSize) > width_mm * MM:
            lines.append(line)
            line = ""
        line += part
    lines.append(line)
    from facilitation.render.pdf import escape

    return "<br/>".join(escape(x) for x in lines)


def _cutting(job: Any) -> str:
    from facilitation.text.messages import _

    if job.kind == "canvas-tiled" and job.plan:
        c = job.plan[0]["choice"]
        rows = ngettext("{n} row", "{n} rows", c.get("rows", 1)).format(n=c.get("rows", 1))
        cols = ngettext("{n} column", "{n} columns", c.get("cols", 1)).format(n=c.get("cols", 1))
        return _("assemble each copy: {rows} × {columns}").format(rows=rows, columns=cols)
    if job.kind == "canvas-shop":
        return _("send as it is: real size")
    c = job.cutting
    if c == "cut on the marks":
        return _("cut on the marks")
    if c.startswith("fold"):
        return _("fold on the dashes, then cut")
    return ""


def paper_sheets(n: int, paper: str) -> str:
    """'8 A4 sheets' / '8 feuilles A4'."""
    return ngettext("{n} {paper} sheet", "{n} {paper} sheets", n).format(n=n, paper=paper)


def choice_words(c: dict[str, Any], paper_name: Any) -> str:
    """How a canvas prints, in words: 'on 2 A4 sheets (1 row × 2 columns), at 46 %'."""
    from facilitation.text.messages import _

    scale = f"{c['scale'] * 100:.0f}"
    paper = paper_name(c["paper"])
    if c["how"] == "real":
        return _("{paper} at real size, at a print shop or on a plotter").format(paper=paper)
    if c["how"] == "direct":
        if c["scale"] >= 0.995:
            return _("on one {paper} sheet, at real size").format(paper=paper)
        return _("on one {paper} sheet, at {scale} % of its size").format(paper=paper, scale=scale)
    rows = ngettext("{n} row", "{n} rows", c["rows"]).format(n=c["rows"])
    cols = ngettext("{n} column", "{n} columns", c["cols"]).format(n=c["cols"])
    sheets = paper_sheets(c["sheets"], paper)
    return _("on {sheets} ({rows} × {columns}), at {scale} % of its size").format(
        sheets=sheets, paper=paper, rows=rows, columns=cols, scale=scale
    )


def _canvas_paragraph(job: Any, facts: dict[str, Any], st: Any, lang: str, paper_name: Any) -> Any:
    from facilitation.text.messages import _

    use = {
        "wall": _("read from across the room"),
        "group": _("worked on by a group at a table"),
        "form": _("written on"),
    }.get(facts["use"], "")
    n = facts["copies"]
    copies = ngettext("{n} copy", "{n} copies", n).format(n=n)
    c = facts["choice"]
    by = {
        "session": " " + _("(as the session's print key asks)"),
        "option": " " + _("(as --fit-sheets asks)"),
    }.get(c.get("by", ""), "")
    total = paper_sheets(c["sheets"] * n, paper_name(c["paper"]))
    others = []
    for a in facts["alternatives"]:
        t = paper_sheets(a["sheets"] * n, paper_name(a["paper"]))
        others.append(f"{choice_words(a, paper_name)} ({t})")
    text = _("({size}, {copies}, {use}): {choice}{by}, {total} in all.").format(
        size=paper_name(facts["size"]),
        copies=copies,
        use=use,
        choice=choice_words(c, paper_name),
        by=by,
        total=total,
    )
    number = job.name.rpartition("/")[2][:2]  # the file's number: which block
    name = f"{number} · {facts['canvas']}" if number.isdigit() else facts["canvas"]
    marked = f"<b>{markup(name, lang)}</b> " + markup(text, lang)
    if others:
        marked += " " + markup(_("Or: {ways}.").format(ways="; ".join(others)), lang)
    return R(marked, st)


def _changes(changes: dict[str, Any], h2: Any, body: Any, lang: str) -> list[Any]:
    """What to print again since an earlier kit."""
    from facilitation.text.messages import _

    out: list[Any] = [Spacer(1, 4 * MM), P(_("Since the earlier kit"), h2, lang)]
    again, same = [], 0
    for f in changes["files"]:
        if f["status"] == "same":
            same += 1
            continue
        if f["status"] == "new":
            again.append(_("{file} (new)").format(file=f["name"]))
        elif f.get("changed_sheets"):
            n = len(f["changed_sheets"])
            which = ", ".join(str(k) for k in f["changed_sheets"])
            again.append(
                ngettext(
                    "{file} (changed: sheet {which} only)",
                    "{file} (changed: sheets {which} only)",
                    n,
                ).format(file=f["name"], which=which)
            )
        else:
            again.append(_("{file} (changed)").format(file=f["name"]))
    out.append(
        P(
            (
                _("Print again: {files}.").format(files="; ".join(again))
                if again
                else _("Nothing to print again.")
            ),
            body,
            lang,
        )
    )
    out.append(
        P(
            ngettext(
                "{n} file is the same as before: no need to print it again.",
                "{n} files are the same as before: no need to print them again.",
                same,
            ).format(n=same),
            body,
            lang,
        )
    )
    if changes["gone"]:
        out.append(
            P(
                _("No longer needed: {files}.").format(files=", ".join(changes["gone"])),
                body,
                lang,
            )
        )
    return out
