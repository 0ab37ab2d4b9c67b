"""The warnings a facilitator wants the day before: days running late or too long, long
stretches without a break, no lunch, holes in a day, durations out of range, groups the head
count cannot make, people arriving in the middle of an exercise, texts missing in the kit's
language. Each check reads the timed plan; none changes it.

Only warnings a facilitator would act on: field work and travel (people out in the street)
are not "work without a break"; a short closing block at the end of the day does not call for
a break before it; a lunch inside parallel tracks, or an exercise declared as the meal, is a
lunch; a day is "full" by the span of its blocks, not by its declared end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from facilitation.errors import Problem
from facilitation.load.sessions import LoadedSession
from facilitation.load.yamlio import format_path
from facilitation.model.session import Checks, Day
from facilitation.model.types import Configuration
from facilitation.model.words import logistics_label
from facilitation.plan.supports import missing_pictures
from facilitation.plan.timeline import DayPlan, Slot
from facilitation.text.dates import hm
from facilitation.text.durations import format_duration
from facilitation.text.i18n import is_localized, tr
from facilitation.text.messages import _, language, ngettext

BREAK_AFTER = 120  # minutes of work before a break is due (checks: break_after)
BREAK_GAP = 10  # an idle gap this long counts as a break
BREAK_SLACK = 10  # a stretch this much over the limit passes
END_OF_DAY_SLACK = 30  # a block this short that ends the day (a closing) is not counted
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


def _dur(minutes: int) -> str:
    """A duration as messages write it (no no-break spaces: terminals show them oddly)."""
    return format_duration(minutes, language()).replace("\u00a0", " ")


def check_block(slot: Slot, warn: Any) -> None:
    check_events(slot, warn)
    ex, block = slot.exercise, slot.block
    if ex is None:
        return
    d = ex.duration_for(block.variant)  # (a later part of an activity has its own length)
    within = getattr(block, "continues", False) or (d.min or 0) <= (block.duration or 0) <= (
        d.max or 10**6
    )
    if block.duration is not None and not within:
        warn(
            slot.path + ("duration",),
            _("{duration} is outside the range of '{id}' ({min} to {max})").format(
                duration=_dur(block.duration),
                id=ex.id,
                min=_dur(d.min or 0),
                max=_dur(d.max or 0),
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
        if conf.size and n % conf.size and _uneven(n, conf.size):
            groups, left = divmod(n, conf.size)
            if groups == 1 and left == 1:
                return _("{n} people make one group of {n}, not groups of {size}").format(
                    n=n, size=conf.size
                )
            if left <= groups:  # the ones left over join groups: some groups of size + 1
                return ngettext(
                    "{n} people do not make groups of {size}: {left} of the {groups} groups "
                    "will have {bigger}",
                    "{n} people do not make groups of {size}: {left} of the {groups} groups "
                    "will have {bigger}",
                    left,
                ).format(n=n, size=conf.size, groups=groups, left=left, bigger=conf.size + 1)
            return ngettext(
                "{n} people do not make groups of {size}: {groups} group of {size} and "
                "{left} people left over",
                "{n} people do not make groups of {size}: {groups} groups of {size} and "
                "{left} people left over",
                groups,
            ).format(n=n, size=conf.size, groups=groups, left=left)
    return None


def _uneven(n: int, size: int) -> bool:
    """Whether `n` people in groups of `size` need the facilitator to decide something:
    small groups (pairs, trios: their roles depend on the size) that do not come out even,
    or larger groups that cannot all be within one person of the size asked."""
    if size <= 3:
        return True
    groups = max(1, int(n / size + 0.5))
    low, high = n // groups, -(-n // groups)
    return low < size - 1 or high > size + 1


def check_events(slot: Slot, warn: Any) -> None:
    """Events that fall outside the block they are in."""
    lang = language()
    for ev in slot.events:
        if ev.start < slot.start or ev.end > slot.end:
            warn(
                ev.path + ("at",),
                _("'{event}' ({time}) falls outside its block '{block}' ({start} to {end})").format(
                    event=ev.title(lang),
                    time=_span(ev.start, ev.end),
                    block=slot.title(lang),
                    start=hm(slot.start),
                    end=hm(slot.end),
                ),
                _("move the event's time, or put it in the block it happens in"),
            )


def _span(start: int, end: int) -> str:
    return hm(start) if start == end else f"{hm(start)}-{hm(end)}"


def check_movements(slot: Slot, day: Day, warn: Any) -> None:
    """Participants arriving or leaving in the middle of an exercise (not of a welcome, a
    break or a meal, where people come and go anyway)."""
    if slot.kind != "exercise":
        return
    lang = language()
    for key, moves in (("arrivals", day.arrivals), ("departures", day.departures)):
        for m in moves:
            at = day.minutes(m.at)
            if not slot.start < at < slot.end:
                continue
            who = f" ({tr(m.who, lang)})" if m.who else ""
            if key == "arrivals":
                message = ngettext(
                    "{n} person arrives at {at}{who}, during '{block}' ({start} to {end})",
                    "{n} people arrive at {at}{who}, during '{block}' ({start} to {end})",
                    m.people,
                )
                hint = _("start the block when they are there, or plan how they join it")
            else:
                message = ngettext(
                    "{n} person leaves at {at}{who}, during '{block}' ({start} to {end})",
                    "{n} people leave at {at}{who}, during '{block}' ({start} to {end})",
                    m.people,
                )
                hint = _("end the block before they go, or plan how the others carry on")
            warn(
                slot.path,
                message.format(
                    n=m.people,
                    at=hm(at),
                    who=who,
                    block=slot.title(lang),
                    start=hm(slot.start),
                    end=hm(slot.end),
                ),
                hint,
            )


def check_tracks_people(slot: Slot, sized: dict[str, int], here: int, warn: Any) -> None:
    """Parallel tracks whose group sizes do not add up to the people there."""
    tracks = slot.block.tracks or []  # type: ignore[union-attr]
    total = sum(sized.values())
    lang = language()
    detail = ", ".join(f"{tr(t.name, lang)} {sized[t.id]}" for t in tracks if t.id in sized)
    if total > here:
        warn(
            slot.path,
            _("the tracks' groups add up to {total} people, but {n} are here ({detail})").format(
                total=total, n=here, detail=detail
            ),
            _("check the groups' sizes, or the day's head count"),
        )
    elif len(sized) == len(tracks) and total < here:
        warn(
            slot.path,
            ngettext(
                "{left} person is in no track: the tracks' groups add up to {total}, {n} are "
                "here ({detail})",
                "{left} people are in no track: the tracks' groups add up to {total}, {n} are "
                "here ({detail})",
                here - total,
            ).format(left=here - total, total=total, n=here, detail=detail),
            _("check the groups' sizes, or the day's head count"),
        )


@dataclass
class _Work:
    """A piece of work in a stretch without a break: a block, or part of one."""

    start: int
    end: int
    slot: Slot


def check_day(plan: DayPlan, path: tuple[Any, ...], limits: Checks, warn: Any) -> None:
    day = plan.day
    end = day.end_minutes
    lang = language()
    if plan.end > end:
        last = plan.slots[-1]
        warn(
            last.path,
            _("the day runs until {time}, past its end at {end}").format(
                time=hm(plan.end), end=hm(end)
            ),
            _("shorten or drop a block, or move the end of the day"),
        )
    span = plan.end - plan.first
    if limits.day_limit and span > limits.day_limit:
        warn(
            path,
            _("a day of {length} ({start} to {end}), longer than {limit}").format(
                length=_dur(span),
                start=hm(plan.first),
                end=hm(plan.end),
                limit=_dur(limits.day_limit),
            ),
            _(
                "lighten the day or end it earlier; if the evening is planned and optional, "
                "raise the limit (checks: day_limit)"
            ),
        )
    _check_breaks(plan, limits.break_after or BREAK_AFTER, warn)
    _check_lunch(plan, path, warn, lang)
    _check_holes(plan, limits.min_hole or 0, warn)


# -- breaks ----------------------------------------------------------------------------------
def _resets(slot: Slot) -> bool:
    """A block after which the count of work without a break starts again: a break, a meal,
    the welcome, field work and travel (people are out, moving, and pause on their own)."""
    return slot.is_break() or slot.setting == "field"


def _pieces(slot: Slot) -> list[_Work | None]:
    """A block as pieces of work, None where a break event inside it cuts it."""
    out: list[_Work | None] = []
    t = slot.start
    for ev in slot.events:
        if ev.is_break() and slot.start <= ev.start < slot.end:
            if ev.start > t:
                out.append(_Work(t, ev.start, slot))
            out.append(None)
            t = max(t, ev.end)
    if t < slot.end:
        out.append(_Work(t, slot.end, slot))
    return out


def _walk(slots: list[Slot], open_: list[_Work]) -> tuple[list[list[_Work]], list[_Work]]:
    """The stretches of work without a break in a sequence of blocks, starting with an open
    stretch: (the stretches closed by a break, the one still open at the end)."""
    closed: list[list[_Work]] = []
    cur = list(open_)
    for slot in slots:
        if cur and slot.start - cur[-1].end >= BREAK_GAP:  # an idle gap is a break
            closed.append(cur)
            cur = []
        if slot.children:
            tracks = slot.block.tracks or []  # type: ignore[union-attr]
            worst: list[_Work] = []
            for track in tracks:
                seq = [c for c in slot.children if c.track is track]
                c_closed, c_open = _walk(seq, cur)
                closed.extend(c_closed)
                if c_open and (not worst or c_open[0].start < worst[0].start):
                    worst = c_open
            cur = [_Work(worst[0].start, slot.end, slot)] if worst else []
            continue
        if _resets(slot):
            if cur:
                closed.append(cur)
            cur = []
            continue
        for piece in _pieces(slot):
            if piece is None:
                if cur:
                    closed.append(cur)
                cur = []
            else:
                cur.append(piece)
    return closed, cur


def _daytime(plan: DayPlan) -> list[Slot]:
    """The day's blocks up to its dinner: the evening after it is not work."""
    out = []
    for slot in plan.slots:
        if _has_meal(slot, "dinner"):
            break
        out.append(slot)
    return out


