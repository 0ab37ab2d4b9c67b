"""Canvases and A4 sheets of exercises, as print jobs: real size, or tiled on office paper."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from facilitation.errors import Problem, UserError, placed
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs
from facilitation.layout.canvas import CanvasGeometry, geometry
from facilitation.layout.paper import Choice, Office, Plan, plan_canvas, plan_override, use_of
from facilitation.layout.tiling import tile
from facilitation.load.printdata import canvas_layout, paper_uses, sheet_mm
from facilitation.load.validation import exercise_where
from facilitation.model.exercise import Exercise, Support
from facilitation.model.limits import MAX_CANVASES
from facilitation.model.session import PrintChoice
from facilitation.plan.supports import canvas_supports, support_value
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext
from facilitation.view.canvas import resolve

R = TypeVar("R")


@dataclass
class CanvasOptions:
    lang: str = "fr"
    size: str | None = None  # None: each layout's own size
    landscape: bool | None = None
    tile: str | None = None  # a4 | a3 | letter | None (real size)
    overlap: float = 10.0
    fit_sheets: int | None = None
    programme: str = ""
    copies_in_guide: bool = False  # identical copies: print N copies of one file
    office: Office | None = None  # the kit's paper plan decides each canvas's paper


@dataclass
class CanvasPrint:
    """One support of a block as it prints: its plan, its pages laid out at the chosen size,
    and how many copies the session needs."""

    support: Support
    plan: Plan
    pages: list[CanvasGeometry]
    copies: int

    @property
    def choice(self) -> Choice:
        return self.plan.choice


def _record_text(value: Any) -> str:
    """A record's field as printed in a form zone: a list one item a line."""
    if isinstance(value, list):
        return "\n".join(f"• {v}" for v in value)
    return "" if value is None else str(value)


def needs_blank(ex: Exercise, support: Support) -> bool:
    """A support printed once per item (a persona, a criterion) gets a blank page beside the
    pre-filled ones, unless the method prints a blank one of its own."""
    if not support.each:
        return False
    return not any(
        s.layout == support.layout and not s.each and s.id != support.id for s in ex.supports
    )


def _filled(layout: dict[str, Any], record: Any) -> dict[str, Any]:
    """A form layout with its fields filled from one record (or plain item), or blank."""
    lay = dict(layout)

    def value(f: dict[str, Any]) -> str:
        key = f.get("value_key")
        if key and isinstance(record, dict):
            return _record_text(record.get(key))
        if key == "item" and record is not None and not isinstance(record, dict):
            return str(record)
        return "" if key else f.get("value", "")

    lay["_form"] = [
        {**row, "fields": [{**f, "value": value(f)} for f in row["fields"]]}
        for row in layout["_form"]
    ]
    return lay


def pages_for(
    ex: Exercise,
    support: Support,
    opts: CanvasOptions,
    copies: int = 1,
    overrides: dict[str, Any] | None = None,
    subtitle: str = "",
    page: tuple[float, float] | None = None,
) -> tuple[str, bool, list[CanvasGeometry]]:
    """(paper id, landscape, pages) for one support of an exercise: one page per item for a
    support printed `each` item, and then a blank one (see needs_blank); the pages laid out
    at `page` (width, height in mm) when given, else at the layout's own size."""
    lang = opts.lang
    layout = resolve(canvas_layout(support.layout).as_data(), ex, support, lang, overrides)
    size, landscape = design_of(support, opts)
    w, h = sheet_mm(size)
    if landscape:
        w, h = h, w
    if page is not None:
        w, h = page
    records: list[Any] = [None]
    if support.each:
        records = list(support_value(ex, support, support.each, lang, overrides or {}) or [])
        if not records:
            return size, landscape, []
        if needs_blank(ex, support):
            records.append(_BLANK)
    if len(records) * max(1, copies) > MAX_CANVASES:
        raise UserError(
            Problem(
                ngettext(
                    "{n} copy of the canvas '{layout}': at most {limit}",
                    "{n} copies of the canvas '{layout}': at most {limit}",
                    len(records) * max(1, copies),
                ).format(
                    n=len(records) * max(1, copies), layout=support.layout, limit=MAX_CANVASES
                ),
                path=f"{ex.id}.supports",
                hint=_("a list or a head count far too large: check the session"),
            )
        )
    pages = []
    for record in records:
        lay = layout
        if layout["kind"] == "form" and (record is not None or "_form" in layout):
            lay = _filled(layout, None if record is _BLANK else record)
        g = geometry(
            lay,
            {},
            lambda v: tr(v, lang) if v else "",
            w,
            h,
            subtitle=subtitle or tr(ex.title, lang),
            wall=support.kind == "canvas",
        )
        g.footer = " · ".join(x for x in (opts.programme, tr(ex.title, lang)) if x)
        pages.append(g)
    return size, landscape, pages * max(1, copies)


