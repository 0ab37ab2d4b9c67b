"""`facilitation cards`: participant decks, facilitator cards and floor signs as PDFs.

Plan (which cards, how many) -> card design (faces in mm) -> imposition (sheets) -> drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs
from facilitation.layout.card_design import Element, Face, back, front
from facilitation.layout.imposition import ImpositionError, impose
from facilitation.load.pictures import safe_picture
from facilitation.load.printdata import card_format, card_layouts, sheet_mm, theme
from facilitation.model.exercise import Exercise, Support
from facilitation.model.limits import MAX_CARDS
from facilitation.model.printdata import CardFormat
from facilitation.plan.supports import param_value, sign_supports
from facilitation.text.i18n import ARCS, tr
from facilitation.text.messages import _, ngettext
from facilitation.view.cards import decks
from facilitation.view.sheet import sheet_view


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


def too_many_cards(n: int, file: str | None = None) -> UserError:
    return UserError(
        Problem(
            file=file,
            message=ngettext(
                "{n} card to print: at most {limit} in one go",
                "{n} cards to print: at most {limit} in one go",
                n,
            ).format(n=n, limit=MAX_CARDS),
            hint=_(
                "a head count, a number of copies or a list of items far too large: "
                "check participants, copies and the lists the decks come from"
            ),
        )
    )


# A character at the smallest type size of a facilitator card (7 pt), in mm², taken small (a
# narrow letter, tight lines) so that no text that could fit is refused.
_CHAR_MM2 = 2.0


def _fits_at_all(sheet: Any, formats: list[str]) -> None:
    """Refuse at once a sheet whose text could not fit on both sides of the largest card
    format tried, even in the smallest type: the fitting would wrap it again at every size.
    Why: that makes the time of a refusal linear in the text's length, not a minute long."""
    n = sum(_chars(v) for _, v in sheet.body(True))
    room = max(
        2 * (f.width - 2 * f.safe) * (f.height - 2 * f.safe) / _CHAR_MM2
        for f in (card_format(x) for x in formats)
    )
    if n > room:
        raise UserError(
            Problem(
                ngettext(
                    "{name}: {n} character, far too many for a facilitator card",
                    "{name}: {n} characters, far too many for a facilitator card",
                    n,
                ).format(name=sheet.name, n=n),
                hint=_("shorten the steps and tips of the exercise"),
            )
        )


def _chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(_chars(v) for v in value)
    return 0


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


def _impose(fmt: CardFormat, opts: CardOptions, fold: bool = False) -> Any:
    sw, sh = sheet_mm(opts.sheet)
    try:
        return impose(
            fmt.width, fmt.height, sw, sh, margin=opts.margin, bleed=opts.bleed, fold=fold
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
        self.th = theme(opts.theme)
        self.cards: dict[str, list[Any]] = {}
        self.backs: dict[str, dict[str, list[Element]]] = {}
        self.titles: dict[str, list[str]] = {}
        self.count = 0  # participant cards so far

    def _fmt_for(self, support: Support) -> str:
        """The user's format, else the support's, else the one its card layout prints on."""
        o = self.opts
        if o.format != "auto":
            return o.format
        if support.format:
            return support.format
        known = card_layouts().get(support.layout)
        return known.format if known else "poker"

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
        logo = safe_picture(th.folder, th.logo, f"themes.{th.id}.logo", "logo") if th.logo else None
        title = tr(ex.title, lang)
        for deck in decks(ex, lang, overrides, picture_root, variant):
            fmt = card_format(self._fmt_for(deck.support))
            back_name = f"back-{ex.id}"
            backs = self.backs.setdefault(fmt.id, {})
            if back_name not in backs:
                backs[back_name] = back(
                    title,
                    o.programme,
                    ex.arc,
                    ARCS[ex.arc][lang],
                    fmt.width,
                    fmt.height,
                    fmt.safe,
                    th,
                    logo,
                )
                glyph_check([Face(backs[back_name], f"{ex.id} / back")])
            n = copies_for(deck.support) if copies_for else o.copies
            self.count += n * len(deck.cards)
            if self.count > MAX_CARDS:  # said before the cards are made, not after
                raise too_many_cards(self.count)
            faces = []
            for _copy in range(n):
                for content in deck.cards:
                    face = front(content, fmt.width, fmt.height, fmt.safe, th)
                    faces.append(face)
                    self.cards.setdefault(fmt.id, []).append(SheetCard(face, back_name, None))
            glyph_check(faces)
            if faces and title not in self.titles.setdefault(fmt.id, []):
                self.titles[fmt.id].append(title)

    def add_facilitator(self, ex: Exercise) -> None:
        from facilitation.render.cards_pdf import SheetCard
        from facilitation.render.facilitator_card import facilitator_faces

        sheet = sheet_view(ex, self.opts.lang)
        _fits_at_all(sheet, ["a5", self.opts.facilitator_format])
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
                f, b = facilitator_faces(sheet, fmt.width, fmt.height, fmt.safe, self.th, tips=tips)
                break
            except UserError as exc:
                last = exc
        else:
            assert last is not None
            raise last
        glyph_check([f] + ([b] if b else []))
        self.cards.setdefault(fmt.id, []).append(SheetCard(f, None, b))
        self.titles.setdefault(fmt.id, []).append(sheet.title)

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
            name = name_for(fmt.id)
            what = (
                {"fr": "fiches animateur", "en": "facilitator cards"}
                if facilitator
                else {"fr": "cartes", "en": "cards"}
            )[lang]
            titles = ", ".join(self.titles.get(fmt_id, []))
            meta = Meta(
                title=f"{titles} — {what}",
                author=o.programme,
                subject=f"{what} {fmt.id}",
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
    for s in sign_supports(ex):
        jobs.append(signs_job(ex, s, opts, out, overrides or {}, prefix))
    return jobs


def signs_job(
    ex: Exercise,
    s: Support,
    opts: CardOptions,
    out: Outputs,
    overrides: dict[str, Any],
    prefix: str,
) -> Job:
    """Floor signs (OUI / NON): one landscape page each, huge letters."""
    from facilitation.render.pdf import Meta, glyph_problems
    from facilitation.render.signs_pdf import signs_pdf

    lang = opts.lang
    words = [str(w) for w in (param_value(ex, s.source, lang, overrides) if s.source else [])]
    problems = glyph_problems([(f"{ex.id} / {s.id}", " ".join(words))])
    if problems:
        raise UserError(problems)
    name = f"{prefix}{ex.id}-{'panneaux' if lang == 'fr' else 'signs'}-{opts.sheet}.pdf"
    title = tr(s.title, lang) if s.title else tr(ex.title, lang)
    meta = Meta(title=title, author=opts.programme, subject=ex.id, lang=lang)
    footer = f"{tr(ex.title, lang)} — {title}"
    signs_pdf(out.path(name), words, footer, sheet_mm(opts.sheet), meta)
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
