"""Markdown, HTML and iCalendar agendas.

Templates are jinja2 files found by name: first in the user's template folders, then the
built-in ones, so `agenda.md.j2` in a user folder replaces ours. They run in a sandbox with
strict undefined variables, since template folders may come from other programmes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2.sandbox import SandboxedEnvironment

from facilitation.errors import Problem, UserError
from facilitation.plan.timeline import Plan
from facilitation.render import templates
from facilitation.text.messages import _
from facilitation.text.typography import typeset


@lru_cache(maxsize=16384)
def _typeset(text: str, lang: str) -> str:
    """Typography of one text, kept: an agenda's view holds the same texts many times over,
    and the Markdown and HTML agendas typeset the same view."""
    return typeset(text, lang)


def _typeset_tree(value: Any, lang: str) -> Any:
    if isinstance(value, str):
        return _typeset(value, lang)
    if isinstance(value, list):
        return [_typeset_tree(v, lang) for v in value]
    if isinstance(value, dict):
        return {
            k: (
                _typeset_tree(v, lang)
                if k
                not in (
                    "date",
                    "kind",
                    "lang",
                    "audience",
                    "exercise",
                    "logistics",
                    "key",
                    "id",
                    "group",
                    "setting",
                    "timing",
                )
                else v
            )
            for k, v in value.items()
        }
    return value


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


_ENVIRONMENTS: dict[tuple[tuple[str, ...], bool], SandboxedEnvironment] = {}


def environment(template_dirs: list[Path], html: bool) -> SandboxedEnvironment:
    """The user's template folders first, then the built-in templates (render/templates.py
    says how user templates are read and run). Built once per folders and kind, with the
    templates it has compiled: a template is compiled again only when its file changes.
    Why: building the environment and compiling the agenda's templates took about 70 ms of
    every agenda (and of every rebuild of `watch`)."""
    key = (tuple(str(Path(d).resolve()) for d in template_dirs), html)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = templates.environment(template_dirs, html)
        env.filters["md"] = _md
        _ENVIRONMENTS[key] = env
    return env


def render_template(name: str, view: dict[str, Any], template_dirs: list[Path], html: bool) -> str:
    env = environment(template_dirs, html)
    lang = view["lang"]
    data = _typeset_tree(view, lang)
    data["colon"] = "\u00a0: " if lang == "fr" else ": "  # typography
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


def calendar_groups(view: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, name) of each group that parallel tracks split the session into (a track's
    `group`, else the track itself), in the order they first appear; none without tracks."""
    out: dict[str, str] = {}
    for day in view["days"]:
        for r in day["rows"]:
            for t in r["tracks"]:
                out.setdefault(t["group"], t["name"])
    return list(out.items())


def _previous_events(previous: bytes | None) -> dict[str, tuple[int, list[str]]]:
    """UID -> (SEQUENCE, the event's other lines) of a calendar written before."""
    if not previous:
        return {}
    text = previous.decode("utf-8", errors="replace").replace("\r\n ", "").replace("\n ", "")
    out: dict[str, tuple[int, list[str]]] = {}
    event: list[str] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if line == "BEGIN:VEVENT":
            event = []
        elif line == "END:VEVENT" and event is not None:
            uid = next((x[4:] for x in event if x.startswith("UID:")), None)
            seq = next((x[9:] for x in event if x.startswith("SEQUENCE:")), "0")
            if uid:
                rest = [x for x in event if not x.startswith(("UID:", "SEQUENCE:", "DTSTAMP:"))]
                out[uid] = (int(seq) if seq.isdigit() else 0, rest)
            event = None
        elif event is not None:
            event.append(line)
    return out


