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

from facilitation.render.agenda_pdf import GREY, LIGHT, P, R, page_footer
from facilitation.render.pdf import MM, REGULAR, Document, Meta, canvas_maker, doc_kwargs, markup
from facilitation.render.pdf import style as mkstyle
from facilitation.text.messages import _


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
    fr = lang == "fr"
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
    colon = "\u00a0: " if fr else ": "
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
    story.append(P(f"{view['participants']} {w['participants']}", body, lang))
    if view["facilitators"]:
        story.append(P(w["facilitators"] + colon + ", ".join(view["facilitators"]), body, lang))
    if view["partners"]:
        story.append(P(w["partners"] + colon + ", ".join(view["partners"]), body, lang))
    if view["notes"]:  # the team's context and learning goals, before the days
        story.append(Spacer(1, 6 * MM))
        story.append(P(w["notes"], label, lang))
        story.append(P(view["notes"], body, lang))
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
            (w["lead"] + colon + b["lead"]) if b["lead"] else "",
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
) -> int:
    """The materials checklist: every item added up over the session, with boxes to tick.
    The printed files are ticked in the printing guide, which lists them with their pages:
    so the checklist needs nothing from the printing and is made alongside it."""
    from facilitation.text.i18n import COLOURS

    fr = lang == "fr"
    meta = Meta(
        title=("Liste du matériel — " if fr else "Materials checklist — ") + title,
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
        P("Liste du matériel" if fr else "Materials checklist", h1, lang),
        P(title, body, lang),
        Spacer(1, 4 * MM),
    ]
    rows = [
        [
            Paragraph("", body),
            P("Article" if fr else "Item", h2, lang),
            P("Quantité" if fr else "Quantity", h2, lang),
            P("Pour" if fr else "For", h2, lang),
        ]
    ]
    for n in needs:
        q = n.quantity
        qty = str(int(round(q))) if abs(q - round(q)) < 1e-9 else f"{q:g}"
        unit = f" {n.unit}" if n.unit else ""
        extra = ""
        if n.pack and q > 0:
            packs = -(-int(round(q)) // n.pack)
            extra = (
                f" (≈ {packs} bloc{'s' if packs > 1 else ''} de {n.pack})"
                if fr
                else f" (≈ {packs} pad{'s' if packs > 1 else ''} of {n.pack})"
            )
        name = n.label + (f" — {COLOURS[n.colour][lang]}" if n.colour else "")
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
    story.append(P("Documents imprimés" if fr else "Printed items", h2, lang))
    story.append(
        P(
            f"Cochez-les dans le guide d'impression ({guide_name}) à mesure qu'ils sortent "
            "de l'imprimante : il en donne la liste complète, fichier par fichier."
            if fr
            else f"Tick them in the printing guide ({guide_name}) as they come out of the "
            "printer: it lists every one of them, file by file.",
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
    flags: list[str] | None = None,
) -> int:
    """The printing guide, first file of the kit: one line per print job, with a box to tick
    when it is printed, and a ruler; first, the content the session did not choose
    (`flags`), to check before printing."""
    fr = lang == "fr"
    meta = Meta(
        title=("Guide d'impression — " if fr else "Printing guide — ") + title,
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
        P("Guide d'impression" if fr else "Printing guide", h1, lang),
        P(title, body, lang),
        Spacer(1, 3 * MM),
        P(
            "Imprimez chaque fichier à 100 % (« taille réelle », sans ajustement à "
            "la page). Mesurez la règle ci-dessous : elle doit faire 100 mm."
            if fr
            else 'Print every file at 100 % ("actual size", no fit to '
            "page). Measure the ruler below: it must be 100 mm long.",
            body,
            lang,
        ),
        Spacer(1, 3 * MM),
        Ruler("100 mm — taille réelle" if fr else "100 mm — actual size"),
        Spacer(1, 3 * MM),
        P(
            "Dos des cartes décalés par rapport aux faces ? Imprimez la feuille de "
            "« facilitation calibrate », puis refaites le kit avec --back-offset x,y."
            if fr
            else "Card backs off their fronts? Print the sheet of "
            '"facilitation calibrate", then build the kit again with --back-offset x,y.',
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
    sides = {
        "long": "recto verso, bord long" if fr else "double-sided, long edge",
        "short": "recto verso, bord court" if fr else "double-sided, short edge",
        "none": "recto" if fr else "single-sided",
        "fold": "recto, à plier" if fr else "single-sided, fold",
    }
    rows = [
        [Paragraph("", head)]
        + [
            P(x, head, lang)
            for x in (
                ("#", "Fichier", "Papier", "Impression", "Ex.", "Feuilles", "Découpe")
                if fr
                else ("#", "File", "Paper", "Sides", "Copies", "Sheets", "Cutting")
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
                P(sides.get(j.duplex, j.duplex), body, lang),
                P(str(j.copies), body, lang),
                P(str(j.sheets * j.copies), body, lang),
                P(_cutting(j, fr), small, lang),
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
    summary = ", ".join(
        f"{n} {'feuilles' if fr else 'sheets'} {p.upper()}" for p, n in sorted(totals.items())
    )
    story.append(P(("Papier en tout : " if fr else "Paper in all: ") + summary, head, lang))
    doc.build(story, canvasmaker=canvas_maker(meta))
    return doc.page


def _cutting(job: Any, fr: bool) -> str:
    c = job.cutting
    if not c or c == "none":
        return ""
    if not fr:
        return c
    if c == "cut on the marks":
        return "couper sur les traits de coupe"
    if c.startswith("fold"):
        return "plier sur les tirets, puis couper"
    if c.startswith("assemble"):
        return "assembler les tuiles (plan en première page)"
    return c