def _check_breaks(plan: DayPlan, limit: int, warn: Any) -> None:
    closed, open_ = _walk(_daytime(plan), [])
    stretches = closed + ([open_] if open_ else [])
    last_end = plan.end
    lang = language()
    for stretch in stretches:
        start, end = stretch[0].start, stretch[-1].end
        counted = end
        closing = stretch[-1]
        if end >= last_end and closing.end - closing.start <= END_OF_DAY_SLACK:
            counted = closing.start  # a short closing, then home: no break before it
        if counted - start <= limit + BREAK_SLACK:
            continue
        at = next((w for w in stretch if w.end - start > limit + BREAK_SLACK), stretch[-1])
        warn(
            at.slot.path,
            _("{length} without a break (from {start} to {end})").format(
                length=_dur(end - start), start=hm(start), end=hm(end)
            ),
            _break_hint(stretch, limit, lang),
        )


def _break_hint(stretch: list[_Work], limit: int, lang: str) -> str:
    """Where a break fits: after the block that cuts the stretch most evenly, or after
    several; inside a block that is too long on its own."""
    start, end = stretch[0].start, stretch[-1].end
    cuts = [
        (w.end, w.slot)
        for w, nxt in zip(stretch, stretch[1:], strict=False)
        if nxt.slot is not w.slot and nxt.start - w.end < BREAK_GAP
    ]
    fits = [(max(t - start, end - t), t, s) for t, s in cuts if max(t - start, end - t) <= limit]
    if fits:
        _worst, t, s = min(fits, key=lambda x: (x[0], x[1]))
        return _("add a break after '{block}' ({time})").format(block=s.title(lang), time=hm(t))
    longest = max(stretch, key=lambda w: w.end - w.start)
    if longest.end - longest.start > limit:
        return _(
            "'{block}' lasts {length} on its own: plan a break inside it (an event under "
            "'during:' with 'logistics: break')"
        ).format(block=longest.slot.title(lang), length=_dur(longest.end - longest.start))
    chosen: list[tuple[int, Slot]] = []
    mark = start
    for i, (t, s) in enumerate(cuts):
        nxt = cuts[i + 1][0] if i + 1 < len(cuts) else end
        if nxt - mark > limit:
            chosen.append((t, s))
            mark = t
    places = [_("'{block}' ({time})").format(block=s.title(lang), time=hm(t)) for t, s in chosen]
    return _("add breaks after {places}").format(places=_(" and ").join(places))