_BLANK = object()  # the blank page after the pre-filled ones


def design_of(support: Support, opts: CanvasOptions) -> tuple[str, bool]:
    """The size a support's canvas is designed at, and whether it is landscape."""
    layout = canvas_layout(support.layout)
    size = opts.size or layout.size or ("a4" if support.kind == "sheet" else "a1")
    landscape = opts.landscape if opts.landscape is not None else bool(layout.landscape)
    return size.lower(), landscape


def plan_support(
    support: Support,
    opts: CanvasOptions,
    choice: PrintChoice | None = None,
    where: tuple[str, int | None, int | None] | None = None,
) -> Plan:
    """How a support prints under the kit's paper plan, or as the block's `print:` says."""
    assert opts.office is not None
    size, landscape = design_of(support, opts)
    use = use_of(support.kind, canvas_layout(support.layout).kind, support.per)
    rules = {k: (u.min_scale, u.stretch) for k, u in paper_uses().items()}
    if choice is None:
        return plan_canvas(size, landscape, use, opts.office, sheet_mm, rules)
    for key, value in (("size", choice.size), ("tile", choice.tile)):
        if value is None or value == "none" and key == "tile":
            continue
        try:
            sheet_mm(value)
        except UserError as exc:
            file, line, column = where or (None, None, None)
            raise UserError(
                [
                    Problem(p.message, file, line, column, path=f"print.{key}", hint=p.hint)
                    for p in exc.problems
                ]
            ) from None
    return plan_override(
        size,
        landscape,
        use,
        opts.office,
        sheet_mm,
        choice.size.lower() if choice.size else None,
        choice.tile.lower() if choice.tile else None,
        choice.sheets,
        rules,
    )


def _said_at_the_block(fn: Callable[..., R]) -> Callable[..., R]:
    """A problem found while laying out a block's canvases (a canvas too dense, a glyph the
    font lacks) is said at the block's print choice (`where`), else at the block (`at`), else
    at the exercise's supports."""

    @functools.wraps(fn)
    def placed_at(ex: Exercise, *args: Any, at: Any = None, **kw: Any) -> R:
        try:
            return fn(ex, *args, **kw)
        except UserError as exc:
            where = kw.get("where") or at or exercise_where(ex, ("supports",))
            raise placed(exc, where) from None

    return placed_at


@_said_at_the_block
def canvas_prints(
    ex: Exercise,
    opts: CanvasOptions,
    copies_for: Any = None,
    overrides: dict[str, Any] | None = None,
    variant: str | None = None,
    supports: list[Support] | None = None,
    choice: PrintChoice | None = None,
    where: tuple[str, int | None, int | None] | None = None,
) -> list[CanvasPrint]:
    """Each canvas support of a block under the kit's paper plan, laid out as it prints."""
    out = []
    for s in supports if supports is not None else canvas_supports(ex, variant):
        n = copies_for(s) if copies_for else 1
        plan = plan_support(s, opts, choice, where)
        c = plan.choice
        _, _, pages = pages_for(
            ex, s, opts, 1, overrides, subtitle=opts.programme, page=(c.width, c.height)
        )
        if pages:
            glyph_check(pages, f"{ex.id} / {s.id}")
            out.append(CanvasPrint(s, plan, pages, n))
    return out


def glyph_check(pages: list[CanvasGeometry], where: str) -> None:
    from facilitation.render.pdf import glyph_problems

    items = [
        (
            where,
            " ".join(
                [g.title, g.prompt, g.subtitle, g.subject, g.footer]
                + [z.title + z.prompt + z.value for z in g.zones]
                + [a + b for z in g.zones for a, b, _ in z.details]
                + [lab for _, lab in g.legend]
            ),
        )
        for g in pages
    ]
    problems = glyph_problems(items)
    if problems:
        raise UserError(problems)


