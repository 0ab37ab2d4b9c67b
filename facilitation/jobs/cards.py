"""`facilitation cards`: participant decks, facilitator cards and floor signs as PDFs.

Plan (which cards, how many) -> card design (faces in mm) -> imposition (sheets) -> drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitation.plan.supports import decks, param_value
from facilitation.text.durations import format_duration
from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.text.i18n import ARCS, tr
from facilitation.layout.card_design import (
    PREFERRED_FORMAT,
    CardContent,
    Element,
    Face,
    back,
    front,
)
from facilitation.layout.imposition import ImpositionError, impose
from facilitation.load.materials import material_label
from facilitation.model.exercise import Exercise, Support
from facilitation.jobs.output import Outputs
from facilitation.load.printdata import _table, sheet_mm
from facilitation.render.terminal import group_range
from facilitation.load.themes import theme as load_theme

MM_PT = 72 / 25.4
DARK_HATS = {"black", "noir", "blue", "bleu", "red", "rouge", "green", "vert"}


@dataclass
class CardOptions:
    format: str = "auto"  # auto: each layout's preferred format (poker for most)
    sheet: str = "a4"
    duplex: str = "long"  # long | short | fold | none
    bleed: float = 0.0
    copies: int = 1
    lang: str = "fr"
    theme: str = "default"
    margin: float = 5.0
    back_offset: tuple[float, float] = (0.0, 0.0)
    facilitator_format: str = "a6"
    programme: str = ""


@dataclass
class Job:
    """One PDF written: what a printing guide needs to know about it."""

    name: str
    kind: str  # cards | facilitator | signs | agenda | canvas | ...
    paper: str
    duplex: str
    pages: int
    copies: int = 1
    cutting: str = ""
    sheets: int = 0
    title: str = ""


def card_format(name: str) -> dict[str, Any]:
    table = _table("formats")
    key = name.lower()
    if key in table:
        f = dict(table[key])
        f.setdefault("safe", 4)
        f["id"] = key
        return f
    import re

    m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$", key)
    if m:
        return {
            "id": key.replace(" ", ""),
            "width": float(m.group(1)),
            "height": float(m.group(2)),
            "safe": 4,
            "label": f"{key} mm",
        }
    raise UserError(
        Problem(
            f"unknown card format '{name}'",
            hint=did_you_mean(key, table) or f"known: {', '.join(table)}, or a size such as 60x90",
        )
    )


def _hat_colours(cards: list[CardContent], th: dict[str, Any]) -> None:
    for c in cards:
        if c.layout != "hat":
            continue
        word = str(c.fields.get("colour", "")).strip().lower()
        c.fields["_colour"] = th["hats"].get(word, "#ffffff")
        c.fields["_text_colour"] = "#ffffff" if word in DARK_HATS else th["ink"]


def facilitator_faces(
    ex: Exercise, lang: str, w: float, h: float, safe: float, th: dict[str, Any], tips: bool = True
) -> tuple[Face, Face | None]:
    """The facilitator card: front, and a back when the sheet needs both sides."""

    s = safe
    iw = w - 2 * s
    fr = lang == "fr"
    arc = th["arcs"][ex.arc]
    d = ex.duration
    facts = (
        f"{ARCS[ex.arc][lang]} · {format_duration(d.typical, lang)} "
        f"({format_duration(d.min or 0, lang)}–{format_duration(d.max or 0, lang)}) · "
        f"{group_range(ex, lang)} {'pers.' if fr else 'people'} · "
        f"{ex.configuration.label(lang)}"
    )
    runs: list[tuple[str, Any]] = []
    if ex.materials:
        runs.append(("label", "Matériel" if fr else "Materials"))
        for m in ex.materials:
            q = m.quantity
            qty = str(int(q)) if float(q).is_integer() else str(q)
            per = {
                "participant": "/pers." if fr else "/person",
                "pair": "/binôme" if fr else "/pair",
                "group": "/groupe" if fr else "/group",
                "session": "",
                "facilitator": "/animateur" if fr else "/facilitator",
            }[m.per]
            runs.append(("bullet", f"{material_label(m, lang)} — {qty}{per}"))
    runs.append(("label", "Déroulé" if fr else "Steps"))
    for st in ex.steps:
        runs.append(("step", (st.minutes, tr(st.title, lang), tr(st.instructions, lang))))
    if ex.vigilance:
        runs.append(("label", "Vigilance"))
        runs.extend(("bullet", tr(v, lang)) for v in ex.vigilance)
    if ex.tips and tips:
        runs.append(("label", "Conseils" if fr else "Tips"))
        runs.extend(("bullet", tr(t, lang)) for t in ex.tips)
    head_h = 21.0
    name = f"{ex.id} / {'fiche animateur' if fr else 'facilitator card'}"
    header = [
        Element("rect", 0, h - 3, w, 3, fill=arc["colour"], bleed=True),
        Element(
            "text",
            s,
            h - s - 10,
            iw - 8,
            8,
            text=tr(ex.title, lang),
            size=14,
            min_size=9,
            bold=True,
            colour=th["ink"],
            valign="top",
        ),
        Element(
            "circle", w - s - 3.5, h - s - 5, 3.2, fill=arc["colour"], stroke=th["ink"], width=0.6
        ),
        Element(
            "text",
            w - s - 6.7,
            h - s - 8.2,
            6.4,
            6.4,
            text=arc["mark"],
            size=8,
            min_size=6,
            bold=True,
            align="center",
            valign="middle",
            colour=th["ink"],
        ),
        Element(
            "text",
            s,
            h - s - head_h,
            iw,
            10.5,
            rich=True,
            runs=[("italic", tr(ex.tagline, lang) if ex.tagline else ""), ("body", facts)],
            size=7.5,
            min_size=6.5,
            colour=th["muted"],
        ),
    ]

    def body(part: list[tuple[str, Any]], top: float) -> Element:
        return Element(
            "text", s, s, iw, top - s, rich=True, runs=part, size=8.5, min_size=7, colour=th["ink"]
        )

    from facilitation.render.cards_pdf import RunTable, fitted_of, prime, total_height

    front_top = h - s - head_h - 1
    first = body(runs, front_top)
    sizes = [8.5, 8.0, 7.5, 7.0]
    table = RunTable(first, sizes, lang)
    room_front = (front_top - s) * MM_PT + 0.01
    for size in sizes[:2]:  # one side only if it stays at 8 pt or more
        items = table.part(size, 0)
        if items is not None and total_height(items) <= room_front:
            one_side = Element(**{**first.__dict__, "min_size": 8.0})
            prime(one_side, lang, fitted_of(items, size))
            return Face(header + [one_side], name), None
    # over both sides, at one size for both, the largest that works: as many runs as fit on
    # the front, the rest on the back (most sheets fit at 8.5 or 8 pt, so the smaller sizes
    # are seldom wrapped at all)
    cont = "suite" if fr else "continued"
    back_header = [
        Element("rect", 0, h - 3, w, 3, fill=arc["colour"], bleed=True),
        Element(
            "text",
            s,
            h - s - 7,
            iw,
            6,
            text=f"{tr(ex.title, lang)} ({cont})",
            size=9,
            min_size=7,
            bold=True,
            colour=th["muted"],
        ),
    ]
    room_back = (h - s - 9 - s) * MM_PT + 0.01
    extra: list[tuple[str, Any]] = [("label", "Déroulé (suite)" if fr else "Steps (continued)")]
    extra_table = RunTable(body(extra, h - s - 9), sizes, lang)
    fits_front = False
    for size in sizes:
        row = table.part(size, 0)
        if row is None:
            continue
        k = 0
        while k < len(runs) - 1 and total_height(row[: k + 1]) <= room_front:
            k += 1
        if k == 0:
            continue
        fits_front = True
        head = extra if runs[k][0] != "label" else []
        head_items = extra_table.part(size, 0) if head else []
        if head_items is None or total_height(head_items + row[k:]) > room_back:
            continue
        front_el = body(runs[:k], front_top)
        prime(front_el, lang, fitted_of(row[:k], size))
        back_body = body(head + runs[k:], h - s - 9)
        prime(back_body, lang, fitted_of(head_items + row[k:], size))
        return Face(header + [front_el], name), Face(back_header + [back_body], name + " (verso)")
    if table.part(sizes[-1], 0) is None:
        raise UserError(Problem(f"{name}: a word is too long for the card's width"))
    if not fits_front:
        raise UserError(
            Problem(
                f"{name}: the sheet does not fit on both sides of the card",
                hint="use a larger facilitator format (--facilitator-format a5)",
            )
        )
    raise UserError(
        Problem(
            f"{name} (verso): the text does not fit even at 7 pt",
            hint="use a larger facilitator format (--facilitator-format a5)",
        )
    )


def glyph_check(faces: list[Face]) -> None:
    from facilitation.render.pdf import glyph_problems

    items = []
    for f in faces:
        for el in f.elements:
            if el.kind == "text":
                text = el.text + " ".join(
                    str(r[1]) if not isinstance(r[1], tuple) else f"{r[1][1]} {r[1][2]}"
                    for r in el.runs
                )
                items.append((f.name, text))
    problems = glyph_problems(items)
    if problems:
        raise UserError(problems)


def _impose(fmt: dict[str, Any], opts: CardOptions, fold: bool = False) -> Any:
    sw, sh = sheet_mm(opts.sheet)
    try:
        return impose(
            fmt["width"], fmt["height"], sw, sh, margin=opts.margin, bleed=opts.bleed, fold=fold
        )
    except ImpositionError as exc:
        raise UserError(
            Problem(str(exc), hint="choose a smaller card format or a larger sheet")
        ) from None


class CardBatch:
    """Cards gathered by format and written as one PDF per format: one paper size and one
    duplex setting per file, because that is how people print. Each exercise keeps its own
    back, drawn once as a form."""

    def __init__(self, opts: CardOptions, kind: str = "cards") -> None:
        self.opts = opts
        self.kind = kind
        self.th = load_theme(opts.theme)
        self.cards: dict[str, list[Any]] = {}
        self.backs: dict[str, dict[str, list[Element]]] = {}
        self.titles: dict[str, list[str]] = {}

    def _fmt_for(self, layout: str) -> str:
        o = self.opts
        return o.format if o.format != "auto" else PREFERRED_FORMAT.get(layout, "poker")

    def add_exercise(
        self,
        ex: Exercise,
        overrides: dict[str, Any] | None = None,
        picture_root: Any = None,
        copies_for: Any = None,
        variant: str | None = None,
    ) -> None:
        from facilitation.render.cards_pdf import SheetCard

        o, th, lang = self.opts, self.th, self.opts.lang
        logo = Path(th["logo"]) if th.get("logo") else None
        title = tr(ex.title, lang)
        for deck in decks(ex, lang, overrides, picture_root, variant):
            fmt_id = self._fmt_for(deck.support.layout)
            fmt = card_format(fmt_id)
            back_name = f"back-{ex.id}"
            backs = self.backs.setdefault(fmt["id"], {})
            if back_name not in backs:
                backs[back_name] = back(
                    title,
                    o.programme,
                    ex.arc,
                    ARCS[ex.arc][lang],
                    fmt["width"],
                    fmt["height"],
                    fmt["safe"],
                    th,
                    logo,
                )
                glyph_check([Face(backs[back_name], f"{ex.id} / back")])
            _hat_colours(deck.cards, th)
            n = copies_for(deck.support) if copies_for else o.copies
            faces = []
            for _ in range(n):
                for content in deck.cards:
                    face = front(content, fmt["width"], fmt["height"], fmt["safe"], th)
                    faces.append(face)
                    self.cards.setdefault(fmt["id"], []).append(SheetCard(face, back_name, None))
            glyph_check(faces)
            if faces and title not in self.titles.setdefault(fmt["id"], []):
                self.titles[fmt["id"]].append(title)

    def add_facilitator(self, ex: Exercise) -> None:
        from facilitation.render.cards_pdf import SheetCard

        lang = self.opts.lang
        attempts = [
            (self.opts.facilitator_format, True),
            (self.opts.facilitator_format, False),
            ("a5", True),
            ("a5", False),
        ]
        last: UserError | None = None
        for fmt_id, tips in attempts:
            fmt = card_format(fmt_id)
            try:
                f, b = facilitator_faces(
                    ex, lang, fmt["width"], fmt["height"], fmt["safe"], self.th, tips=tips
                )
                break
            except UserError as exc:
                last = exc
        else:
            assert last is not None
            raise last
        glyph_check([f] + ([b] if b else []))
        self.cards.setdefault(fmt["id"], []).append(SheetCard(f, None, b))
        self.titles.setdefault(fmt["id"], []).append(tr(ex.title, lang))

    def write(self, out: Outputs, name_for: Any) -> list[Job]:
        from facilitation.render.cards_pdf import render_cards
        from facilitation.render.pdf import Meta

        o, lang = self.opts, self.opts.lang
        jobs = []
        for fmt_id, cards in self.cards.items():
            fmt = card_format(fmt_id)
            facilitator = self.kind == "facilitator"
            fold = o.duplex == "fold" and not facilitator
            if facilitator:
                duplex = "long" if any(c.back_face for c in cards) else "none"
                imp = _impose(fmt, CardOptions(**{**o.__dict__, "bleed": 0.0}))
            else:
                duplex = "none" if fold else o.duplex
                imp = _impose(fmt, o, fold)
            name = name_for(fmt["id"])
            what = (
                {"fr": "fiches animateur", "en": "facilitator cards"}
                if facilitator
                else {"fr": "cartes", "en": "cards"}
            )[lang]
            titles = ", ".join(self.titles.get(fmt_id, []))
            meta = Meta(
                title=f"{titles} — {what}",
                author=o.programme,
                subject=f"{what} {fmt['id']}",
                lang=lang,
            )
            pages = render_cards(
                out.path(name),
                cards,
                imp,
                duplex,
                self.backs.get(fmt_id, {}),
                meta,
                lang,
                o.back_offset,
            )
            sheets = pages // 2 if duplex in ("long", "short") else pages
            jobs.append(
                Job(
                    name,
                    self.kind,
                    o.sheet,
                    "fold" if fold else duplex,
                    pages,
                    cutting="fold on the dashed line, then cut" if fold else "cut on the marks",
                    sheets=sheets,
                    title=titles,
                )
            )
        return jobs


def write_exercise_cards(
    ex: Exercise,
    opts: CardOptions,
    out: Outputs,
    overrides: dict[str, Any] | None = None,
    picture_root: Any = None,
    copies_for: Any = None,
    variant: str | None = None,
    prefix: str = "",
    facilitator: bool = True,
) -> list[Job]:
    """The PDFs of one exercise: participant decks, facilitator card, floor signs."""
    lang = opts.lang
    batch = CardBatch(opts)
    batch.add_exercise(ex, overrides, picture_root, copies_for, variant)
    word = "cartes" if lang == "fr" else "cards"
    jobs = batch.write(out, lambda f: f"{prefix}{ex.id}-{word}-{f}.pdf")
    if facilitator:
        fb = CardBatch(opts, kind="facilitator")
        fb.add_facilitator(ex)
        fword = "fiche" if lang == "fr" else "facilitator"
        jobs += fb.write(out, lambda f: f"{prefix}{ex.id}-{fword}-{f}.pdf")
    for s in ex.supports:
        if s.kind == "sheet" and s.layout == "floor-sign":
            jobs.append(_signs_job(ex, s, opts, out, overrides or {}, prefix))
    return jobs


def _signs_job(
    ex: Exercise,
    s: Support,
    opts: CardOptions,
    out: Outputs,
    overrides: dict[str, Any],
    prefix: str,
) -> Job:
    """Floor signs (OUI / NON): one landscape page each, huge letters."""
    from reportlab.lib.colors import HexColor

    from facilitation.render.pdf import BOLD, MM, REGULAR, Meta, PrintCanvas, glyph_problems

    lang = opts.lang
    words = [str(w) for w in (param_value(ex, s.source, lang, overrides) if s.source else [])]
    problems = glyph_problems([(f"{ex.id} / {s.id}", " ".join(words))])
    if problems:
        raise UserError(problems)
    sw, sh = sheet_mm(opts.sheet)
    W, H = sh * MM, sw * MM  # landscape
    name = f"{prefix}{ex.id}-{'panneaux' if lang == 'fr' else 'signs'}-{opts.sheet}.pdf"
    title = tr(s.title, lang) if s.title else tr(ex.title, lang)
    c = PrintCanvas(
        str(out.path(name)),
        (W, H),
        Meta(title=title, author=opts.programme, subject=ex.id, lang=lang),
    )
    for word in words:
        size = 400.0
        while size > 20 and c.stringWidth(word, BOLD, size) > W - 30 * MM:
            size -= 4
        size = min(size, (H - 60 * MM) / 0.75)
        c.setFillColor(HexColor("#111111"))
        c.setFont(BOLD, size)
        c.drawCentredString(W / 2, H / 2 - size * 0.35, word)
        c.setFont(REGULAR, 11)
        c.setFillColor(HexColor("#555555"))
        c.drawCentredString(W / 2, 10 * MM, f"{tr(ex.title, lang)} — {title}")
        c.setTrimBox((0, 0, W, H))
        c.showPage()
    c.save()
    return Job(
        name,
        "signs",
        opts.sheet,
        "none",
        len(words),
        title=title,
        cutting="none",
        sheets=len(words),
    )
