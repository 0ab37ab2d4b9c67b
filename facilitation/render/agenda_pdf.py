"""Agenda PDFs: the participants' agenda, the facilitators' run-sheet, the wall agenda."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from facilitation.errors import UserError
from facilitation.render.pdf import (
    BOLD,
    MM,
    REGULAR,
    Document,
    Meta,
    Paragraph,
    canvas_maker,
    doc_kwargs,
    markup,
    para,
)
from facilitation.render.pdf import style as mkstyle
from facilitation.text.messages import _

GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.88, 0.88, 0.88)


def _doc(path: Path, size: tuple[float, float], meta: Meta, margin: float = 15) -> Any:
    return Document(
        str(path),
        pagesize=size,
        leftMargin=margin * MM,
        rightMargin=margin * MM,
        topMargin=margin * MM,
        bottomMargin=margin * MM,
        **doc_kwargs(meta),
    )


def page_footer(text: str, lang: str) -> Any:
    def draw(canv: Any, doc: Any) -> None:
        canv.saveState()
        canv.setFont(REGULAR, 8)
        canv.setFillColor(GREY)
        canv.drawString(doc.leftMargin, 8 * MM, text)
        canv.drawRightString(doc.pagesize[0] - doc.rightMargin, 8 * MM, str(doc.page))
        canv.restoreState()

    return draw


def label_text(label: str, value: str) -> str:
    """'Label: value' in the run's language (the French spacing comes with typesetting)."""
    return _("{label}: {value}").format(label=label, value=value)


def P(text: str, st: Any, lang: str) -> Paragraph:
    """A paragraph of user text (typography applied, markup characters escaped)."""
    return para(text, st, lang)


def R(marked: str, st: Any) -> Paragraph:
    """A paragraph of markup built here from already escaped pieces."""
    return Paragraph(marked, st)


def colon(lang: str) -> str:
    return "\u00a0: " if lang == "fr" else ": "


def labelled(label: str, items: list[str], st: Any, lang: str) -> Paragraph:
    """'<b>Label</b> : item ; item' as one paragraph."""
    sep = " ; " if lang == "fr" else "; "
    return R(f"<b>{markup(label, lang)}</b>{colon(lang)}{markup(sep.join(items), lang)}", st)


def day_line(day: dict[str, Any], exact: bool = False) -> str:
    """Under a day's heading: its title, place and address, times (and whether they are
    indicative)."""
    place = " — ".join(x for x in (day["place"], day["address"]) if x)
    time = day["time"] if exact else day["shown_time"]
    return " · ".join(x for x in (day["title"], place, time, day["timing_note"]) if x)


def _theme(theme: Any) -> Any:
    from facilitation.render.pages import default_theme

    return theme or default_theme()


def participants_pdf(
    view: dict[str, Any],
    path: Path,
    size: tuple[float, float],
    theme: Any = None,
    form: str = "list",
) -> None:
    """A4/Letter portrait, one page per day: times, titles, a line of purpose, rooms, each
    block with its pictogram and colour; with `form="timeline"`, each day as a
    time-proportional column, as on the wall."""

    theme = _theme(theme)
    if form == "timeline":
        from facilitation.render.agenda_timeline import timeline_pdf

        timeline_pdf(view, path, size, theme, wall=False)
        return
    try:
        _participants_list(view, path, size, theme, split=False)
    except UserError:  # a block taller than a page (a very long purpose): split it, rather
        _participants_list(view, path, size, theme, split=True)  # than refuse the agenda


