"""`facilitation cards`: participant decks, facilitator cards and floor signs as PDFs.

Plan (which cards, how many) -> card design (faces in mm) -> imposition (sheets) -> drawing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from facilitation.errors import Problem, UserError, placed
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs
from facilitation.layout.card_design import Element, Face, back, front, with_floor
from facilitation.layout.imposition import ImpositionError, impose
from facilitation.load.pictures import safe_picture
from facilitation.load.printdata import card_format, card_layouts, sheet, sheet_mm, theme
from facilitation.load.validation import exercise_where
from facilitation.model.exercise import Exercise, Support
from facilitation.model.limits import MAX_CARDS
from facilitation.model.printdata import CardFormat
from facilitation.model.words import arc_label
from facilitation.plan.supports import sign_supports, support_value
from facilitation.text.i18n import tr
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
    separate: bool = False  # each exercise's cards start on a sheet of their own


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
    n = sum(_chars(v) for _, v in sheet.bodies()[-1])  # the shortest body it can print
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


def theme_logo(th: Any) -> Any:
    """The theme's logo, checked as a picture of the theme's folder (said at its line)."""
    if not th.logo:
        return None
    try:
        return safe_picture(th.folder, th.logo, f"themes.{th.id}.logo", logo=True)
    except UserError as exc:
        raise placed(exc, th.logo_where) from None


def default_source(
    ex: Exercise, support: Any, index: int, lang: str
) -> tuple[str | None, int | None, int | None]:
    """Where the text of an exercise's own card is written: the parameter's default."""
    name = getattr(support, "source", None)
    if not name or name not in ex.parameters:
        return exercise_where(ex, ("supports",))
    default = ex.parameters[name].default
    keyed = (lang,) if isinstance(default, dict) and lang in default else ()
    return exercise_where(ex, ("parameters", name, "default") + keyed + (index,))


_PICTURE_PATH = re.compile(r"\.parameters\.([^.\[]+)\[(\d+)\]$")


def _picture_where(exc: UserError, ex: Exercise, locate: Any) -> Any:
    for p in exc.problems:
        m = _PICTURE_PATH.search(p.path or "")
        if m:
            return locate(SimpleNamespace(source=m.group(1)), int(m.group(2)))
    return exercise_where(ex, ("parameters",))


def _sheet_where(exc: UserError, ex: Exercise, slot: Any, session: Any) -> Any:
    """A facilitator card's problem: the text holding a missing glyph, if that is what it is
    (the session's block first, then the exercise), else the block of the session that runs
    it, else the exercise's steps. `session`: the LoadedSession, in a kit."""
    from facilitation.load.validation import Locator
    from facilitation.render.pdf import missing_glyphs

    locators = []
    if session is not None and slot is not None:
        locators.append(Locator([session.doc]))
    if ex.__dict__.get("locator") is not None:
        locators.append(ex.__dict__["locator"])
    for p in exc.problems:
        chars = [c for c in re.findall(r"'(.)' \(U\+", p.message) if missing_glyphs(c)]
        for locator in locators if chars else []:
            found = locator.find(lambda t, c=chars[0]: c in t)
            if found:
                return found
    if session is not None and slot is not None:
        return session.where(slot.path)
    return exercise_where(ex, ("steps",))


def prefit(face: Face, lang: str, name: str) -> None:
    """Fit a face's texts now (kept for drawing): a text that cannot fit is said at the
    face's file and line rather than when the PDF is drawn, where that is not known."""
    from facilitation.render.cards_pdf import FitError, fit

    for el in face.elements:
        if el.kind == "text":
            try:
                fit(el, lang, name)
            except FitError as exc:
                raise UserError(
                    Problem(
                        str(exc),
                        *(face.where or (None, None, None)),
                        hint=_("shorten the text, or choose a larger card format"),
                    )
                ) from None


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
        where = {}
        for f in faces:
            where.setdefault(f.name, f.where)
        raise UserError(
            [
                Problem(p.message, *(where.get(p.path) or (None, None, None)), p.path, p.hint)
                if where.get(p.path)
                else p
                for p in dict.fromkeys(problems)
            ]
        )


def _impose(fmt: CardFormat, opts: CardOptions, fold: bool = False) -> Any:
    sw, sh = sheet_mm(opts.sheet)
    try:
        return impose(
            fmt.width, fmt.height, sw, sh, margin=opts.margin, bleed=opts.bleed, fold=fold
        )
    except ImpositionError as exc:
        raise UserError(
            Problem(str(exc), hint=_("choose a smaller card format or a larger sheet"))
        ) from None


def _fold_or_fronts(fmt: CardFormat, opts: CardOptions) -> Any:
    """Fold-over pairs when a pair fits the sheet, else the fronts alone (see fold_warning)."""
    sw, sh = sheet_mm(opts.sheet)
    try:
        return impose(
            fmt.width, fmt.height, sw, sh, margin=opts.margin, bleed=opts.bleed, fold=True
        )
    except ImpositionError:
        return _impose(fmt, opts)


def fold_warning(fmt: CardFormat, opts: CardOptions) -> str:
    """Why a format's cards print without their backs under --duplex fold, and what else."""
    from facilitation.text.messages import _

    return Problem(
        _(
            "a fold-over pair of {format} cards ({w} × {h} mm) does not fit on {sheet}: "
            "these cards print single-sided, without their backs"
        ).format(
            format=fmt.id,
            w=f"{2 * fmt.width:g}",
            h=f"{fmt.height:g}",
            sheet=sheet(opts.sheet).label,
        ),
        hint=_("for their backs, print them double-sided (--duplex long) or on larger paper"),
        severity="warning",
    ).format()


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
        locate: Any = None,
    ) -> None:
        """The decks of an exercise; `locate(support, index)` says where a card's text is
        written (file, line, column), for the messages about it."""
        from facilitation.render.cards_pdf import SheetCard

        o, th, lang = self.opts, self.th, self.opts.lang
        logo = theme_logo(th)
        title = tr(ex.title, lang)
        if locate is None:  # the exercise's own values: where its files write them
            locate = lambda support, index: default_source(ex, support, index, lang)  # noqa: E731
        try:
            made = decks(ex, lang, overrides, picture_root, variant)
        except UserError as exc:  # a picture: said at the line that names it
            raise placed(exc, _picture_where(exc, ex, locate)) from None
        for deck in made:
            fmt = card_format(self._fmt_for(deck.support))
            back_name = f"back-{ex.id}"
            backs = self.backs.setdefault(fmt.id, {})
            if back_name not in backs:
                backs[back_name] = with_floor(
                    back(
                        title,
                        o.programme,
                        ex.arc,
                        arc_label(ex.arc),
                        fmt.width,
                        fmt.height,
                        fmt.safe,
                        th,
                        logo,
                        tagline=tr(ex.tagline, lang) if ex.tagline else "",
                        family=ex.family or "",
                    ),
                    fmt.min_type,
                )
                back_face = Face(backs[back_name], _("{id} / back").format(id=ex.id))
                back_face.where = exercise_where(ex, ("title",))
                glyph_check([back_face])
                prefit(back_face, lang, back_face.name)
            n = copies_for(deck.support) if copies_for else o.copies
            self.count += n * len(deck.cards)
            if self.count > MAX_CARDS:  # said before the cards are made, not after
                raise too_many_cards(self.count)
            faces = []
            for _copy in range(n):
                for content in deck.cards:
                    face = front(content, fmt.width, fmt.height, fmt.safe, th)
                    face.elements = with_floor(face.elements, fmt.min_type)
                    face.where = locate(deck.support, content.index)
                    faces.append(face)
                    self.cards.setdefault(fmt.id, []).append(
                        SheetCard(face, back_name, None, group=ex.id)
                    )
            glyph_check(faces)
            if faces and title not in self.titles.setdefault(fmt.id, []):
                self.titles[fmt.id].append(title)

    def add_facilitator(
        self, ex: Exercise, slot: Any = None, facilitators: int = 1, session: Any = None
    ) -> None:
        """The facilitator card of a method, as `slot` runs it (a session's block), else as
        written at Transfo size: the whole method on A6 when it fits at 7.5 pt or more, else
        on A5; only when A5 cannot hold it either, the parameters shortened, then the tips
        left to the booklet."""
        try:
            self._add_facilitator(ex, slot, facilitators)
        except UserError as exc:  # said at the exercise's text it is about, else its steps
            raise placed(exc, _sheet_where(exc, ex, slot, session)) from None

    def _add_facilitator(self, ex: Exercise, slot: Any, facilitators: int) -> None:
        from facilitation.render.cards_pdf import SheetCard
        from facilitation.render.facilitator_card import facilitator_faces

        sheet = sheet_view(ex, self.opts.lang, slot, facilitators)
        bodies = sheet.bodies()
        _fits_at_all(sheet, ["a5", self.opts.facilitator_format])
        first = self.opts.facilitator_format
        attempts = [(first, bodies[0], 7.5 if first == "a6" else 7.0)]
        attempts += [("a5", b, 7.0) for b in bodies if first != "a5" or b is not bodies[0]]
        last: UserError | None = None
        for fmt_id, runs, floor in attempts:
            fmt = card_format(fmt_id)
            try:
                f, b = facilitator_faces(
                    sheet, fmt.width, fmt.height, fmt.safe, self.th, runs=runs, min_size=floor
                )
                break
            except UserError as exc:
                last = exc
        else:
            assert last is not None
            raise last
        f.elements = with_floor(f.elements, fmt.min_type)
        if b is not None:
            b.elements = with_floor(b.elements, fmt.min_type)
        glyph_check([f] + ([b] if b else []))
        self.cards.setdefault(fmt.id, []).append(SheetCard(f, None, b, group=ex.id))
        self.titles.setdefault(fmt.id, []).append(sheet.title)

    def write(self, out: Outputs, name_for: Any) -> list[Job]:
        from facilitation.render.cards_pdf import SheetCard, render_cards
        from facilitation.render.pdf import Meta

        o, lang = self.opts, self.opts.lang
        jobs = []
        for fmt_id, cards in self.cards.items():
            fmt = card_format(fmt_id)
            facilitator = self.kind == "facilitator"
            warnings: list[str] = []
            fold = o.duplex == "fold" and not facilitator
            if facilitator:
                if o.duplex in ("long", "short"):
                    duplex = o.duplex if any(c.back_face for c in cards) else "none"
                else:  # single-sided: a card's continuation is a card of its own, beside it
                    duplex = "none"
                    cards = [
                        one
                        for c in cards
                        for one in (
                            [SheetCard(c.front, None, None, c.group)]
                            + ([SheetCard(c.back_face, None, None, c.group)] if c.back_face else [])
                        )
                    ]
                imp = _impose(fmt, CardOptions(**{**o.__dict__, "bleed": 0.0}))
            else:
                duplex = "none" if fold else o.duplex
                imp = _fold_or_fronts(fmt, o) if fold else _impose(fmt, o)
                if fold and not imp.fold:
                    fold = False
                    warnings.append(fold_warning(fmt, o))
                    # the fronts only: a back on a sheet of its own would not meet its card
                    cards = [SheetCard(c.front, None, None, c.group) for c in cards]
            name = name_for(fmt.id)
            what = _("facilitator cards") if facilitator else _("cards")
            titles = ", ".join(self.titles.get(fmt_id, []))
            meta = Meta(
                title=f"{titles} — {what}",
                author=o.programme,
                subject=f"{what} {fmt.id}",
                lang=lang,
            )
            done = render_cards(
                out.path(name),
                cards,
                imp,
                duplex,
                self.backs.get(fmt_id, {}),
                meta,
                lang,
                o.back_offset,
                separate=o.separate,
            )
            pages = done.pages
            sheets = pages // 2 if duplex in ("long", "short") else pages
            jobs.append(
                Job(
                    name,
                    self.kind,
                    o.sheet,
                    "fold" if fold else duplex,
                    pages,
                    # the printing guide says it in the run's language
                    cutting="fold on the dashed line, then cut" if fold else "cut on the marks",
                    sheets=sheets,
                    title=titles,
                    sheet_keys=done.sheet_keys,
                    warnings=warnings,
                )
            )
        return jobs


