"""The warnings a facilitator wants the day before: days running late, long stretches without
a break, no lunch, durations out of range, groups the head count cannot make, texts missing in
the kit's language. Each check reads the timed plan; none changes it."""

from __future__ import annotations

from typing import Any

from facilitation.errors import Problem
from facilitation.load.sessions import LoadedSession
from facilitation.load.yamlio import format_path
from facilitation.model.session import minutes_of
from facilitation.model.types import Configuration
from facilitation.model.words import logistics_label
from facilitation.plan.timeline import DayPlan, Slot
from facilitation.text.dates import hm
from facilitation.text.durations import format_duration
from facilitation.text.i18n import is_localized
from facilitation.text.messages import _, language, ngettext


def _duration(minutes: int) -> str:
    """A duration as a message says it, in the run's language (plain spaces)."""
    return format_duration(minutes, language()).replace("\u00a0", " ")


BREAK_AFTER = 120  # minutes of work before a break is due
BREAK_GAP = 10  # an idle gap this long counts as a break
LUNCH_WINDOW = (12 * 60, 14 * 60)


def friendly_path(session: Any, path: tuple[Any, ...]) -> str:
    """'day 1, block 3 (points-de-contact)' rather than days[0].blocks[2]."""
    if len(path) < 2 or path[0] != "days":
        return format_path(path)
    parts = [_("day {n}").format(n=path[1] + 1)]
    rest = path[2:]
    node: Any = session.days[path[1]]
    while len(rest) >= 2 and rest[0] == "blocks":
        node = node.blocks[rest[1]]
        if node.exercise:
            name = node.exercise
        elif node.logistics:
            name = logistics_label(node.logistics)
        else:
            name = _("parallel tracks") if node.tracks else _("free block")
        parts.append(_("block {n} ({name})").format(n=rest[1] + 1, name=name))
        rest = rest[2:]
    text = ", ".join(parts)
    if rest:
        text = _("{place}: {field}").format(place=text, field=format_path(rest))
    return text


def check_block(slot: Slot, warn: Any) -> None:
    ex, block = slot.exercise, slot.block
    if ex is None:
        return
    d = ex.duration
    if block.duration is not None and not (d.min or 0) <= block.duration <= (d.max or 10**6):
        warn(
            slot.path + ("duration",),
            _("{duration} is outside the range of '{id}' ({min} to {max})").format(
                duration=_duration(block.duration),
                id=ex.id,
                min=_duration(d.min or 0),
                max=_duration(d.max or 0),
            ),
            _("change the duration, or check that the exercise can be run that way"),
        )
    if ex.arc == "logistics":
        return
    n = slot.people
    g = ex.group_size
    if n < g.min:
        warn(
            slot.path,
            _("'{id}' needs at least {min}; {here}").format(
                id=ex.id, min=people(g.min), here=taking_part(n)
            ),
        )
    elif g.max is not None and n > g.max:
        warn(
            slot.path,
            _("'{id}' works with at most {max}; {here}").format(
                id=ex.id, max=people(g.max), here=taking_part(n)
            ),
            _("split the group, or run it in parallel tracks"),
        )
    conf = block.split or ex.configuration
    why = configuration_problem(conf, n)
    if why:
        warn(slot.path + (("split",) if block.split else ()), why)


def people(n: int) -> str:
    return ngettext("{n} person", "{n} people", n).format(n=n)


def taking_part(n: int) -> str:
    return ngettext("{n} takes part here", "{n} take part here", n).format(n=n)


def configuration_problem(conf: Configuration, n: int) -> str | None:
    if conf.kind == "pairs":
        if n < 2:
            return _("pairs need at least 2 people; {here}").format(here=taking_part(n))
        if n % 2:
            return _("{n} people do not make pairs: one trio, or a facilitator joins in").format(
                n=n
            )
    elif conf.kind == "groups":
        if conf.size and n < conf.size:
            return _("groups of {size} need at least {need}; {here}").format(
                size=conf.size, need=people(conf.size), here=taking_part(n)
            )
        if conf.count and n < 2 * conf.count:
            return ngettext(
                "{count} group needs at least {need}; {here}",
                "{count} groups need at least {need}; {here}",
                conf.count,
            ).format(count=conf.count, need=people(2 * conf.count), here=taking_part(n))
    return None


def check_day(plan: DayPlan, path: tuple[Any, ...], warn: Any) -> None:
    day = plan.day
    end = minutes_of(day.end)
    if plan.end > end:
        last = plan.slots[-1]
        warn(
            last.path,
            _("the day runs until {time}, past its end at {end}").format(
                time=hm(plan.end), end=hm(end)
            ),
            _("shorten or drop a block, or move the end of the day"),
        )
    # work without a break
    since = plan.start
    t = plan.start
    reported = False
    for slot in plan.slots:
        if slot.start - t >= BREAK_GAP:
            since, reported = slot.start, False
        if slot.is_break():
            since, reported = slot.end, False
        elif slot.end - since > BREAK_AFTER + 10 and not reported:
            warn(
                slot.path,
                _("{duration} without a break (from {start} to {end})").format(
                    duration=_duration(slot.end - since), start=hm(since), end=hm(slot.end)
                ),
                _("add a break (logistics: break) before this block"),
            )
            reported = True
        t = slot.end
    # lunch
    lo, hi = LUNCH_WINDOW
    full = plan.start <= lo and max(plan.end, end) >= hi
    if full and not any(s.block.logistics == "lunch" for s in plan.slots):
        warn(
            path,
            _("no lunch on a full day ({start} to {end})").format(
                start=hm(plan.start), end=hm(max(plan.end, end))
            ),
            _("add a block 'logistics: lunch'"),
        )


def language_warnings(loaded: LoadedSession, lang: str) -> list[Problem]:
    """Texts of the session given in some languages but not in `lang`: {fr: ...} alone in an
    English kit prints the French. (A plain text is taken as written, in whatever language.)"""
    out: list[Problem] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if is_localized(value):
            given = [k for k in value if value[k] not in (None, "", [])]
            if value.get(lang) in (None, "", []) and given:
                used = given[0]
                file, line, col = loaded.where(path)
                message = (
                    _("no French text here: the French kit prints the English")
                    if lang == "fr"
                    else _("no English text here: the English kit prints the French")
                )
                out.append(
                    Problem(
                        message,
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(path),
                        hint=_("add '{lang}:' beside '{used}:'").format(lang=lang, used=used),
                        severity="warning",
                    )
                )
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    walk(loaded.doc.data, ())
    return out