@_said_at_the_block
def write_exercise_canvases(
    ex: Exercise,
    opts: CanvasOptions,
    out: Outputs,
    copies_for: Any = None,
    overrides: dict[str, Any] | None = None,
    variant: str | None = None,
    prefix: str = "",
    supports: list[Support] | None = None,
    choice: PrintChoice | None = None,
    where: tuple[str, int | None, int | None] | None = None,
) -> list[Job]:
    """One PDF per paper size and orientation: real size, or tiled onto office sheets.
    Under the kit's paper plan (opts.office), each canvas prints as the plan chooses, and
    those it sends to a print shop are left to `write_shop`."""
    from facilitation.render.canvas_pdf import write_canvases, write_tiled
    from facilitation.render.pdf import Meta

    lang = opts.lang
    if opts.office is not None:
        prints = canvas_prints.__wrapped__(  # placed once, by this function's own wrapper
            ex, opts, copies_for, overrides, variant, supports, choice=choice, where=where
        )
        return write_prints(ex, [p for p in prints if p.choice.how != "real"], opts, out, prefix)
    groups: dict[tuple[str, bool, str, int], list[tuple[Support, list[CanvasGeometry]]]] = {}
    for s in supports if supports is not None else canvas_supports(ex, variant):
        n = copies_for(s) if copies_for else 1
        size, landscape, pages = pages_for(
            ex, s, opts, 1 if opts.copies_in_guide else n, overrides, subtitle=opts.programme
        )
        if not pages:
            continue
        glyph_check(pages, f"{ex.id} / {s.id}")
        key = (size, landscape, s.kind, n if opts.copies_in_guide else 1)
        groups.setdefault(key, []).append((s, pages))
    jobs: list[Job] = []
    seen_names: set[str] = set()
    for (size, landscape, kind, copies), items in groups.items():
        pages = [p for _, p_list in items for p in p_list]
        names = ", ".join(
            dict.fromkeys(tr(s.title, lang) if s.title else s.layout for s, _ in items)
        )
        word = (
            ("canevas" if kind == "canvas" else "fiches")
            if lang == "fr"
            else ("canvas" if kind == "canvas" else "sheets")
        )
        orient = "-paysage" if landscape and lang == "fr" else ("-landscape" if landscape else "")
        meta = Meta(
            title=f"{tr(ex.title, lang)} — {names}", author=opts.programme, subject=ex.id, lang=lang
        )
        tile_to = opts.tile
        if tile_to and size != tile_to:
            sw, sh = sheet_mm(tile_to)
            tiled = []
            for g in pages:
                try:
                    t = tile(
                        g.width, g.height, sw, sh, overlap=opts.overlap, max_sheets=opts.fit_sheets
                    )
                except ValueError as exc:
                    raise UserError(Problem(str(exc), path="--tile")) from None
                tiled.append((g, t))
            on = "sur" if lang == "fr" else "on"
            name = _unique(f"{prefix}{ex.id}-{word}-{size}{orient}-{on}-{tile_to}", seen_names)
            n_pages = write_tiled(out.path(name), tiled, meta, lang)
            jobs.append(
                Job(
                    name,
                    "canvas-tiled",
                    tile_to,
                    "none",
                    n_pages,
                    title=names,
                    sheets=n_pages,
                    copies=copies,
                    cutting="assemble",
                )
            )
        else:
            name = _unique(f"{prefix}{ex.id}-{word}-{size}{orient}", seen_names)
            n_pages = write_canvases(out.path(name), pages, meta, lang)
            jobs.append(
                Job(
                    name,
                    kind,
                    size,
                    "none",
                    n_pages,
                    title=names,
                    sheets=n_pages,
                    cutting="none",
                    copies=copies,
                )
            )
    return jobs


def _word(kind: str, lang: str) -> str:
    if lang == "fr":
        return "canevas" if kind == "canvas" else "fiches"
    return "canvas" if kind == "canvas" else "sheets"


def _orient(landscape: bool, lang: str) -> str:
    return ("-paysage" if lang == "fr" else "-landscape") if landscape else ""


def _tiling_facts(t: Any) -> dict[str, Any]:
    return {"rows": t.rows, "cols": t.cols, "overlap": t.overlap, "tile_scale": t.scale}


def choice_facts(c: Choice) -> dict[str, Any]:
    """A choice as plain data, for the manifest and the printing guide."""
    out: dict[str, Any] = {
        "how": c.how,
        "paper": c.paper,
        "sheets": c.sheets,
        "scale": round(c.scale, 3),
        "width": round(c.width, 1),
        "height": round(c.height, 1),
        "by": c.by,
    }
    if c.tiling is not None:
        out.update(_tiling_facts(c.tiling))
    return out


def plan_facts(cp: CanvasPrint, lang: str) -> dict[str, Any]:
    s, plan = cp.support, cp.plan
    return {
        "canvas": tr(s.title, lang) if s.title else s.layout,
        "size": plan.choice.size,
        "use": plan.use,
        "copies": cp.copies * len(cp.pages),
        "choice": choice_facts(plan.choice),
        "alternatives": [choice_facts(a) for a in plan.alternatives],
    }


