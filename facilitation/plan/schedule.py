"""From a session to a timed plan: the start and end of every block, and the warnings a
facilitator wants the day before.

Times are minutes since midnight. Blocks follow one another from the start of the day; a block
with `at` starts at that time (a gap before it is free time). Parallel tracks start together and
the block after them starts when the longest track ends.
"""

from __future__ import annotations

from typing import Any

from facilitation.errors import Problem
from facilitation.load.sessions import LoadedSession
from facilitation.model.exercise import Step
from facilitation.model.session import Block, block_minutes, minutes_of
from facilitation.plan.checks import (
    check_block,
    check_day,
    friendly_path,
    language_warnings,
)
from facilitation.plan.steps import scale
from facilitation.plan.timeline import DayPlan, Plan, Slot
from facilitation.text.dates import hm
from facilitation.text.i18n import tr


def scale_steps(steps: list[Step], total: int) -> list[int]:
    """Step minutes scaled to a block's duration, whole minutes, adding up exactly."""
    return scale([s.minutes for s in steps], total)


def schedule(loaded: LoadedSession, lang: str | None = None) -> Plan:
    """Place every block in time and collect the warnings; with `lang`, also the session's
    texts that have other languages but not this one."""
    session = loaded.session
    warnings: list[Problem] = []

    def warn(path: tuple[Any, ...], message: str, hint: str | None = None) -> None:
        file, line, col = loaded.where(path)
        warnings.append(
            Problem(
                message,
                file=file,
                line=line,
                column=col,
                path=friendly_path(session, path),
                hint=hint,
                severity="warning",
            )
        )

    group_sizes = {g.id: g.size for g in session.groups}
    days: list[DayPlan] = []
    for d, day in enumerate(session.days):
        t = minutes_of(day.start)
        slots: list[Slot] = []
        for b, block in enumerate(day.blocks):
            path = ("days", d, "blocks", b)
            if block.at is not None:
                pin = minutes_of(block.at)
                if pin < t:
                    warn(
                        path + ("at",),
                        f"the blocks before run until {hm(t)}, past this block's pinned time "
                        f"{hm(pin)}",
                        "shorten a block before it, or drop one",
                    )
                t = pin
            if block.tracks:
                slot = _tracks(loaded, block, path, t, group_sizes, warn)
            else:
                ex = loaded.exercise_for(block)
                dur = block_minutes(block, ex)
                slot = Slot(block, path, t, t + dur, ex, people=session.participants)
                _fill_steps(slot)
                check_block(slot, warn)
            slots.append(slot)
            t = slot.end
        plan = DayPlan(day, d, slots)
        check_day(plan, ("days", d), warn)
        days.append(plan)
    if lang:
        warnings += language_warnings(loaded, lang)
    return Plan(loaded, days, warnings)


def _fill_steps(slot: Slot) -> None:
    """Each step's minutes at the block's length and head count: turns (each team in turn)
    counted, the other steps scaled into what remains (plan/steps.py)."""
    slot.time_steps()


def _tracks(
    loaded: LoadedSession,
    block: Block,
    path: tuple[Any, ...],
    start: int,
    group_sizes: dict[str, int],
    warn: Any,
) -> Slot:
    session = loaded.session
    tracks = {t.id: t for t in block.tracks or []}
    ends = {tid: start for tid in tracks}
    children = []
    for c, child in enumerate(block.blocks or []):
        track = tracks[child.track or ""]
        t = ends[track.id]
        if child.at is not None:
            t = max(t, minutes_of(child.at))
        ex = loaded.exercise_for(child)
        dur = block_minutes(child, ex)
        people = (
            track.people
            or group_sizes.get(track.group or "", 0)
            or max(1, session.participants // len(tracks))
        )
        slot = Slot(child, path + ("blocks", c), t, t + dur, ex, track=track, people=people)
        _fill_steps(slot)
        check_block(slot, warn)
        children.append(slot)
        ends[track.id] = slot.end
    end = max(ends.values())
    if len(set(ends.values())) > 1:
        detail = ", ".join(f"{tr(tracks[k].name, 'en')} at {hm(v)}" for k, v in ends.items())
        warn(
            path,
            f"the parallel tracks end at different times ({detail})",
            "balance the tracks, or plan what the early ones do while they wait",
        )
    for tid, e in ends.items():
        if e == start:
            warn(path, f"track '{tid}' has no block")
    return Slot(block, path, start, end, None, children=children, people=session.participants)
