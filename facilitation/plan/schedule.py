"""From a session to a timed plan: the start and end of every block, and the warnings a
facilitator wants the day before.

Times are minutes since midnight. Blocks follow one another from the start of the day; a block
with `at` starts at that time (a gap before it is free time). Parallel tracks start together and
the block after them starts when the longest track ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.text.durations import format_duration
from facilitation.errors import Problem, UserError
from facilitation.text.i18n import tr
from facilitation.model.exercise import Exercise, Step
from facilitation.model.session import Block, Day, Track
from facilitation.model.types import Configuration
from facilitation.load.sessions import LoadedSession
from facilitation.load.yamlio import format_path

BREAK_AFTER = 120  # minutes of work before a break is due
BREAK_GAP = 10  # an idle gap this long counts as a break
LUNCH_WINDOW = (12 * 60, 14 * 60)


def hm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def block_duration(block: Block, ex: Exercise | None) -> int:
    if block.duration is not None:
        return block.duration
    if ex is not None:
        return ex.duration.typical
    return 0


def scale_steps(steps: list[Step], total: int) -> list[int]:
    """Step minutes scaled to a block's duration, whole minutes, adding up exactly."""
    base = sum(s.minutes for s in steps)
    if base == 0 or base == total:
        return [s.minutes for s in steps]
    raw = [s.minutes * total / base for s in steps]
    out = [int(r) for r in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


@dataclass
class Slot:
    """A block placed in time."""

    block: Block
    path: tuple[Any, ...]
    start: int
    end: int
    exercise: Exercise | None
    track: Track | None = None
    children: list[Slot] = field(default_factory=list)
    people: int = 0
    step_minutes: list[int] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def title(self, lang: str) -> str:
        b = self.block
        if b.title:
            return tr(b.title, lang)
        if b.free:
            return tr(b.free, lang)
        if self.exercise:
            return tr(self.exercise.title, lang)
        if b.tracks:
            return " / ".join(tr(t.name, lang) for t in b.tracks)
        return ""

    def purpose(self, lang: str) -> str:
        b = self.block
        if b.purpose:
            return tr(b.purpose, lang)
        if self.exercise and self.exercise.tagline and self.kind == "exercise":
            return tr(self.exercise.tagline, lang)
        return ""

    def is_break(self) -> bool:
        if self.children:  # parallel tracks with a break in them count as one
            return any(c.is_break() for c in self.children)
        return self.block.logistics in ("welcome", "break", "lunch")

    def steps(self) -> list[tuple[int, int, Step]]:
        """(start, minutes, step) for each step of the exercise, in clock time."""
        if not self.exercise:
            return []
        out, t = [], self.start
        for minutes, step in zip(self.step_minutes, self.exercise.steps, strict=True):
            out.append((t, minutes, step))
            t += minutes
        return out


@dataclass
class DayPlan:
    day: Day
    index: int
    slots: list[Slot]

    @property
    def end(self) -> int:
        return max((s.end for s in self.slots), default=self.start)

    @property
    def start(self) -> int:
        return self.day.start.hour * 60 + self.day.start.minute


@dataclass
class Plan:
    loaded: LoadedSession
    days: list[DayPlan]
    warnings: list[Problem]

    @property
    def session(self) -> Any:
        return self.loaded.session

    def all_slots(self) -> list[Slot]:
        out = []
        for d in self.days:
            for s in d.slots:
                out.append(s)
                out.extend(s.children)
        return out


def _minutes(t: Any) -> int:
    return t.hour * 60 + t.minute


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


def check_pins(loaded: LoadedSession) -> None:
    """Pinned blocks that cannot all hold (one ends after the next starts): an error."""
    problems = []
    lib = loaded
    for d, day in enumerate(loaded.session.days):
        prev: tuple[int, int, int] | None = None  # (index, start, end)
        for b, block in enumerate(day.blocks):
            if block.at is None:
                continue
            start = _minutes(block.at)
            end = start + block_duration(block, lib.exercise_for(block))
            if start < _minutes(day.start):
                file, line, col = loaded.where(("days", d, "blocks", b, "at"))
                problems.append(
                    Problem(
                        f"pinned at {hm(start)}, before the day starts ({day.start:%H:%M})",
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(("days", d, "blocks", b, "at")),
                    )
                )
            if prev is not None and start < prev[2]:
                file, line, col = loaded.where(("days", d, "blocks", b, "at"))
                problems.append(
                    Problem(
                        f"two pinned blocks collide: this one starts at {hm(start)}, but the block "
                        f"pinned at {hm(prev[1])} (block {prev[0] + 1}) runs until {hm(prev[2])}",
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(("days", d, "blocks", b, "at")),
                        hint="move one of the pins, or shorten the earlier block",
                    )
                )
            prev = (b, start, end)
    if problems:
        raise UserError(problems)


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
        t = _minutes(day.start)
        slots: list[Slot] = []
        for b, block in enumerate(day.blocks):
            path = ("days", d, "blocks", b)
            if block.at is not None:
                pin = _minutes(block.at)
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
                dur = block_duration(block, ex)
                slot = Slot(block, path, t, t + dur, ex, people=session.participants)
                _fill_steps(slot)
                _check_block(slot, warn)
            slots.append(slot)
            t = slot.end
        plan = DayPlan(day, d, slots)
        _check_day(plan, ("days", d), warn)
        days.append(plan)
    if lang:
        from facilitation.load.sessions import language_warnings

        warnings += language_warnings(loaded, lang)
    return Plan(loaded, days, warnings)


def _fill_steps(slot: Slot) -> None:
    if slot.exercise:
        slot.step_minutes = scale_steps(slot.exercise.steps, slot.minutes)


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
            t = max(t, _minutes(child.at))
        ex = loaded.exercise_for(child)
        dur = block_duration(child, ex)
        people = (
            track.people
            or group_sizes.get(track.group or "", 0)
            or max(1, session.participants // len(tracks))
        )
        slot = Slot(child, path + ("blocks", c), t, t + dur, ex, track=track, people=people)
        _fill_steps(slot)
        _check_block(slot, warn)
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


def _check_block(slot: Slot, warn: Any) -> None:
    ex, block = slot.exercise, slot.block
    if ex is None:
        return
    d = ex.duration
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
    why = _configuration_problem(conf, n)
    if why:
        warn(slot.path + (("split",) if block.split else ()), why)


def _configuration_problem(conf: Configuration, n: int) -> str | None:
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


def _check_day(plan: DayPlan, path: tuple[Any, ...], warn: Any) -> None:
    day = plan.day
    end = _minutes(day.end)
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
