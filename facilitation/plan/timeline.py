"""The timed plan as data: each block placed in time (a Slot), the days, the session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.errors import Problem
from facilitation.load.sessions import LoadedSession
from facilitation.model.exercise import Exercise, Step
from facilitation.model.session import Block, Day, Track
from facilitation.text.i18n import tr


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
    step_list: list[Step] = field(default_factory=list)  # the steps it runs, with step_minutes
    # an activity carried on over several blocks: `head` is its first part (None for that
    # first part and for any block on its own); the first part lists the later ones in `parts`
    head: Slot | None = None
    parts: list[Slot] = field(default_factory=list)
    carried: bool = False  # its first step is the rest of a step begun in the part before
    unfinished: bool = False  # its last step goes on in the next part

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

    @property
    def first(self) -> Slot:
        """The first part of the activity this block belongs to (itself when on its own)."""
        return self.head or self

    def steps(self) -> list[tuple[int, int, Step]]:
        """(start, minutes, step) for each step the block runs, in clock time."""
        if not self.exercise:
            return []
        out, t = [], self.start
        for minutes, step in zip(self.step_minutes, self.step_list, strict=True):
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