# -- lunch -----------------------------------------------------------------------------------
def _has_meal(slot: Slot, meal: str) -> bool:
    return slot.is_meal(meal) or any(ev.is_meal(meal) for ev in slot.events)


def _check_lunch(plan: DayPlan, path: tuple[Any, ...], warn: Any, lang: str) -> None:
    lo, hi = LUNCH_WINDOW
    if not (plan.first <= lo and plan.end >= hi):  # not a full day, by its blocks
        return
    if any(_has_meal(s, "lunch") for s in plan.slots):
        return
    for slot in plan.slots:
        if not slot.children:
            continue
        tracks = slot.block.tracks or []  # type: ignore[union-attr]
        with_lunch = [
            t for t in tracks if any(_has_meal(c, "lunch") for c in slot.children if c.track is t)
        ]
        if with_lunch and len(with_lunch) == len(tracks):
            return
        if with_lunch:
            missing = [tr(t.name, lang) for t in tracks if t not in with_lunch]
            warn(
                slot.path,
                ngettext(
                    "no lunch in the track {tracks}, while the others have one",
                    "no lunch in the tracks {tracks}, while the others have one",
                    len(missing),
                ).format(tracks=", ".join(f"'{m}'" for m in missing)),
                _("add a block 'logistics: lunch' to it"),
            )
            return
    warn(
        path,
        _("no lunch on a full day ({start} to {end})").format(
            start=hm(plan.first), end=hm(plan.end)
        ),
        _(
            "add a block 'logistics: lunch', or say which exercise takes the meal's place "
            "('meal: lunch')"
        ),
    )


# -- holes -----------------------------------------------------------------------------------
def _check_holes(plan: DayPlan, min_hole: int, warn: Any) -> None:
    """Nothing planned between two blocks (or before the first), in the day or in a track."""
    if not min_hole:
        return

    def hole(slot: Slot, since: int) -> None:
        if slot.start - since >= min_hole:
            warn(
                slot.path,
                _("nothing planned from {start} to {end}").format(
                    start=hm(since), end=hm(slot.start)
                ),
                _(
                    "fill the time (a break, free time: 'free: ...'), or move this block's "
                    "pinned time"
                ),
            )

    t = plan.start
    for slot in _daytime(plan):  # before dinner, and the evening after it, is free time
        hole(slot, t)
        if slot.children:
            for track in slot.block.tracks or []:  # type: ignore[union-attr]
                tt = slot.start
                for c in slot.children:
                    if c.track is track:
                        hole(c, tt)
                        tt = c.end
        t = slot.end


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
