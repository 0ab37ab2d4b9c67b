"""Kit documents: the facilitator booklet, the materials checklist, the printing guide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from facilitation.model.words import colour_label
from facilitation.render.agenda_pdf import GREY, LIGHT, P, R, labelled, page_footer
from facilitation.render.pdf import MM, REGULAR, Document, Meta, canvas_maker, doc_kwargs, markup
from facilitation.render.pdf import style as mkstyle
from facilitation.text.messages import _, ngettext
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

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 110 * MM, 16 * MM

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(0.6)
        y = 8 * MM
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


def booklet_pdf(view: dict[str, Any], path: Path, size: tuple[float, float]) -> int:
    """Cover, agenda, then one sheet per block in session order."""
    lang = view["lang"]
    w = view["words"]
    meta = Meta(
        title=f"{w['booklet']} — {view['title']}",
        author=view["programme"],
        subject=view["heading"],
        lang=lang,
    )
    doc = _doc(path, meta, size)
    width = size[0] - 30 * MM
    big = mkstyle(30, lang, bold=True, leading=34, hyphenate=False)
    h1 = mkstyle(17, lang, bold=True, leading=21, hyphenate=False)
    h2 = mkstyle(13, lang, bold=True, leading=16, hyphenate=False)
    body = mkstyle(10, lang, leading=12.6)
    small = mkstyle(8.8, lang, leading=11, colour=GREY)
    label = mkstyle(8.5, lang, bold=True, leading=11)
    colon = "\u00a0: " if lang == "fr" else ": "  # typography, in markup built here
    story: list[Any] = [
        Spacer(1, 50 * MM),
        P(view["heading"], h2, lang),
        P(view["title"], big, lang),
        Spacer(1, 6 * MM),
        P(w["booklet"], h1, lang),
        Spacer(1, 10 * MM),
    ]
    for d in view["days"]:
        story.append(P(f"{w['day']} {d['index']} — {d['label']} · {d['time']}", body, lang))
    for pl in view["places"]:
        story.append(P(" — ".join(x for x in (pl["name"], pl["address"]) if x), small, lang))
    story.append(Spacer(1, 6 * MM))
    story.append(P(view["participants_line"], body, lang))
    if view["facilitators"]:
        story.append(P(labelled(w["facilitators"], ", ".join(view["facilitators"])), body, lang))
    if view["partners"]:
        story.append(P(labelled(w["partners"], ", ".join(view["partners"])), body, lang))
    for d in view["days"]:
        story.append(PageBreak())
        story.append(P(f"{w['day']} {d['index']} — {d['label']}", h1, lang))
        if d["title"]:
            story.append(P(d["title"], small, lang))
        rows = [
            [
                P(r["time"], label, lang),
                P(r["title"], body, lang),
                P(r["lead"] or r["room"], small, lang),
            ]
            for r in d["rows"]
        ]
        story.append(Spacer(1, 3 * MM))
        story.append(
            Table(rows, colWidths=[30 * MM, width - 75 * MM, 45 * MM], style=TableStyle(TABLE_BASE))
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
                story.append(PageBreak())
                story.extend(
                    _block_sheet(b, prefix, d, w, lang, width, h1, body, small, label, colon)
                )
    doc.build(
        story,
        onFirstPage=lambda c, d: None,
        onLaterPages=page_footer(f"{view['heading']} · {w['booklet']}", lang),
        canvasmaker=canvas_maker(meta),
    )
    return doc.page


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
    out: list[Any] = [
        P(f"{w['day']} {d['index']} · {b['time']} · {b['minutes']} min", small, lang),
        P(prefix + b["title"], h1, lang),
    ]
    if b["purpose"]:
        out.append(P(b["purpose"], body, lang))
    facts = [
        x
        for x in (
            b["configuration"],
            b["room"],
            labelled(w["lead"], b["lead"]) if b["lead"] else "",
        )
        if x
    ]
    if facts:
        out.append(P(" · ".join(facts), small, lang))
    out.append(Spacer(1, 3 * MM))
    if b["space"]:
        out.append(R(f"<b>{markup(w['space'], lang)}</b>{colon}{markup(b['space'], lang)}", body))
    if b["steps"]:
        rows = [
            [
                P(s["time"], body, lang),
                P(f"{s['minutes']} min", body, lang),
                R(f"<b>{markup(s['title'], lang)}</b> — {markup(s['instructions'], lang)}", body),
                TickBox(),
            ]
            for s in b["steps"]
        ]
        out.append(Spacer(1, 2 * MM))
        out.append(
            Table(
                rows,
                colWidths=[16 * MM, 15 * MM, width - 39 * MM, 8 * MM],
                style=TableStyle(TABLE_BASE),
            )
        )
    for p in b["params"]:
        out.append(Spacer(1, 2 * MM))
        out.append(P(p["label"], label, lang))
        for item in p["items"]:
            out.append(P("• " + item, body, lang))
    for key, items in (
        ("materials", b["materials"]),
        ("tips", b["tips"]),
        ("vigilance", b["vigilance"]),
    ):
        if items:
            out.append(Spacer(1, 2.5 * MM))
            out.append(P(w[key], label, lang))
            out.extend(P("• " + x, body, lang) for x in items)
    if b["notes"]:
        out.append(Spacer(1, 2.5 * MM))
        out.append(P(w["notes"], label, lang))
        out.append(P(b["notes"], body, lang))
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
    doc = _doc(path, meta, size)
    width = size[0] - 30 * MM
    h1 = mkstyle(18, lang, bold=True, leading=22, hyphenate=False)
    h2 = mkstyle(12, lang, bold=True, leading=15, hyphenate=False)
    body = mkstyle(9.5, lang, leading=12)
    small = mkstyle(8, lang, leading=10, colour=GREY)
    story: list[Any] = [
        P(heading, small, lang),
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
            style=TableStyle(TABLE_BASE),
            repeatRows=1,
        )
    )
    story.append(Spacer(1, 3 * MM))
    story.append(
        P(
            _(
                "Consumables are added up over the whole session; reusable "
                "equipment (tape, timer, camera) is counted for the block that needs most."
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
    doc.build(story, canvasmaker=canvas_maker(meta))
    return doc.page


def guide_pdf(
    title: str,
    heading: str,
    author: str,
    lang: str,
    jobs: list[Any],
    path: Path,
    size: tuple[float, float],
    totals: dict[str, int],
) -> int:
    """The printing guide, first file of the kit: one line per print job, with a box to tick
    when it is printed, and a ruler."""
    meta = Meta(
        title=_("Printing guide — {title}").format(title=title),
        author=author,
        subject=heading,
        lang=lang,
    )
    doc = _doc(path, meta, size)
    width = size[0] - 30 * MM
    h1 = mkstyle(18, lang, bold=True, leading=22, hyphenate=False)
    body = mkstyle(8.8, lang, leading=11)
    head = mkstyle(8.8, lang, bold=True, leading=11)
    small = mkstyle(8, lang, leading=10, colour=GREY)
    story: list[Any] = [
        P(heading, small, lang),
        P(_("Printing guide"), h1, lang),
        P(title, body, lang),
        Spacer(1, 3 * MM),
        P(
            _(
                'Print every file at 100 % ("actual size", no fit to '
                "page). Measure the ruler below: it must be 100 mm long."
            ),
            body,
            lang,
        ),
        Spacer(1, 3 * MM),
        Ruler(_("100 mm — actual size")),
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
    rows = [
        [Paragraph("", head)]
        + [
            P(x, head, lang)
            for x in (
                "#",
                _("File"),
                _("Paper"),
                _("Sides"),
                _("Copies"),
                _("Sheets"),
                _("Cutting"),
            )
        ]
    ]
    for i, j in enumerate(jobs, 1):
        rows.append(
            [
                TickBox(),
                P(str(i), body, lang),
                P(j.name, body, lang),
                P(j.paper.upper(), body, lang),
                P(sides(j.duplex), body, lang),
                P(str(j.copies), body, lang),
                P(str(j.sheets * j.copies), body, lang),
                P(j.cutting if j.cutting != "none" else "", small, lang),
            ]
        )
    story.append(
        Table(
            rows,
            colWidths=[
                7 * MM,
                7 * MM,
                width * 0.36,
                13 * MM,
                width * 0.17,
                9 * MM,
                14 * MM,
                width - 50 * MM - width * 0.53,
            ],
            style=TableStyle(TABLE_BASE),
            repeatRows=1,
        )
    )
    story.append(Spacer(1, 4 * MM))
    summary = ", ".join(sheets_of(p, n) for p, n in sorted(totals.items()))
    story.append(P(labelled(_("Paper in all"), summary), head, lang))
    doc.build(story, canvasmaker=canvas_maker(meta))
    return doc.page


def sheets_of(paper: str, n: int) -> str:
    """'12 A4 sheets', '1 feuille A3'."""
    return ngettext("{n} {paper} sheet", "{n} {paper} sheets", n).format(n=n, paper=paper.upper())


def sides(duplex: str) -> str:
    """How a file prints, as the guide says it."""
    words = {
        "long": _("double-sided, long edge"),
        "short": _("double-sided, short edge"),
        "none": _("single-sided"),
        "fold": _("single-sided, fold"),
    }
    return words.get(duplex, duplex)
