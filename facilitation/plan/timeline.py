"""The timed plan as data: each block placed in time (a Slot), the days, the session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.errors import Problem
from facilitation.load.sessions import LoadedSession
from facilitation.model.exercise import TRANSFO_SIZE, Exercise, Step
from facilitation.model.session import Block, Day, Event, Guest, Track
from facilitation.plan.steps import StepTime, StepTiming, time_steps
from facilitation.text.i18n import tr


@dataclass(frozen=True)
class GuestParty:
    """Guests in the room during a slot: a day's (with the times they arrive and leave, in
    minutes; None: the day's start or end) or the block's own."""

    guest: Guest
    arrives: int | None = None
    leaves: int | None = None
    own: bool = False  # the block's own guests, rather than the day's

    @property
    def people(self) -> int:
        return self.guest.people


@dataclass
class Slot:
    """A block (or an event inside a block) placed in time."""

    block: Block | Event
    path: tuple[Any, ...]
    start: int
    end: int
    exercise: Exercise | None
    track: Track | None = None
    children: list[Slot] = field(default_factory=list)
    people: int = 0  # everyone in the room: the group's participants and the guests
    step_minutes: list[int] = field(default_factory=list)
    timing: StepTiming | None = None  # the steps for this block's head count and length
    # an activity carried on over several blocks: `head` is its first part (None for that
    # first part and for any block on its own); the first part lists the later ones in `parts`
    head: Slot | None = None
    parts: list[Slot] = field(default_factory=list)
    carried: bool = False  # its first step is the rest of a step begun in the part before
    unfinished: bool = False  # its last step goes on in the next part
    participants: int = 0  # of the group
    guests: list[GuestParty] = field(default_factory=list)
    events: list[Slot] = field(default_factory=list)  # at set times inside this block
    setting: str = "room"  # field: out of the room (field work, travel)

    @classmethod
    def example(
        cls,
        ex: Exercise,
        people: int = TRANSFO_SIZE,
        variant: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> Slot:
        """A block that runs a method as written, for outputs made without a session (the
        cards of one method, `show`): twenty people, its typical duration."""
        block = Block(exercise=ex.id, variant=variant, params=params or {})
        minutes = ex.duration_for(variant).typical
        slot = cls(block, (), 0, minutes, ex, people=people)
        slot.time_steps()
        return slot

    def time_steps(self) -> None:
        """Work out the minutes of each step for this block's length and head count."""
        if self.exercise is None:
            return
        self.timing = time_steps(
            self.exercise, self.people, self.minutes, self.block.variant, self.block.split
        )
        self.step_minutes = [s.minutes for s in self.timing.steps]

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_event(self) -> bool:
        return isinstance(self.block, Event)

    def title(self, lang: str) -> str:
        b = self.block
        if b.title:
            return tr(b.title, lang)
        if b.free:
            return tr(b.free, lang)
        if self.exercise:
            variant = self.exercise.variant_of(b.variant) if b.variant and b.logistics else None
            if variant is not None:  # a welcome with coffee only is announced as such
                return tr(variant.title, lang)
            return tr(self.exercise.title, lang)
        tracks = getattr(b, "tracks", None)
        if tracks:
            return " / ".join(tr(t.name, lang) for t in tracks)
        return ""

    def purpose(self, lang: str) -> str:
        b = self.block
        if getattr(b, "purpose", None):
            return tr(b.purpose, lang)  # type: ignore[union-attr]
        if self.exercise and self.exercise.tagline and self.kind == "exercise":
            return tr(self.exercise.tagline, lang)
        return ""

    def is_meal(self, meal: str) -> bool:
        """Whether this block is the meal (lunch, dinner) or takes its place."""
        return self.block.logistics == meal or getattr(self.block, "meal", None) == meal

    def is_break(self) -> bool:
        if self.children:  # parallel tracks with a break in them count as one
            return any(c.is_break() for c in self.children)
        return (
            self.block.logistics in ("welcome", "break", "lunch", "dinner")
            or getattr(self.block, "meal", None) is not None
        )

    @property
    def step_list(self) -> list[Step]:
        """The steps this block runs (a part of an activity: those that fall in it)."""
        return [st.step for st in self.timing.steps] if self.timing else []

    @property
    def first(self) -> Slot:
        """The first part of the activity this block belongs to (itself when on its own)."""
        return self.head or self

    def steps(self) -> list[tuple[int, int, Step]]:
        """(start, minutes, step) for each step the block runs, in clock time."""
        return [(t, st.minutes, st.step) for t, st in self.timed_steps()]

    def timed_steps(self) -> list[tuple[int, StepTime]]:
        """(start, step as timed) for each step the block runs (its variant's, if it has
        its own), in clock time."""
        if not self.exercise:
            return []
        if self.timing is None:
            self.time_steps()
        assert self.timing is not None
        out, t = [], self.start
        for st in self.timing.steps:
            out.append((t, st))
            t += st.minutes
        return out


@dataclass
class DayPlan:
    day: Day
    index: int
    slots: list[Slot]
    participants: int = 0  # the group this day

    @property
    def end(self) -> int:
        return max((s.end for s in self.slots), default=self.start)

    @property
    def start(self) -> int:
        return self.day.start_minutes

    @property
    def first(self) -> int:
        """When the first block starts."""
        return min((s.start for s in self.slots), default=self.start)

    def all_slots(self) -> list[Slot]:
        """Every slot of the day: blocks, tracks' blocks, events."""
        out: list[Slot] = []
        for s in self.slots:
            for x in [s, *s.children]:
                out.append(x)
                out.extend(x.events)
        return out

    @property
    def peak(self) -> int:
        """The most people in the room at once, as the blocks count them (seats)."""
        return max((s.people for s in self.slots), default=self.participants)

    def guest_list(self) -> list[tuple[GuestParty, list[Slot]]]:
        """Every party of guests of the day, with the blocks they are in (for badges and
        seats): the day's guests first, then each block's own."""
        out: list[tuple[GuestParty, list[Slot]]] = []
        for g in self.day.guests:
            party = next(
                (p for s in self.all_slots() for p in s.guests if p.guest is g),
                None,
            )
            if party is None:
                continue
            out.append((party, [s for s in self.slots if any(p.guest is g for p in s.guests)]))
        for s in self.all_slots():
            for p in s.guests:
                if p.own:
                    out.append((p, [s]))
        return out


@dataclass
class Plan:
    loaded: LoadedSession
    days: list[DayPlan]
    warnings: list[Problem]
    warning_paths: list[tuple[Any, ...]] = field(default_factory=list)  # raw path of each

    @property
    def session(self) -> Any:
        return self.loaded.session

    def all_slots(self) -> list[Slot]:
        out = []
        for d in self.days:
            out.extend(d.all_slots())
        return out