def picture_warnings(exercises: list[Exercise], lang: str) -> list[str]:
    """A line for each method whose picture cards have no picture to print (a session's
    blocks are warned by `check` and the kit, with their line)."""
    from facilitation.plan.checks import picture_warning
    from facilitation.plan.supports import missing_pictures
    from facilitation.text.messages import _

    return [
        _("warning: {message}").format(message=picture_warning(ex, s))
        for ex in exercises
        for s in missing_pictures(ex, lang, {})
    ]


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
    """Floor signs (OUI / NON): one landscape page each, huge letters; posters (statements
    for the wall, `layout: poster`): one landscape page each, the text as large as fits."""
    from facilitation.render.pdf import Meta, glyph_problems
    from facilitation.render.signs_pdf import posters_pdf, signs_pdf

    lang = opts.lang
    words = [str(w) for w in (support_value(ex, s, s.source, lang, overrides) if s.source else [])]
    problems = glyph_problems([(f"{ex.id} / {s.id}", " ".join(words))])
    if problems:
        raise UserError(problems)
    poster = s.layout == "poster"
    if poster:
        kind = "affiches" if lang == "fr" else "posters"
    else:
        kind = "panneaux" if lang == "fr" else "signs"
    name = f"{prefix}{ex.id}-{kind}-{opts.sheet}.pdf"
    title = tr(s.title, lang) if s.title else tr(ex.title, lang)
    meta = Meta(title=title, author=opts.programme, subject=ex.id, lang=lang)
    footer = f"{tr(ex.title, lang)} — {title}"
    if poster:
        instruction = tr(s.instruction, lang) if s.instruction else ""
        posters_pdf(out.path(name), words, footer, sheet_mm(opts.sheet), meta, lang, instruction)
    else:
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