def _participants_list(
    view: dict[str, Any], path: Path, size: tuple[float, float], theme: Any, split: bool
) -> None:
    """The agenda as a list; `split`: a block may run over a page break (only when one
    cannot fit on a page: otherwise a block stays whole, on the next page if need be)."""
    from facilitation.layout.look import block_look
    from facilitation.render.pages import Pictogram, page_frame

    lang = view["lang"]
    meta = Meta(
        title=f"{view['words']['agenda']} — {view['title']}",
        author=view["programme"],
        subject=view["heading"],
        lang=lang,
    )
    doc = _doc(path, size, meta, margin=15)
    doc.topMargin = 18 * MM
    h1 = mkstyle(20, lang, bold=True, leading=24, hyphenate=False)
    h2 = mkstyle(13, lang, bold=True, leading=16, hyphenate=False)
    small = mkstyle(9, lang, colour=GREY)
    body = mkstyle(10.5, lang, leading=13)
    bold = mkstyle(10.5, lang, bold=True, leading=13)
    time_st = mkstyle(10.5, lang, bold=True, leading=13, hyphenate=False)
    note = mkstyle(9.5, lang, leading=12)
    words = view["words"]
    width = size[0] - 30 * MM
    story: list[Any] = []
    last = len(view["days"]) - 1
    for i, day in enumerate(view["days"]):
        if i:
            story.append(PageBreak())
        story.append(P(view["title"], h1, lang))
        head = f"{view['words']['day']} {day['index']} — {day['label']}"
        story.append(P(head, h2, lang))
        story.append(P(day_line(day), small, lang))
        if i == 0 and view["before"]:
            story.append(Spacer(1, 2 * MM))
            story.append(labelled(words["session_before"], view["before"], note, lang))
        story.append(Spacer(1, 5 * MM))
        data = []
        styles = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (1, 0), (1, -1), 4),
        ]
        for r in day["rows"]:
            if r["audience"] == "facilitators":
                continue
            what: list[Any] = [P(r["title"], bold, lang)]
            if r["purpose"]:
                what.append(P(r["purpose"], body, lang))
            if r["guests"]:
                what.append(labelled(words["with"], r["guests"], body, lang))
            what += [
                P(f"{e['shown_time']} · {e['title']}", body, lang)
                for e in r["events"]
                if e["audience"] != "facilitators"
            ]
            if r["before"]:
                what.append(labelled(words["before"], r["before"], body, lang))
            if r["after"]:
                what.append(labelled(words["after"], r["after"], body, lang))
            for t in r["tracks"]:
                items = "; ".join(
                    f"{x['title']} ({x['shown_time']})" if x["shown_time"] else x["title"]
                    for x in t["rows"]
                    if x["audience"] != "facilitators"
                )
                where = f" — {t['room']}" if t["room"] else ""
                sep = "\u00a0: " if lang == "fr" else ": "
                what.append(
                    R(
                        f"<b>{markup(t['name'], lang)}</b>{markup(where, lang)}{sep}"
                        f"{markup(items, lang)}",
                        body,
                    )
                )
            look = block_look(r, theme)
            n = len(data)
            styles.append(("LINEBEFORE", (0, n), (0, n), 2.2, colors.HexColor(look.colour)))
            if r["kind"] != "exercise":
                styles.append(("BACKGROUND", (0, n), (-1, n), colors.HexColor(look.tint)))
            data.append(
                [
                    P(r["shown_time"], time_st, lang),
                    Pictogram(look, 6.5 * MM),
                    what,
                    P(r["room"], body, lang),
                ]
            )
        table = Table(
            data,
            colWidths=[30 * MM, 10 * MM, width - 30 * MM - 10 * MM - 36 * MM, 36 * MM],
            style=TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10)] + styles),
            repeatRows=0,
            splitInRow=1 if split else 0,
        )
        story.append(table)
        story.append(Spacer(1, 4 * MM))
        story.append(_legend(day["rows"], theme, view["words"]))
        if i == last and view["after"]:
            story.append(Spacer(1, 4 * MM))
            story.append(labelled(words["session_after"], view["after"], note, lang))
    frame = page_frame(theme, view["heading"], words["agenda"], view["title"])
    doc.build(story, onFirstPage=frame, onLaterPages=frame, canvasmaker=canvas_maker(meta))


