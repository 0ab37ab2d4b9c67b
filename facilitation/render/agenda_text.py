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

from jinja2.sandbox import SandboxedEnvironment

from facilitation.errors import Problem, UserError
from facilitation.plan.timeline import Plan
from facilitation.render import templates
from facilitation.text.typography import typeset


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
    """The user's template folders first, then the built-in templates (render/templates.py
    says how user templates are read and run)."""
    env = templates.environment(template_dirs, html)
    env.filters["md"] = _md
    return env


def render_template(name: str, view: dict[str, Any], template_dirs: list[Path], html: bool) -> str:
    env = environment(template_dirs, html)
    lang = view["lang"]
    data = _typeset_tree(view, lang)
    data["colon"] = "\u00a0: " if lang == "fr" else ": "
    return templates.render(env, name, data)


def ics_text(value: str) -> str:
    """A TEXT value of RFC 5545: backslash, semicolon, comma and line breaks escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def ics_line(line: str) -> bytes:
    """One content line, folded every 75 octets without cutting a UTF-8 character."""
    data = line.encode("utf-8")
    out, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while end > start and (data[end] & 0xC0) == 0x80:  # inside a character: step back
            end -= 1
        out.append(data[start:end])
        start, limit = end, 74  # continuation lines begin with a space
    out.append(data[start:])
    return b"\r\n ".join(out) + b"\r\n"


def render_ics(plan: Plan, view: dict[str, Any]) -> bytes:
    """An iCalendar file: one event per block (per track block for parallel tracks).

    Times are written in UTC, which every calendar shows in its own time zone, so the file
    needs no time-zone definitions; the session's time zone turns its local times into UTC.
    Written here rather than with a library: it is a few lines of a simple format, and the
    tests read it back with the icalendar package."""
    session = plan.session
    try:
        tz = ZoneInfo(session.timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UserError(
            Problem(
                f"unknown time zone '{session.timezone}'",
                path="timezone",
                hint="for example Europe/Paris",
            )
        ) from None

    def utc(moment: dt.datetime) -> str:
        return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    first = session.days[0].date
    stamp = dt.datetime(first.year, first.month, first.day, tzinfo=dt.timezone.utc)
    seed = f"{session.programme}|{view['title']}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//facilitation//agenda//FR",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ics_text(view['heading'] + ' — ' + view['title'])}",
    ]
    for day, dview in zip(plan.days, view["days"], strict=True):
        for row in dview["rows"]:
            subrows = [(row, "")]
            if row["tracks"]:
                subrows = [(x, t["name"]) for t in row["tracks"] for x in t["rows"]]
            for r, track in subrows:
                summary = f"{track} — {r['title']}" if track else r["title"]
                d = day.day.date
                # minutes since the day's midnight, past 24:00 for an evening that runs late
                start = _local(d, r["start"], tz)
                end = _local(d, max(r["end"], r["start"]), tz)
                uid = hashlib.sha1(f"{seed}|{d}|{r['start']}|{summary}".encode()).hexdigest()[:20]
                lines += [
                    "BEGIN:VEVENT",
                    f"UID:{uid}@facilitation",
                    f"DTSTAMP:{utc(stamp)}",
                    f"DTSTART:{utc(start)}",
                    f"DTEND:{utc(end)}",
                    f"SUMMARY:{ics_text(summary)}",
                ]
                location = ", ".join(x for x in (r["room"], dview["place"]) if x)
                if location:
                    lines.append(f"LOCATION:{ics_text(location)}")
                if r["purpose"]:
                    lines.append(f"DESCRIPTION:{ics_text(r['purpose'])}")
                lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join(ics_line(line) for line in lines)


def _local(day: dt.date, minutes: int, tz: ZoneInfo) -> dt.datetime:
    """The local time `minutes` after the day's midnight (the next day past 24:00)."""
    naive = dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=minutes)
    return naive.replace(tzinfo=tz)