def write_prints(
    ex: Exercise, prints: list[CanvasPrint], opts: CanvasOptions, out: Outputs, prefix: str
) -> list[Job]:
    """The files of a block's canvases as planned: one per way of printing (paper, size,
    orientation) and number of copies. Tiled copies go in one file, after one assembly map,
    each copy labelled; a canvas on one sheet is one file printed as many times as needed."""
    from facilitation.render.canvas_pdf import write_canvases, write_tiled
    from facilitation.render.pdf import Meta

    lang = opts.lang
    groups: dict[tuple[Any, ...], list[CanvasPrint]] = {}
    for cp in prints:
        c = cp.choice
        size = c.size if c.how == "tiled" else ""  # one sheet each: the paper is what counts
        key = (c.how, c.paper, size, round(c.width, 1), round(c.height, 1), cp.support.kind)
        key += (cp.copies, canvas_layout(cp.support.layout).handout)
        groups.setdefault(key, []).append(cp)
    jobs: list[Job] = []
    seen: set[str] = set()
    for (how, paper, size, _w, _h, kind, copies, handout), items in groups.items():
        c = items[0].choice
        names = ", ".join(
            dict.fromkeys(
                tr(i.support.title, lang) if i.support.title else i.support.layout for i in items
            )
        )
        meta = Meta(
            title=f"{tr(ex.title, lang)} — {names}", author=opts.programme, subject=ex.id, lang=lang
        )
        pages = [g for i in items for g in i.pages]
        facts = [plan_facts(i, lang) for i in items]
        word = _word(kind, lang)
        if how == "tiled":
            assert c.tiling is not None
            on = "sur" if lang == "fr" else "on"
            land = c.design[0] > c.design[1]
            name = _unique(f"{prefix}{ex.id}-{word}-{size}{_orient(land, lang)}-{on}-{paper}", seen)
            n_pages = write_tiled(
                out.path(name), [(g, c.tiling) for g in pages], meta, lang, copies
            )
            jobs.append(
                Job(
                    name,
                    "canvas-tiled",
                    paper,
                    "none",
                    n_pages,
                    title=names,
                    sheets=n_pages,
                    copies=1,
                    cutting="assemble",
                    plan=facts,
                )
            )
        else:
            name = _unique(f"{prefix}{ex.id}-{word}-{paper}{_orient(c.landscape, lang)}", seen)
            # a set of sheets one team keeps (guide, matrix, journey) goes on both sides of
            # the paper; a handout (a consent form to sign) stays on its own, single-sided,
            # and so do sheets printed one per item (each route sheet goes to another pair)
            each = any(i.support.each for i in items)
            both = kind == "sheet" and len(pages) > 1 and not handout and not each
            duplex = ("short" if c.landscape else "long") if both else "none"
            pref = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge"}.get(duplex)
            n_pages = write_canvases(out.path(name), pages, meta, lang, duplex=pref)
            jobs.append(
                Job(
                    name,
                    kind,
                    paper,
                    duplex,
                    n_pages,
                    title=names,
                    sheets=(n_pages + 1) // 2 if both else n_pages,
                    copies=copies,
                    cutting="none",
                    plan=facts,
                )
            )
    return jobs


def write_shop(
    blocks: list[tuple[Exercise, list[CanvasPrint]]], opts: CanvasOptions, out: Outputs, stem: str
) -> list[Job]:
    """The canvases that print at real size (a print shop, a plotter), every copy of each,
    in one file per paper size."""
    from facilitation.render.canvas_pdf import write_canvases
    from facilitation.render.pdf import Meta

    lang = opts.lang
    by_paper: dict[str, list[tuple[Exercise, CanvasPrint]]] = {}
    for ex, prints in blocks:
        for cp in prints:
            if cp.choice.how == "real":
                by_paper.setdefault(cp.choice.paper, []).append((ex, cp))
    jobs = []
    for paper, items in by_paper.items():
        pages = [g for _, cp in items for _ in range(cp.copies) for g in cp.pages]
        titles = ", ".join(dict.fromkeys(tr(ex.title, lang) for ex, _ in items))
        meta = Meta(title=titles, author=opts.programme, subject=paper.upper(), lang=lang)
        name = f"{stem}-{paper}.pdf"
        n_pages = write_canvases(out.path(name), pages, meta, lang)
        jobs.append(
            Job(
                name,
                "canvas-shop",
                paper,
                "none",
                n_pages,
                title=titles,
                sheets=n_pages,
                cutting="none",
                plan=[plan_facts(cp, lang) for _, cp in items],
            )
        )
    return jobs


def _unique(stem: str, seen: set[str]) -> str:
    name, n = f"{stem}.pdf", 2
    while name in seen:
        name, n = f"{stem}-{n}.pdf", n + 1
    seen.add(name)
    return name


def write_layout(layout_id: str, opts: CanvasOptions, out: Outputs) -> list[Job]:
    """A layout on its own (not through an exercise): labels from the layout's defaults."""
    from facilitation.model.exercise import Support as S

    support = S(id=layout_id, kind="canvas", layout=layout_id)
    fake = Exercise.model_validate(
        {
            "id": layout_id,
            "title": canvas_layout(layout_id).title,
            "duration": 10,
            "steps": [{"title": "-", "minutes": 10, "instructions": "-"}],
            "supports": [support.model_dump()],
        }
    )
    return write_exercise_canvases(fake, opts, out)