def _legend(rows: list[dict[str, Any]], theme: Any, words: dict[str, str]) -> Any:
    """The pictograms of a day's blocks with their names (arcs, then kinds of blocks)."""
    from facilitation.layout.look import arc_look, block_look
    from facilitation.model.exercise import ARC_ORDER
    from facilitation.model.words import arc_label, logistics_label
    from facilitation.render.pages import Legend

    arcs: list[str] = []
    kinds: list[str] = []

    def add(r: dict[str, Any]) -> None:
        if r.get("audience") == "facilitators":
            return
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
    names = {"free": words["free_time"]}
    items = [(arc_look(a, theme), arc_label(a)) for a in ARC_ORDER if a in arcs]
    items += [
        (block_look({"look": k}, theme), names.get(k) or logistics_label(k))
        for k in kinds
        if k in theme.kinds
    ]
    return Legend(items)


def runsheet_pdf(
    view: dict[str, Any], path: Path, size: tuple[float, float], theme: Any = None
) -> None:
    """Every block with its steps and their minutes, materials, who leads, notes: on the
    paper turned landscape, in two columns of about 70 characters, the times in the
    margin of each column, each block under its pictogram."""
    from facilitation.layout.look import block_look
    from facilitation.render.pages import ColumnsDocument, IconParagraph, page_frame

    theme = _theme(theme)
    lang = view["lang"]
    words = view["words"]
    meta = Meta(
        title=f"{words['runsheet']} — {view['title']}",
        author=view["programme"],
        subject=view["heading"],
        lang=lang,
    )
    size = (max(size), min(size))  # landscape

    class Doc(ColumnsDocument, Document):
        pass

    margin = 12
    doc = Doc(
        str(path),
        pagesize=size,
        leftMargin=margin * MM,
        rightMargin=margin * MM,
        topMargin=17 * MM,
        bottomMargin=14 * MM,
        **doc_kwargs(meta),
    )
    h1 = mkstyle(18, lang, bold=True, leading=22, hyphenate=False)
    h2 = mkstyle(13, lang, bold=True, leading=16, hyphenate=False)
    h3 = mkstyle(11, lang, bold=True, leading=14)
    h3.keepWithNext = 1  # a block's title never ends a page (cheaper than KeepTogether)
    step_style = mkstyle(9.5, lang, leading=12, space_after=2.5)
    step_style.leftIndent = 15 * MM
    step_style.bulletIndent = 0
    step_style.bulletFontName = BOLD
    body = mkstyle(9.5, lang, leading=12)
    small = mkstyle(8.5, lang, leading=10.5, colour=GREY)
    story: list[Any] = [
        P(view["heading"], small, lang),
        P(words["runsheet"], h1, lang),
        P(view["title"], h2, lang),
    ]
    people = [view["participants_line"]]
    if view["facilitators"]:
        people.append(label_text(words["facilitators"], ", ".join(view["facilitators"])))
    if view["partners"]:
        people.append(label_text(words["partners"], ", ".join(view["partners"])))
    for p in people:
        story.append(P(p, body, lang))
    if view["notes"]:  # the session's context and learning goals, for the whole team
        story.append(Spacer(1, 2 * MM))
        story.append(P(f"{words['notes']} — {view['notes']}", body, lang))
    if view["team"]:
        story.append(
            labelled(
                words["roles"],
                [
                    " — ".join(x for x in (m["name"], m["role"], m["organisation"]) if x)
                    for m in view["team"]
                ],
                body,
                lang,
            )
        )
    if view["before"]:
        story.append(labelled(words["session_before"], view["before"], body, lang))
    if view["after"]:
        story.append(labelled(words["session_after"], view["after"], body, lang))

    day_group = 0  # the day's group: a block's head count is printed when it differs

    def block(r: dict[str, Any], prefix: str = "") -> list[Any]:
        out: list[Any] = []
        meta_bits = [
            x
            for x in (
                r["configuration"],
                r["room"],
                label_text(words["lead"], r["lead"]) if r["lead"] else "",
            )
            if x
        ]
        title = f"{r['time']} · {prefix}{r['title']} ({r['minutes']} min)"
        out.append(IconParagraph(block_look(r, theme), P(title, h3, lang), 5 * MM, 1.8 * MM))
        if r["setting"] == "field" and r["kind"] != "logistics":
            meta_bits.append(words["field"])
        if r["people"] != day_group:
            meta_bits.append(f"{r['people']} {words['people']}")
        if meta_bits:
            out.append(P(" · ".join(meta_bits), small, lang))
        if r.get("carries_on"):  # a later part of an activity over several blocks
            out.append(P(r["carries_on"], small, lang))
        if r["guests"]:
            out.append(labelled(words["with"], r["guests"], body, lang))
        for e in r["events"]:
            bits = [x for x in (e["room"], e["lead"]) if x]
            text = f"{e['time']} · {e['title']}" + (f" ({', '.join(bits)})" if bits else "")
            if e["guests"]:
                text += " — " + ", ".join(e["guests"])
            if e["notes"]:
                text += " — " + e["notes"]
            out.append(labelled(words["during"], [text], body, lang))
        if r["before"]:
            out.append(labelled(words["before"], r["before"], body, lang))
        for s in r["steps"]:  # hanging paragraphs: reads as a table, wraps once
            out.append(
                Paragraph(
                    f"<b>{s.get('number', '')}. {markup(s['title'], lang)}</b> "
                    f"({markup(s.get('meta') or str(s['minutes']) + ' min', lang)}) — "
                    f"{markup(s['instructions'], lang)}",
                    step_style,
                    bulletText=s["time"].replace("\u00a0", " "),
                )
            )
        for p in r["params"]:
            out.append(
                P(label_text(p["label"], " · ".join(p.get("short") or p["items"])), body, lang)
            )
        if r["materials"]:
            out.append(P(label_text(words["materials"], "; ".join(r["materials"])), small, lang))
        for v in r["vigilance"]:
            out.append(P(f"{words['vigilance']} — {v}", small, lang))
        if r["notes"]:
            out.append(P(f"{words['notes']} — {r['notes']}", body, lang))
        if r["after"]:
            out.append(labelled(words["after"], r["after"], body, lang))
        out.append(Spacer(1, 3 * MM))
        return out

    for day in view["days"]:
        story.append(CondPageBreak(60 * MM))
        story.append(Spacer(1, 4 * MM))
        story.append(DayRule(theme.pages.accent))
        story.append(P(f"{words['day']} {day['index']} — {day['label']}", h2, lang))
        story.append(P(day_line(day, exact=True), small, lang))
        who = day["people"] + ([day["peak_note"]] if day["peak_note"] else [])
        if len(who) > 1 or day["participants"] != view["participants"]:
            story.append(labelled(words["present"], who, body, lang))
        if day["guests"]:
            story.append(labelled(words["guests"], day["guests"], body, lang))
        story.append(Spacer(1, 2 * MM))
        day_group = day["rows"][0]["participants"] if day["rows"] else 0
        day_group = max([day_group] + [r["participants"] for r in day["rows"]])
        for r in day["rows"]:
            if r["tracks"]:
                story.append(
                    IconParagraph(
                        block_look(r, theme),
                        P(f"{r['time']} · {words['parallel']}", h3, lang),
                        5 * MM,
                        1.8 * MM,
                    )
                )
                for t in r["tracks"]:
                    for c in t["rows"]:
                        story.extend(block(c, prefix=f"{t['name']} — "))
            else:
                story.extend(block(r))
    frame = page_frame(theme, view["heading"], words["runsheet"], view["title"])
    doc.build(story, onFirstPage=frame, onLaterPages=frame, canvasmaker=canvas_maker(meta))


