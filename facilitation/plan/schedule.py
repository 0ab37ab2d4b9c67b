"""From a session to a timed plan: the start and end of every block, who is in the room, and
the warnings a facilitator wants the day before.

Times are minutes since the midnight that starts the day (a day past midnight counts on:
0:30 is 24:30). Blocks follow one another from the start of the day; a block with `at`
starts at that time. Parallel tracks start together and the block after them starts when the
longest track ends. Events (`during`) sit at their own time inside their block and move
nothing.

Who is in the room during a block: the day's group (the session's participants, or the day's
own count), less those not arrived yet or already gone, plus the day's guests present and the
block's own guests. `Slot.people` is that number; every check and quantity reads it.
"""

from __future__ import annotations

from typing import Any

from facilitation.errors import Problem
from facilitation.load.sessions import LoadedSession
from facilitation.model.exercise import Step
from facilitation.model.session import Block, Day, block_minutes
from facilitation.plan.checks import (
    check_block,
    check_day,
    check_movements,
    check_tracks_people,
    friendly_path,
    language_warnings,
)
from facilitation.plan.continuation import join_parts
from facilitation.plan.examples import example_warnings, library_language_warnings
from facilitation.plan.steps import scale
from facilitation.plan.timeline import DayPlan, GuestParty, Plan, Slot
from facilitation.text.dates import hm
from facilitation.text.i18n import tr
from facilitation.text.messages import _, language


def scale_steps(steps: list[Step], total: int) -> list[int]:
    """Step minutes scaled to a block's duration, whole minutes, adding up exactly."""
    return scale([s.minutes for s in steps], total)


def present(day: Day, group: int, start: int, end: int) -> tuple[int, list[GuestParty]]:
    """The group's participants and the day's guests in the room at some moment between
    `start` and `end` (the most there are: what seats and materials are counted for)."""
    late = sum(m.people for m in day.arrivals if day.minutes(m.at) >= max(end, start + 1))
    gone = sum(m.people for m in day.departures if day.minutes(m.at) <= start)
    guests = []
    for g in day.guests:
        arrives = day.minutes(g.arrives) if g.arrives else None
        leaves = day.minutes(g.leaves) if g.leaves else None
        if (arrives is None or arrives < max(end, start + 1)) and (
            leaves is None or leaves > start
        ):
            guests.append(GuestParty(g, arrives, leaves))
    return max(0, group - late - gone), guests


def schedule(loaded: LoadedSession, lang: str | None = None) -> Plan:
    """Place every block in time and collect the warnings; with `lang`, also the session's
    texts that have other languages but not this one."""
    session = loaded.session
    warnings: list[Problem] = []
    paths: list[tuple[Any, ...]] = []

    def warn(path: tuple[Any, ...], message: str, hint: str | None = None) -> None:
        file, line, col = loaded.where(path)
        problem = Problem(
            message,
            file=file,
            line=line,
            column=col,
            path=friendly_path(session, path),
            hint=hint,
            severity="warning",
        )
        if problem not in warnings:
            warnings.append(problem)
            paths.append(path)

    days: list[DayPlan] = []
    for d, day in enumerate(session.days):
        group = day.participants or session.participants
        t = day.start_minutes
        slots: list[Slot] = []
        for b, block in enumerate(day.blocks):
            path = ("days", d, "blocks", b)
            if block.at is not None:
                pin = day.minutes(block.at)
                if pin < t:
                    warn(
                        path + ("at",),
                        _(
                            "the blocks before run until {time}, past this block's pinned time "
                            "{pin}"
                        ).format(time=hm(t), pin=hm(pin)),
                        _("shorten a block before it, or drop one"),
                    )
                t = pin
            if block.tracks:
                slot = _tracks(loaded, day, group, block, path, t, warn)
            else:
                ex = loaded.exercise_for(block)
                slot = _slot(loaded, day, group, block, path, t, t + block_minutes(block, ex))
                check_block(slot, warn)
            check_movements(slot, day, warn)
            slots.append(slot)
            t = slot.end
        plan = DayPlan(day, d, slots, participants=group)
        check_day(plan, ("days", d), loaded.checks, warn)
        days.append(plan)
    whole = Plan(loaded, days, warnings, paths)
    join_parts(whole)
    for path, w in example_warnings(whole):
        warnings.append(w)
        paths.append(path)
    if lang:
        for w in language_warnings(loaded, lang) + library_language_warnings(whole, lang):
            warnings.append(w)
            paths.append(())
    return whole