def _half_days(rows: list[dict[str, Any]], lang: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """A day's rows as half-days: the morning before lunch, the afternoon, the evening."""
    from facilitation.text.messages import _

    lunch = next(
        (r["start"] for r in rows if r["logistics"] == "lunch" and 11 * 60 <= r["start"] < 15 * 60),
        13 * 60,
    )
    parts: dict[str, list[dict[str, Any]]] = {"morning": [], "afternoon": [], "evening": []}
    for r in rows:
        if r["logistics"] == "lunch":
            continue
        key = "morning" if r["start"] < lunch else "afternoon"
        if r["start"] >= 18 * 60 + 30:
            key = "evening"
        parts[key].append(r)
    names = {"morning": _("Morning"), "afternoon": _("Afternoon"), "evening": _("Evening")}
    return [(names[k], v) for k, v in parts.items() if v]


def render_ics(
    plan: Plan,
    view: dict[str, Any],
    group: str | None = None,
    previous: bytes | None = None,
) -> bytes:
    """An iCalendar file of the participants' blocks: one event per block, per track block
    of `group` where tracks split the group (the other tracks' blocks as one event), per
    half-day where times are indicative. Events inside a block are in its description.

    Each event's UID comes from the block's identity (its `id`, or its day, track, kind and
    rank among the same), so that it stays when other blocks move; with the calendar written
    before (`previous`), an event that changed gets the next SEQUENCE and one that is gone is
    sent as cancelled, so that a re-sent invitation updates calendars instead of adding to
    them.

    Times are written in UTC, which every calendar shows in its own time zone, so the file
    needs no time-zone definitions; the session's time zone turns its local times into UTC.
    Written here rather than with a library: it is a few lines of a simple format, and the
    tests read it back with the icalendar package."""
    session = plan.session
    lang = view["lang"]
    try:
        tz = ZoneInfo(session.timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UserError(
            Problem(
                _("unknown time zone '{zone}'").format(zone=session.timezone),
                path="timezone",
                hint=_("for example Europe/Paris"),
            )
        ) from None

    def utc(moment: dt.datetime) -> str:
        return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    def local(d: dt.date, minutes: int) -> dt.datetime:
        return dt.datetime(d.year, d.month, d.day, tzinfo=tz) + dt.timedelta(minutes=minutes)

    first = session.days[0].date
    stamp = dt.datetime(first.year, first.month, first.day, tzinfo=dt.timezone.utc)
    seed = f"{session.programme}|{session.number or ''}|{group or ''}"
    colon = "\u00a0: " if lang == "fr" else ": "
    name = view["heading"] + " — " + view["title"]
    groups = dict(calendar_groups(view))
    if group:
        name += " — " + groups.get(group, group)
    events: list[tuple[str, list[str]]] = []  # (uid, lines between BEGIN and END)

    def add(
        key: str,
        d: dt.date,
        start: int,
        end: int,
        summary: str,
        r: dict[str, Any],
        extra: list[str],
    ) -> None:
        uid = hashlib.sha1(f"{seed}|{key}".encode()).hexdigest()[:24] + "@facilitation"
        lines = [
            f"DTSTART:{utc(local(d, start))}",
            f"DTEND:{utc(local(d, max(start, end)))}",
            f"SUMMARY:{ics_text(summary)}",
        ]
        location = ", ".join(x for x in (r.get("place_name", ""), r.get("address", "")) if x)
        if location:
            lines.append(f"LOCATION:{ics_text(location)}")
        text = [x for x in extra if x]
        if text:
            lines.append("DESCRIPTION:" + ics_text("\n".join(text)))
        events.append((uid, lines))

    def details(r: dict[str, Any]) -> list[str]:
        out = []
        if r["room_name"]:
            out.append(view["words"]["room"] + colon + r["room_name"])
        if r["purpose"]:
            out.append(r["purpose"])
        for e in r["events"]:
            if e["audience"] != "facilitators":
                out.append(f"{e['shown_time']} · {e['title']}")
        if r["before"]:
            out.append(view["words"]["before"] + colon + "; ".join(r["before"]))
        if r["after"]:
            out.append(view["words"]["after"] + colon + "; ".join(r["after"]))
        return out

    for day, dview in zip(plan.days, view["days"], strict=True):
        d = day.day.date
        rows = [r for r in dview["rows"] if r["audience"] != "facilitators"]
        if dview["timing"] != "exact":
            for label, part in _half_days(rows, lang):
                lines = []
                for r in part:
                    lines.append(r["title"])
                    for tr_ in r["tracks"]:
                        if group is None or tr_["group"] == group:
                            lines += [
                                f"{tr_['name']}{colon}{x['title']}"
                                for x in tr_["rows"]
                                if x["audience"] != "facilitators"
                            ]
                here = {**part[0], "room": ""}
                add(
                    f"{d}|half|{label}",
                    d,
                    part[0]["start"],
                    max(x["end"] for x in part),
                    f"{label} — {view['programme']}",
                    here,
                    [dview["timing_note"]] + lines,
                )
            continue
        for r in rows:
            mine = [t for t in r["tracks"] if t["group"] == group] if group else []
            if mine:
                for t in mine:
                    for x in t["rows"]:
                        if x["audience"] == "facilitators":
                            continue
                        add(
                            x["key"],
                            d,
                            x["start"],
                            x["end"],
                            f"{t['name']} — {x['title']}",
                            {
                                **x,
                                "place_name": x["place_name"] or r["place_name"],
                                "address": x["address"] or r["address"],
                            },
                            details(x),
                        )
            elif r["tracks"]:
                add(
                    r["key"],
                    d,
                    r["start"],
                    r["end"],
                    r["title"],
                    r,
                    details(r)
                    + [
                        f"{t['name']}{colon}"
                        + "; ".join(
                            x["title"] for x in t["rows"] if x["audience"] != "facilitators"
                        )
                        for t in r["tracks"]
                    ],
                )
            else:
                add(r["key"], d, r["start"], r["end"], r["title"], r, details(r))
    before = _previous_events(previous)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//facilitation//agenda//FR",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ics_text(name)}",
    ]
    seen = set()
    for uid, body in events:
        seen.add(uid)
        seq = 0
        if uid in before:
            old_seq, old = before[uid]
            seq = old_seq if old == body else old_seq + 1
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{utc(stamp)}", f"SEQUENCE:{seq}"]
        lines += body
        lines.append("END:VEVENT")
    for uid, (old_seq, old) in before.items():  # gone since: cancelled, so calendars drop it
        if uid in seen:
            continue
        cancelled = "STATUS:CANCELLED" in old
        body = old if cancelled else old + ["STATUS:CANCELLED"]
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{utc(stamp)}"]
        lines += [f"SEQUENCE:{old_seq if cancelled else old_seq + 1}"] + body + ["END:VEVENT"]
    lines.append("END:VCALENDAR")
    return b"".join(ics_line(line) for line in lines)