class DayRule(Spacer):
    """A rule in the kit's colour above a day's heading."""

    def __init__(self, colour: str) -> None:
        super().__init__(1, 2.5 * MM)
        self.colour = colour

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(colors.HexColor(self.colour))
        self.canv.setLineWidth(1.6)
        self.canv.line(0, self.height, self.width, self.height)
        self.canv.restoreState()

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.height


def wall_pdf(
    view: dict[str, Any],
    path: Path,
    size: tuple[float, float],
    theme: Any = None,
    form: str = "timeline",
) -> None:
    """A3 or larger, one page per day, readable from across the room: a time-proportional
    day (render/agenda_timeline.py), or with `form="list"` the blocks as a list."""
    if form == "timeline":
        from facilitation.render.agenda_timeline import timeline_pdf
        from facilitation.render.pages import default_theme

        timeline_pdf(view, path, size, theme or default_theme(), wall=True)
        return
    lang = view["lang"]
    meta = Meta(
        title=f"{view['words']['wall']} — {view['title']}",
        author=view["programme"],
        subject=view["heading"],
        lang=lang,
    )
    margin = 15
    doc = _doc(path, size, meta, margin=margin)
    width = size[0] - 2 * margin * MM
    height = size[1] - 2 * margin * MM
    scale = size[0] / (297 * MM)  # type sizes are set for A3 and grow with the paper
    story: list[Any] = []
    for i, day in enumerate(view["days"]):
        rows = [r for r in day["rows"] if r["audience"] != "facilitators"]
        for base in (30, 26, 23, 20, 18, 16, 14, 12):
            pt = base * scale
            head = mkstyle(pt * 1.5, lang, bold=True, align=TA_CENTER, hyphenate=False)
            sub = mkstyle(pt * 0.8, lang, align=TA_CENTER, colour=GREY, hyphenate=False)
            tst = mkstyle(pt, lang, bold=True, hyphenate=False)
            wst = mkstyle(pt, lang, hyphenate=False)
            small = mkstyle(pt * 0.62, lang, colour=GREY, hyphenate=False)
            event_st = mkstyle(pt * 0.75, lang, hyphenate=False)
            flow: list[Any] = [
                P(day["label"].capitalize(), head, lang),
                P(
                    " · ".join(x for x in (view["title"], day["place"], day["timing_note"]) if x),
                    sub,
                    lang,
                ),
                Spacer(1, pt * 0.8),
            ]
            data = []
            for r in rows:
                what: list[Any] = [P(r["title"], wst, lang)]
                for e in r["events"]:
                    if e["audience"] != "facilitators":
                        what.append(P(f"{e['shown_start']} · {e['title']}", event_st, lang))
                for t in r["tracks"]:
                    items = " / ".join(
                        x["title"] for x in t["rows"] if x["audience"] != "facilitators"
                    )
                    what.append(P(label_text(t["name"], items), small, lang))
                if r["room"]:
                    what.append(P(r["room"], small, lang))
                data.append([P(r["shown_start"], tst, lang), what])
            table = Table(
                data,
                colWidths=[pt * 4.2, width - pt * 4.2],
                style=TableStyle(
                    [
                        ("FONT", (0, 0), (-1, -1), REGULAR, 10),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), max(0.8, pt / 20), colors.black),
                        ("TOPPADDING", (0, 0), (-1, -1), pt * 0.3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), pt * 0.4),
                    ]
                ),
            )
            flow.append(table)
            total = sum(f.wrap(width, height)[1] + getattr(f, "spaceAfter", 0) for f in flow)
            if total <= height * 0.97:
                break
        if i:
            story.append(PageBreak())
        story.extend(flow)
    doc.build(story, canvasmaker=canvas_maker(meta))


__all__ = ["participants_pdf", "runsheet_pdf", "wall_pdf", "BOLD"]
