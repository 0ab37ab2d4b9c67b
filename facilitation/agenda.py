"""`facilitation agenda`: every agenda output of a session, written all at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.output import Outputs
from facilitation.plan import Plan
from facilitation.printdata import sheet_size

FORMATS = ("pdf", "md", "html", "ics")


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
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "session"


def agenda_glyph_check(view: dict[str, Any]) -> None:
    from facilitation.render.pdf import glyph_problems

    items: list[tuple[str, str]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            items.append((path, value))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}" if path else k)

    walk(view["days"], "agenda")
    problems = glyph_problems(items)
    if problems:
        raise UserError(problems)


def write_agenda(
    plan: Plan,
    out: Outputs,
    lang: str,
    paper: str = "a4",
    formats: tuple[str, ...] = FORMATS,
    template_dirs: list[Path] | None = None,
    wall: str = "a3",
    prefix: str = "",
) -> list[Written]:
    """Write the agenda files into an open Outputs; return what was written."""
    from facilitation.render.agenda_view import agenda_view

    view = agenda_view(plan, lang)
    base = prefix + slug(f"{plan.session.programme}-{plan.session.number or ''}")
    written: list[Written] = []
    if "pdf" in formats:
        from facilitation.render.agenda_pdf import participants_pdf, runsheet_pdf, wall_pdf

        agenda_glyph_check(view)
        size = sheet_size(paper)
        for kind, fn, sz, name in (
            ("agenda", participants_pdf, size, f"{base}-agenda-{lang}.pdf"),
            (
                "runsheet",
                runsheet_pdf,
                size,
                f"{base}-deroule-{lang}.pdf" if lang == "fr" else f"{base}-runsheet-{lang}.pdf",
            ),
            (
                "wall",
                wall_pdf,
                sheet_size(wall),
                f"{base}-mural-{lang}.pdf" if lang == "fr" else f"{base}-wall-{lang}.pdf",
            ),
        ):
            fn(view, out.path(name), sz)
            written.append(Written(name, kind, paper=wall if kind == "wall" else paper))
    if "md" in formats or "html" in formats:
        from facilitation.render.agenda_text import render_template

        if "md" in formats:
            name = f"{base}-agenda-{lang}.md"
            text = render_template("agenda.md.j2", view, template_dirs or [], html=False)
            out.path(name).write_text(text, encoding="utf-8")
            written.append(Written(name, "markdown"))
        if "html" in formats:
            name = f"{base}-agenda-{lang}.html"
            text = render_template("agenda.html.j2", view, template_dirs or [], html=True)
            out.path(name).write_text(text, encoding="utf-8")
            written.append(Written(name, "html"))
    if "ics" in formats:
        from facilitation.render.agenda_text import render_ics

        name = f"{base}-{lang}.ics"
        out.path(name).write_bytes(render_ics(plan, view))
        written.append(Written(name, "icalendar"))
    return written


def parse_formats(value: str) -> tuple[str, ...]:
    parts = tuple(p.strip().lower() for p in value.split(",") if p.strip())
    if "all" in parts:
        return FORMATS
    bad = [p for p in parts if p not in FORMATS]
    if bad or not parts:
        raise UserError(
            Problem(
                f"unknown format '{bad[0] if bad else value}'",
                path="--format",
                hint="choose among pdf, md, html, ics (comma-separated) or all",
            )
        )
    return parts
