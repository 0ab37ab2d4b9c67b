"""The timed plan as data: each block placed in time (a Slot), the days, the session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.errors import Problem
from facilitation.load.sessions import LoadedSession
from facilitation.model.exercise import TRANSFO_SIZE, Exercise, Step
from facilitation.model.session import Block, Day, Track
from facilitation.plan.steps import StepTime, StepTiming, time_steps
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
    timing: StepTiming | None = None  # the steps for this block's head count and length

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
