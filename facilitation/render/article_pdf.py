"""The compte rendu as PDF: the article on A4 (photos placed with their captions), and the
planned-versus-run table for the facilitation team on A4 landscape. Same fonts, metadata and
French typography as every PDF of the project (render/pdf.py)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Spacer,
    Table,
    TableStyle,
)

from facilitation.render.pdf import (
    MM,
    REGULAR,
    Document,
    Meta,
    Paragraph,
    canvas_maker,
    doc_kwargs,
    markup,
    para,
    sheet_size,
)
from facilitation.render.pdf import style as mkstyle

GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.6, 0.6, 0.6)
LIGHT = colors.Color(0.88, 0.88, 0.88)
TINT = colors.Color(0.96, 0.94, 0.88)
PHOTO_MAX_H = 105 * MM  # a photo takes at most about a third of the page


def _doc(path: Path, size: tuple[float, float], meta: Meta, margin: float) -> Document:
    return Document(
        str(path),
        pagesize=size,
        leftMargin=margin * MM,
        rightMargin=margin * MM,
        topMargin=margin * MM,
        bottomMargin=(margin + 4) * MM,
        **doc_kwargs(meta),
    )


def _footer(text: str) -> Any:
    def draw(canv: Any, doc: Any) -> None:
        canv.saveState()
        canv.setFont(REGULAR, 8)
        canv.setFillColor(GREY)
        canv.drawString(doc.leftMargin, 9 * MM, text)
        canv.drawRightString(doc.pagesize[0] - doc.rightMargin, 9 * MM, str(doc.page))
        canv.restoreState()

    return draw


class Styles:
    def __init__(self, lang: str) -> None:
        self.kicker = mkstyle(9.5, lang, colour=GREY, hyphenate=False)
        self.h1 = mkstyle(22, lang, bold=True, leading=26, hyphenate=False, space_after=2 * MM)
        self.meta = mkstyle(10, lang, colour=GREY, leading=13)
        self.intro = mkstyle(12, lang, leading=16, space_after=2 * MM)
        self.h2 = mkstyle(15, lang, bold=True, leading=19, hyphenate=False)
        self.h2.spaceBefore = 6 * MM
        self.h2.spaceAfter = 1.5 * MM
        self.h2.keepWithNext = 1
        self.h3 = mkstyle(12, lang, bold=True, leading=15, hyphenate=False)
        self.h3.spaceBefore = 4 * MM
        self.h3.keepWithNext = 1
        self.h4 = mkstyle(10.5, lang, bold=True, leading=13.5, hyphenate=False)
        self.h4.spaceBefore = 2 * MM
        self.h4.keepWithNext = 1
        self.body = mkstyle(10.5, lang, leading=14, space_after=1.5 * MM)
        self.quote = mkstyle(10.5, lang, italic=True, leading=14)
        self.quote.leftIndent = 8 * MM
        self.quote.rightIndent = 8 * MM
        self.by = mkstyle(9.5, lang, colour=GREY, leading=12, space_after=2 * MM)
        self.by.leftIndent = 8 * MM
        self.caption = mkstyle(9, lang, leading=11.5, colour=GREY, space_after=3 * MM)
        self.cell = mkstyle(9, lang, leading=11)
        self.cell_bold = mkstyle(9, lang, bold=True, leading=11)
        self.cell_inner = mkstyle(9, lang, leading=11)
        self.cell_inner.leftIndent = 4 * MM


def _bullets(items: list[str], st: Any, lang: str) -> ListFlowable:
    return ListFlowable(
        [ListItem(para(x, st, lang), leftIndent=5 * MM) for x in items],
        bulletType="bullet",
        start="•",
        leftIndent=5 * MM,
        bulletFontName=REGULAR,
        bulletFontSize=9,
    )


def _photo(p: dict[str, Any], image_dir: Path, width: float, s: Styles, lang: str) -> Any:
    w, h = p["width"], p["height"]
    scale = min(width / w, PHOTO_MAX_H / h)
    # from its bytes, not its path: reportlab names an image by its path, and the folder
    # the photos are written to is a temporary one (the same photo must give the same PDF)
    data = BytesIO((image_dir / p["src"]).read_bytes())
    img = Image(data, width=w * scale, height=h * scale)
    img.hAlign = "LEFT"
    caption = markup(p["caption"], lang)
    if p["credit_line"]:
        caption += f" <font size=8>({markup(p['credit_line'], lang)})</font>"
    return KeepTogether(
        [Spacer(1, 1.5 * MM), img, Spacer(1, 1.2 * MM), Paragraph(caption, s.caption)]
    )


def _quote(x: dict[str, str], s: Styles, q: tuple[str, str], lang: str) -> list[Any]:
    out = [para(q[0] + x["text"] + q[1], s.quote, lang)]
    if x["by"]:
        out.append(para("— " + x["by"], s.by, lang))
    else:
        out.append(Spacer(1, 2 * MM))
    return [KeepTogether(out)]


def _block(
    b: dict[str, Any], level: int, view: dict[str, Any], image_dir: Path, width: float, s: Styles
) -> list[Any]:
    lang = view["lang"]
    words = view["words"]
    colon = "\u00a0: " if lang == "fr" else ": "
    q = ("«\u00a0", "\u00a0»") if lang == "fr" else ("“", "”")
    head = (f"{b['track']} — " if b["track"] else "") + b["title"]
    top: list[Any] = [para(head, s.h3 if level == 3 else s.h4, lang)]
    meta = " · ".join(
        x for x in (b["time"], f"{words['method']}{colon}{b['method']}" if b["method"] else "") if x
    )
    if meta:
        top.append(para(meta, s.meta, lang))
    if b["purpose"]:
        why = f"<b>{markup(words['why'], lang)}</b>{colon}{markup(b['purpose'], lang)}"
        top.append(Paragraph(why, s.body))
    out: list[Any] = [KeepTogether(top)]  # a block's heading never ends a page alone
    for chunk in (b["story"] or "").split("\n"):
        if chunk.strip():
            out.append(para(chunk, s.body, lang))
    for e in b["events"]:
        out.append(para(f"{e['time']} · {e['title']}", s.body, lang))
    if b["produced"]:
        out.append(para(words["produced"], s.h4, lang))
        out.append(_bullets(b["produced"], s.body, lang))
        out.append(Spacer(1, 1.5 * MM))
    for x in b["quotes"]:
        out += _quote(x, s, q, lang)
    for p in b["photos"]:
        out.append(_photo(p, image_dir, width, s, lang))
    for c in b["children"]:
        out += _block(c, level + 1, view, image_dir, width, s)
    return out


def article_pdf(view: dict[str, Any], path: Path, image_dir: Path) -> None:
    """The article on A4: title, dates and places, the introduction and the photos of the
    session, the goals, each day and its blocks, the participants' words, the debrief, the
    decisions, what comes next, who was there. Photos come from `image_dir` (the web copies:
    about 240 dpi at the column's width)."""
    lang = view["lang"]
    words = view["words"]
    size = sheet_size("a4")
    meta = Meta(
        title=view["title"],
        author=view["author"],
        subject=view["heading"],
        lang=lang,
        keywords=view["programme"],
    )
    doc = _doc(path, size, meta, margin=20)
    width = size[0] - 40 * MM
    s = Styles(lang)
    colon = "\u00a0: " if lang == "fr" else ": "
    q = ("«\u00a0", "\u00a0»") if lang == "fr" else ("“", "”")
    story: list[Any] = [para(view["heading"], s.kicker, lang), para(view["title"], s.h1, lang)]
    where = " · ".join(
        [view["dates"]]
        + [", ".join(x for x in (p["name"], p["address"]) if x) for p in view["places"]]
    )
    story.append(para(where, s.meta, lang))
    story.append(Spacer(1, 4 * MM))
    for chunk in (view["intro"] or "").split("\n"):
        if chunk.strip():
            story.append(para(chunk, s.intro, lang))
    for p in view["photos"]:
        story.append(_photo(p, image_dir, width, s, lang))
    if view["goals"]:
        story.append(para(words["goals"], s.h2, lang))
        story.append(_bullets(view["goals"], s.body, lang))
    for day in view["days"]:
        if not day["blocks"]:
            continue
        story.append(CondPageBreak(60 * MM))
        head = day["heading"] + (f"{colon}{day['title']}" if day["title"] else "")
        story.append(para(head, s.h2, lang))
        if day["place"]:
            story.append(para(day["place"], s.meta, lang))
        for b in day["blocks"]:
            story += _block(b, 3, view, image_dir, width, s)
    if view["quotes"]:
        story.append(para(words["quotes"], s.h2, lang))
        for x in view["quotes"]:
            story += _quote(x, s, q, lang)
    for key in ("debrief", "decisions"):
        if view[key]:
            story.append(para(words[key], s.h2, lang))
            story.append(_bullets(view[key], s.body, lang))
    nxt = view["next_session"]
    if view["next"] or nxt:
        story.append(para(words["next"], s.h2, lang))
        if view["next"]:
            story.append(_bullets(view["next"], s.body, lang))
        if nxt:
            text = nxt["dates"]
            if nxt["title"]:
                text += " — " + nxt["title"]
            if nxt["place"]:
                text += f" ({nxt['place']})"
            story.append(
                Paragraph(
                    f"<b>{markup(words['next_session'], lang)}</b>{colon}{markup(text, lang)}",
                    s.body,
                )
            )
    story.append(para(words["who"], s.h2, lang))
    line = view["participants_line"]
    if view["facilitators"]:
        line += f" · {words['facilitators']}{colon}{', '.join(view['facilitators'])}"
    if view["partners"]:
        line += f" · {words['partners']}{colon}{', '.join(view['partners'])}"
    story.append(para(line, s.body, lang))
    if view["named"]:
        story.append(para(f"{words['named']}{colon}{', '.join(view['named'])}", s.body, lang))
    if view["credits"]:
        story.append(para(f"{words['photos_by']}{colon}{', '.join(view['credits'])}", s.meta, lang))
    story.append(para(f"{words['written_by']}{colon}{view['author']}", s.meta, lang))
    footer = _footer(f"{view['heading']} — {view['title']}")
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=canvas_maker(meta))


