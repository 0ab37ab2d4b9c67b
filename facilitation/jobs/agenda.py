"""`facilitation agenda`: every agenda output of a session, written all at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from facilitation.errors import UserError
from facilitation.jobs.output import Outputs, format_list
from facilitation.plan.timeline import Plan

FORMATS = ("pdf", "md", "html", "ics")
MAX_SLUG = 60
MAX_CALENDAR_BYTES = 5_000_000  # a calendar written before, read for its SEQUENCE numbers


@dataclass
class Written:
    name: str
    kind: str
    pages: int = 0
    paper: str = ""


def slug(text: str) -> str:
    import re
    import unicodedata

    norm = unicodedata.normalize("NFKD", text)
    ascii_ = "".join(c for c in norm if not unicodedata.combining(c)).lower()
    slugged = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    return slugged[:MAX_SLUG].strip("-") or "session"  # a part of a file name: kept short


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Any:
    """(path, text) for every string in nested lists and mappings."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))


def agenda_glyph_check(view: dict[str, Any], plan: Plan | None = None) -> None:
    """Characters the font cannot draw: first in the session file, where they can be shown
    at their line; then anywhere in the agenda (texts of exercises, for instance)."""
    from facilitation.load.yamlio import format_path
    from facilitation.render.pdf import glyph_problems

    if plan is not None:
        strings = list(_strings(plan.loaded.doc.data))
        paths = {format_path(path): path for path, _ in strings}
        problems = []
        for p in glyph_problems([(format_path(path), text) for path, text in strings]):
            file, line, column = plan.loaded.where(paths[p.path])
            problems.append(replace(p, file=file, line=line, column=column))
        if problems:
            raise UserError(problems)
    items = [
        (format_path(path), text)
        for path, text in _strings({k: v for k, v in view.items() if k != "words"})
    ]
    problems = glyph_problems(items)
    if problems:
        raise UserError(problems)


def agenda_parts(
    plan: Plan,
    lang: str,
    paper: str = "a4",
    formats: tuple[str, ...] = FORMATS,
    template_dirs: list[Path] | None = None,
    wall: str = "a3",
    prefix: str = "",
    view: dict[str, Any] | None = None,
    theme: str = "default",
    wall_form: str = "timeline",
    agenda_form: str = "list",
) -> list[tuple[str, Callable[[Outputs], list[Written]]]]:
    """The agenda files as separate pieces of work, (kind, write), in the order they are
    listed; each `write(out)` writes its file(s) and says what it wrote. The pieces are
    independent, so that the kit can share them out between processes. `theme`: the
    colours and pictograms (cards/themes.yaml); `wall_form` and `agenda_form`: `timeline`
    (each block as tall as it lasts) or `list`."""
    from facilitation.view.agenda import agenda_view

    view = view or agenda_view(plan, lang)
    base = prefix + slug(f"{plan.session.programme}-{plan.session.number or ''}")
    parts: list[tuple[str, Callable[[Outputs], list[Written]]]] = []
    fr = lang == "fr"
    if "pdf" in formats:
        agenda_glyph_check(view, plan)
        for kind, sheet, name in (
            ("agenda", paper, f"{base}-agenda-{lang}.pdf"),
            ("runsheet", paper, f"{base}-{'deroule' if fr else 'runsheet'}-{lang}.pdf"),
            ("wall", wall, f"{base}-{'mural' if fr else 'wall'}-{lang}.pdf"),
        ):

            def pdf(out: Outputs, kind: str = kind, sheet: str = sheet, name: str = name) -> Any:
                from facilitation.load.printdata import theme as load_theme
                from facilitation.render import agenda_pdf
                from facilitation.render.pdf import sheet_size

                th = load_theme(theme)
                target, size = out.path(name), sheet_size(sheet)
                if kind == "agenda":
                    agenda_pdf.participants_pdf(view, target, size, th, form=agenda_form)
                elif kind == "wall":
                    agenda_pdf.wall_pdf(view, target, size, th, form=wall_form)
                else:
                    agenda_pdf.runsheet_pdf(view, target, size, th)
                return [Written(name, kind, paper=sheet)]

            parts.append((kind, pdf))
    for fmt, kind in (("md", "markdown"), ("html", "html")):
        if fmt in formats:

            def text(out: Outputs, fmt: str = fmt, kind: str = kind) -> list[Written]:
                from facilitation.render.agenda_text import render_template

                name = f"{base}-agenda-{lang}.{fmt}"
                body = render_template(
                    f"agenda.{fmt}.j2", view, template_dirs or [], html=fmt == "html"
                )
                out.path(name).write_text(body, encoding="utf-8")
                return [Written(name, kind)]

            parts.append((kind, text))
    if "ics" in formats:

        def ics(out: Outputs) -> list[Written]:
            """One calendar, or one per group when parallel tracks split the group (each
            with the plenary blocks). A calendar written before in the same folder gives
            the events' SEQUENCE (see render_ics)."""
            from facilitation.render.agenda_text import calendar_groups, render_ics

            written = []
            groups: list[tuple[str | None, str]] = [
                (key, f"{base}-{lang}-{key}.ics") for key, _name in calendar_groups(view)
            ] or [(None, f"{base}-{lang}.ics")]
            for group, name in groups:
                previous = _previous_calendar(out.target / name)
                out.path(name).write_bytes(render_ics(plan, view, group, previous))
                written.append(Written(name, "icalendar"))
            return written

        parts.append(("icalendar", ics))
    return parts


def write_agenda(plan: Plan, out: Outputs, lang: str, **options: Any) -> list[Written]:
    """Write the agenda files into an open Outputs; return what was written. The options
    are agenda_parts' (paper, formats, template_dirs, wall, prefix). The agenda speaks `lang`:
    the run's language is set to it, as the kit does (its words come from the catalogue)."""
    from facilitation.text.messages import set_language

    set_language(lang)
    return [w for _kind, write in agenda_parts(plan, lang, **options) for w in write(out)]


def parse_formats(value: str) -> tuple[str, ...]:
    return format_list(value, FORMATS)


def _previous_calendar(path: Path) -> bytes | None:
    """The calendar written before into the output folder, if it is a regular file of a
    sensible size (else none: the events start again at SEQUENCE 0)."""
    from facilitation.load.files import read_regular

    if not path.is_file():
        return None
    try:
        return read_regular(path, MAX_CALENDAR_BYTES)
    except UserError:
        return None