def _slot(
    loaded: LoadedSession,
    day: Day,
    group: int,
    block: Block,
    path: tuple[Any, ...],
    start: int,
    end: int,
    share: int | None = None,
    track: Any = None,
) -> Slot:
    """A block placed from `start` to `end`, with who is in the room and its events."""
    participants, guests = present(day, group, start, end)
    if share is not None:  # a track: its own people, and no day guests unless told
        participants, guests = share, []
    if block.participants:
        participants = block.participants
    guests = guests + [GuestParty(g, own=True) for g in block.guests]
    ex = loaded.exercise_for(block)
    block = _welcome_of_the_hour(block, ex, start)
    slot = Slot(
        block,
        path,
        start,
        end,
        ex,
        track=track,
        people=participants + sum(g.people for g in guests),
        participants=participants,
        guests=guests,
        setting=loaded.setting_of(block),
    )
    _fill_steps(slot)
    for e, event in enumerate(block.during):
        at = day.minutes(event.at)
        eex = loaded.exercise_for(event)
        length = (
            event.duration
            if event.duration is not None
            else (eex.duration.typical if eex is not None else 0)
        )
        own = [GuestParty(g, own=True) for g in event.guests]
        ev = Slot(
            event,
            path + ("during", e),
            at,
            at + length,
            eex,
            track=track,
            people=slot.people + sum(g.people for g in own),
            participants=slot.participants,
            guests=own,
            setting=slot.setting,
        )
        _fill_steps(ev)
        slot.events.append(ev)
    slot.events.sort(key=lambda s: (s.start, s.path))
    return slot


def _fill_steps(slot: Slot) -> None:
    """Each step's minutes at the block's length and head count: turns (each team in turn)
    counted, the other steps scaled into what remains (plan/steps.py)."""
    slot.time_steps()


def _tracks(
    loaded: LoadedSession,
    day: Day,
    group: int,
    block: Block,
    path: tuple[Any, ...],
    start: int,
    warn: Any,
) -> Slot:
    session = loaded.session
    group_sizes = {g.id: g.size for g in session.groups}
    tracks = {t.id: t for t in block.tracks or []}
    here, _guests = present(day, group, start, start + 1)
    sized = {
        tid: (t.people or group_sizes.get(t.group or "", 0))
        for tid, t in tracks.items()
        if t.people or group_sizes.get(t.group or "", 0)
    }
    unsized = [tid for tid in tracks if tid not in sized]
    rest = max(0, here - sum(sized.values()))
    share = {tid: max(1, rest // len(unsized)) for tid in unsized} if unsized else {}
    sizes = {**sized, **share}
    ends = {tid: start for tid in tracks}
    children = []
    for c, child in enumerate(block.blocks or []):
        track = tracks[child.track or ""]
        t = ends[track.id]
        if child.at is not None:
            t = max(t, day.minutes(child.at))
        ex = loaded.exercise_for(child)
        slot = _slot(
            loaded,
            day,
            group,
            child,
            path + ("blocks", c),
            t,
            t + block_minutes(child, ex),
            share=sizes[track.id],
            track=track,
        )
        check_block(slot, warn)
        children.append(slot)
        ends[track.id] = slot.end
    end = max(ends.values())
    if len(set(ends.values())) > 1:
        detail = ", ".join(
            _("{track} at {time}").format(track=tr(tracks[k].name, language()), time=hm(v))
            for k, v in ends.items()
        )
        warn(
            path,
            _("the parallel tracks end at different times ({detail})").format(detail=detail),
            _("balance the tracks, or plan what the early ones do while they wait"),
        )
    for tid, e in ends.items():
        if e == start:
            warn(path, _("track '{id}' has no block").format(id=tid))
    parent = _slot(loaded, day, group, block, path, start, end)
    parent.children = children
    check_tracks_people(parent, sized, here, warn)
    return parent


LATE_WELCOME = 11 * 60  # a welcome from this time on serves no breakfast
LATE_WELCOME_VARIANT = "accueil-soir"


def _welcome_of_the_hour(block: Any, ex: Any, start: int) -> Any:
    """A welcome that starts at 11:00 or later, with no variant chosen, runs as the method's
    `accueil-soir` variant (drinks, badges, the agenda; no breakfast), when the method has
    one. Why: an evening session printed "Welcome and breakfast" at 18:00 and counted a
    breakfast for everyone."""
    if (
        getattr(block, "logistics", None) != "welcome"
        or block.variant
        or ex is None
        or start < LATE_WELCOME
        or ex.variant_of(LATE_WELCOME_VARIANT) is None
    ):
        return block
    return block.model_copy(update={"variant": LATE_WELCOME_VARIANT})