def run_table_pdf(view: dict[str, Any], path: Path) -> None:
    """The planned-versus-run table on A4 landscape, one table per day."""
    lang = view["lang"]
    words = view["words"]
    size = sheet_size("a4", landscape=True)
    meta = Meta(title=view["title"], author=view["heading"], subject=view["note"], lang=lang)
    doc = _doc(path, size, meta, margin=14)
    width = size[0] - 28 * MM
    s = Styles(lang)
    colon = "\u00a0: " if lang == "fr" else ": "
    story: list[Any] = [
        para(f"{view['heading']} · {view['note']}", s.kicker, lang),
        para(view["title"], mkstyle(18, lang, bold=True, leading=22, hyphenate=False), lang),
        para(view["participants"], s.body, lang),
    ]
    if view["summary"]:
        story.append(para(" · ".join(view["summary"]), s.body, lang))
    cols = [40 * MM, 46 * MM, 0.0, 52 * MM, 0.0]
    rest = width - sum(cols)
    cols[2] = rest * 0.55
    cols[4] = rest * 0.45
    for day in view["days"]:
        story.append(para(day["heading"], s.h2, lang))
        story.append(
            para(
                f"{words['planned']}{colon}{day['planned']} · {words['run']}{colon}{day['run']}",
                s.meta,
                lang,
            )
        )
        story.append(Spacer(1, 2 * MM))
        data: list[list[Any]] = [
            [
                para(words[k], s.cell_bold, lang)
                for k in ("planned", "run", "block", "change", "why")
            ]
        ]
        style: list[Any] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, LIGHT),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ]
        for r in day["rows"]:
            planned = r["planned"] + (f" ({r['planned_minutes']})" if r["planned_minutes"] else "")
            run = r["run"] + (f" ({r['run_minutes']})" if r["run_minutes"] else "")
            title = markup(r["title"], lang)
            if r["dropped"]:
                title = f"<strike>{title}</strike>"
            change = markup(r["change"], lang)
            if r["changed"]:
                change = f"<b>{change}</b>"
                style.append(("BACKGROUND", (0, len(data)), (-1, len(data)), TINT))
            data.append(
                [
                    para(planned, s.cell, lang),
                    para(run, s.cell, lang),
                    Paragraph(title, s.cell_inner if r["inner"] else s.cell),
                    Paragraph(change, s.cell),
                    para(r["why"], s.cell, lang),
                ]
            )
        story.append(Table(data, colWidths=cols, style=TableStyle(style), repeatRows=1))
    if view["silent"]:
        story.append(para(words["silent"], s.h2, lang))
        story.append(_bullets(view["silent"], s.body, lang))
    footer = _footer(f"{view['heading']} — {view['note']}")
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=canvas_maker(meta))
