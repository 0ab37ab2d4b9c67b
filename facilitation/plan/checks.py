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
from facilitation.plan.supports import missing_pictures
from facilitation.plan.timeline import DayPlan, Slot
from facilitation.text.dates import hm
from facilitation.text.durations import format_duration
from facilitation.text.i18n import is_localized, tr
from facilitation.text.messages import _, language, ngettext

BREAK_AFTER = 120  # minutes of work before a break is due
BREAK_GAP = 10  # an idle gap this long counts as a break
LUNCH_WINDOW = (12 * 60, 14 * 60)


def friendly_path(session: Any, path: tuple[Any, ...]) -> str:
    """'day 1, block 3 (points-de-contact)' rather than days[0].blocks[2]."""
    if len(path) < 2 or path[0] != "days":
        return format_path(path)
    parts = [f"day {path[1] + 1}"]
    rest = path[2:]
    node: Any = session.days[path[1]]
    while len(rest) >= 2 and rest[0] == "blocks":
        node = node.blocks[rest[1]]
        name = node.exercise or node.logistics or ("tracks" if node.tracks else "free")
        parts.append(f"block {rest[1] + 1} ({name})")
        rest = rest[2:]
    text = ", ".join(parts)
    if rest:
        text += ": " + format_path(rest)
    return text


def check_block(slot: Slot, warn: Any) -> None:
    ex, block = slot.exercise, slot.block
    if ex is None:
        return
    d = ex.duration_for(block.variant)
    if block.duration is not None and not (d.min or 0) <= block.duration <= (d.max or 10**6):
        warn(
            slot.path + ("duration",),
            f"{format_duration(block.duration, 'en')} is outside the range of '{ex.id}' "
            f"({format_duration(d.min or 0, 'en')} to {format_duration(d.max or 0, 'en')})".replace(
                "\u00a0", " "
            ),
            "change the duration, or check that the exercise can be run that way",
        )
    if ex.arc == "logistics":
        return
    n = slot.people
    g = ex.group_size
    if n < g.min:
        warn(slot.path, f"'{ex.id}' needs at least {g.min} people; {n} take part here")
    elif g.max is not None and n > g.max:
        warn(
            slot.path,
            f"'{ex.id}' works with at most {g.max} people; {n} take part here",
            "split the group, or run it in parallel tracks",
        )
    conf = block.split or ex.configuration
    why = configuration_problem(conf, n)
    if why:
        warn(slot.path + (("split",) if block.split else ()), why)
    check_turns(slot, warn)
    for support in missing_pictures(ex, language(), block.params, block.variant):
        warn(
            slot.path,
            picture_warning(ex, support),
            _(
                "give pictures in the block's params: '{name}' (files beside the session, or "
                "starters/… from the built-in deck), or choose a variant without them"
            ).format(name=support.source),
        )


def picture_warning(ex: Any, support: Any) -> str:
    """'photos-debat' needs pictures: its picture cards have none to print."""
    return _(
        "'{id}' needs pictures, but its picture cards ('{support}') have none to print"
    ).format(id=ex.id, support=support.id)


def check_turns(slot: Slot, warn: Any) -> None:
    """Steps run by each team in turn that cannot fit the block at its head count, or that
    leave the other steps less than half their time."""
    timing = slot.timing
    if timing is None or not timing.turns:
        return
    turns = timing.turns
    detail = "; ".join(
        _("{title}: {teams} × {each} min").format(
            title=tr(t.step.title, language()), teams=t.teams, each=t.step.each
        )
        for t in turns
    )
    if not timing.fits:
        warn(
            slot.path,
            ngettext(
                "the turns need {need} min for {people} person, more than the block's "
                "{minutes} min ({detail}): each turn is cut short",
                "the turns need {need} min for {people} people, more than the block's "
                "{minutes} min ({detail}): each turn is cut short",
                slot.people,
            ).format(need=timing.need, people=slot.people, minutes=timing.total, detail=detail),
            _(
                "lengthen the block to about {minutes} min, run the turns in parallel rooms, "
                "or present in fewer, larger groups"
            ).format(minutes=timing.need + timing.rest_written),
        )
    elif timing.squeezed:
        warn(
            slot.path,
            _(
                "the turns take {need} of the block's {minutes} min ({detail}): the other "
                "steps get {rest} min instead of {written}"
            ).format(
                need=timing.need,
                minutes=timing.total,
                detail=detail,
                rest=timing.rest,
                written=timing.rest_written,
            ),
            _(
                "lengthen the block to about {minutes} min, or present in fewer, larger groups"
            ).format(minutes=timing.need + timing.rest_written),
        )


def configuration_problem(conf: Configuration, n: int) -> str | None:
    if conf.kind == "pairs":
        if n < 2:
            return f"pairs need at least 2 people; {n} take part here"
        if n % 2:
            return f"{n} people do not make pairs: one trio, or a facilitator joins in"
    elif conf.kind == "groups":
        if conf.size and n < conf.size:
            return f"groups of {conf.size} need at least {conf.size} people; {n} take part here"
        if conf.count and n < 2 * conf.count:
            return f"{conf.count} groups need at least {2 * conf.count} people; {n} take part here"
    return None


def check_day(plan: DayPlan, path: tuple[Any, ...], warn: Any) -> None:
    day = plan.day
    end = minutes_of(day.end)
    if plan.end > end:
        last = plan.slots[-1]
        warn(
            last.path,
            f"the day runs until {hm(plan.end)}, past its end at {hm(end)}",
            "shorten or drop a block, or move the end of the day",
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
                f"{format_duration(slot.end - since, 'en')} without a break "
                f"(from {hm(since)} to {hm(slot.end)})".replace("\u00a0", " "),
                "add a break (logistics: break) before this block",
            )
            reported = True
        t = slot.end
    # lunch
    lo, hi = LUNCH_WINDOW
    full = plan.start <= lo and max(plan.end, end) >= hi
    if full and not any(s.block.logistics == "lunch" for s in plan.slots):
        warn(
            path,
            f"no lunch on a full day ({hm(plan.start)} to {hm(max(plan.end, end))})",
            "add a block 'logistics: lunch'",
        )


def language_warnings(loaded: LoadedSession, lang: str) -> list[Problem]:
    """Texts of the session given in some languages but not in `lang`: {fr: ...} alone in an
    English kit prints the French. (A plain text is taken as written, in whatever language.)"""
    from facilitation.text.i18n import LANG_NAMES

    out: list[Problem] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if is_localized(value):
            given = [k for k in value if value[k] not in (None, "", [])]
            if value.get(lang) in (None, "", []) and given:
                used = given[0]
                file, line, col = loaded.where(path)
                out.append(
                    Problem(
                        f"no {LANG_NAMES[lang]['en']} text here: the {lang} kit prints "
                        f"the {LANG_NAMES[used]['en']}",
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(path),
                        hint=f"add '{lang}:' beside '{used}:'",
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
