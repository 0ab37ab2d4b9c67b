"""Canvases and A4 sheets of exercises, as print jobs: real size, or tiled on office paper."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs
from facilitation.layout.canvas import CanvasGeometry, geometry
from facilitation.layout.tiling import tile
from facilitation.load.printdata import canvas_layout, sheet_mm
from facilitation.model.exercise import Exercise, Support
from facilitation.model.limits import MAX_CANVASES
from facilitation.plan.supports import canvas_supports, param_value
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext
from facilitation.view.canvas import resolve


@dataclass
class CanvasOptions:
    lang: str = "fr"
    size: str | None = None  # None: each layout's own size
    landscape: bool | None = None
    tile: str | None = None  # a4 | a3 | letter | None (real size)
    overlap: float = 10.0
    fit_sheets: int | None = None
    programme: str = ""
    tile_sheets_only: bool = False  # only tile canvases larger than A3, keep sheets at A4
    copies_in_guide: bool = False  # identical copies: print N copies of one file


def _record_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def pages_for(
    ex: Exercise,
    support: Support,
    opts: CanvasOptions,
    copies: int = 1,
    overrides: dict[str, Any] | None = None,
    subtitle: str = "",
) -> tuple[str, bool, list[CanvasGeometry]]:
    """(paper id, landscape, pages) for one support of an exercise."""
    lang = opts.lang
    layout = resolve(canvas_layout(support.layout).as_data(), ex, support, lang, overrides)
    size = (opts.size or layout.get("size") or ("a4" if support.kind == "sheet" else "a1")).lower()
    landscape = opts.landscape if opts.landscape is not None else bool(layout.get("landscape"))
    w, h = sheet_mm(size)
    if landscape:
        w, h = h, w
    records: list[Any] = [None]
    if support.each:
        records = list(param_value(ex, support.each, lang, overrides or {}) or [])
        if not records:
            return size, landscape, []
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
        if record is not None and layout["kind"] == "form":
            lay = dict(layout)
            lay["_form"] = [
                {
                    **row,
                    "fields": [
                        {
                            **f,
                            "value": _record_text(record.get(f.get("value_key")))
                            if isinstance(record, dict) and f.get("value_key")
                            else f.get("value", ""),
                        }
                        for f in row["fields"]
                    ],
                }
                for row in layout["_form"]
            ]
        g = geometry(
            lay,
            {},
            lambda v: tr(v, lang) if v else "",
            w,
            h,
            subtitle=subtitle or tr(ex.title, lang),
        )
        g.footer = " · ".join(x for x in (opts.programme, tr(ex.title, lang)) if x)
        pages.append(g)
    return size, landscape, pages * max(1, copies)


def glyph_check(pages: list[CanvasGeometry], where: str) -> None:
    from facilitation.render.pdf import glyph_problems

    items = [
        (
            where,
            " ".join(
                [g.title, g.prompt, g.subtitle, g.footer]
                + [z.title + z.prompt + z.value for z in g.zones]
                + [lab for _, lab in g.legend]
            ),
        )
        for g in pages
    ]
    problems = glyph_problems(items)
    if problems:
        raise UserError(problems)


def write_exercise_canvases(
    ex: Exercise,
    opts: CanvasOptions,
    out: Outputs,
    copies_for: Any = None,
    overrides: dict[str, Any] | None = None,
    variant: str | None = None,
    prefix: str = "",
    supports: list[Support] | None = None,
) -> list[Job]:
    """One PDF per paper size and orientation: real size, or tiled onto office sheets."""
    from facilitation.render.canvas_pdf import write_canvases, write_tiled
    from facilitation.render.pdf import Meta

    lang = opts.lang
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
        if tile_to and opts.tile_sheets_only and sheet_mm(size)[0] <= sheet_mm(tile_to)[0] + 1:
            tile_to = None  # already fits the office printer
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
            per = tiled[0][1]
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
                    cutting=f"assemble {len(tiled)} × {per.rows * per.cols} tiles "
                    f"({per.overlap:g} mm overlap, map on each first page)",
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
