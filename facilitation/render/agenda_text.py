"""Markdown, HTML and iCalendar agendas.

Templates are jinja2 files found by name: first in the user's template folders, then the
built-in ones, so `agenda.md.j2` in a user folder replaces ours. They run in a sandbox with
strict undefined variables, since template folders may come from other programmes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from facilitation.errors import Problem, UserError
from facilitation.plan import Plan
from facilitation.resources import PACKAGE_ROOT
from facilitation.typography import typeset


def _typeset_tree(value: Any, lang: str) -> Any:
    if isinstance(value, str):
        return typeset(value, lang)
    if isinstance(value, list):
        return [_typeset_tree(v, lang) for v in value]
    if isinstance(value, dict):
        return {
            k: (
                _typeset_tree(v, lang)
                if k not in ("date", "kind", "lang", "audience", "exercise", "logistics")
                else v
            )
            for k, v in value.items()
        }
    return value


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def environment(template_dirs: list[Path], html: bool) -> SandboxedEnvironment:
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
        if template_dirs
        else [] + [jinja2.FileSystemLoader(str(PACKAGE_ROOT / "templates"))]
    )
    env = SandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["md"] = _md
    return env


def render_template(name: str, view: dict[str, Any], template_dirs: list[Path], html: bool) -> str:
    env = environment(template_dirs, html)
    lang = view["lang"]
    data = _typeset_tree(view, lang)
    data["colon"] = "\u00a0: " if lang == "fr" else ": "
    try:
        template = env.get_template(name)
        return template.render(**data)
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(
            Problem(f"template error: {exc.message}", file=exc.filename or name, line=exc.lineno)
        ) from None
    except jinja2.UndefinedError as exc:
        raise UserError(
            Problem(
                f"template error: {exc.message}",
                file=name,
                hint="the template uses a name the agenda does not have",
            )
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise UserError(Problem(f"template refused: {exc}", file=name)) from None


def render_ics(plan: Plan, view: dict[str, Any]) -> bytes:
    """An iCalendar file: one event per block (per track block for parallel tracks)."""
    from icalendar import Calendar, Event

    session = plan.session
    try:
        tz = ZoneInfo(session.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            Problem(
                f"unknown time zone '{session.timezone}'",
                path="timezone",
                hint="for example Europe/Paris",
            )
        ) from None
    cal = Calendar()
    cal.add("prodid", "-//facilitation//agenda//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{view['heading']} — {view['title']}")
    first = session.days[0].date
    stamp = dt.datetime(first.year, first.month, first.day, tzinfo=dt.timezone.utc)
    seed = f"{session.programme}|{view['title']}"
    for day, dview in zip(plan.days, view["days"], strict=True):
        for row in dview["rows"]:
            subrows = [(row, "")]
            if row["tracks"]:
                subrows = [(x, t["name"]) for t in row["tracks"] for x in t["rows"]]
            for r, track in subrows:
                ev = Event()
                summary = f"{track} — {r['title']}" if track else r["title"]
                ev.add("summary", summary)
                d = day.day.date
                start = dt.datetime(
                    d.year, d.month, d.day, r["start"] // 60, r["start"] % 60, tzinfo=tz
                )
                end = dt.datetime(
                    d.year,
                    d.month,
                    d.day,
                    min(r["end"] // 60, 23),
                    r["end"] % 60 if r["end"] < 24 * 60 else 59,
                    tzinfo=tz,
                )
                ev.add("dtstart", start)
                ev.add("dtend", end)
                ev.add("dtstamp", stamp)
                uid = hashlib.sha1(f"{seed}|{d}|{r['start']}|{summary}".encode()).hexdigest()[:20]
                ev.add("uid", f"{uid}@facilitation")
                location = ", ".join(x for x in (r["room"], dview["place"]) if x)
                if location:
                    ev.add("location", location)
                desc = r["purpose"]
                if desc:
                    ev.add("description", desc)
                cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
