"""Step times for a block's real head count.

A step run by each team in turn (each pair presents in 3 minutes) takes `each × teams`
minutes, teams counted at the block's head count and configuration; the other steps share
what remains of the block in proportion to their written minutes. When the turns cannot fit
(more teams than the block has time for), every step is scaled into the block and each team's
turn shrinks: the plan says what will really happen, and a warning says why.

Without a session (`show`, the cards of one method), a block is imagined at the size the
methods are written for: twenty people, the method's typical duration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from facilitation.model.exercise import TRANSFO_SIZE, Exercise, Step, step_teams
from facilitation.model.session import Block
from facilitation.model.types import Configuration
from facilitation.text.messages import plural_index


@dataclass(frozen=True)
class StepTime:
    """A step as a block runs it: its minutes, and for a step run by each team in turn,
    the teams and each team's minutes."""

    step: Step
    minutes: int
    teams: int | None = None
    each: int | None = None

    def fill(self, text: str) -> str:
        """A step text with {each}, {teams} and {minutes} replaced by this block's numbers.
        Written {teams|group|groups}, the number comes with the word in the form it needs
        ('1 group', '3 groups'; French: 0 and 1 are singular). Other braces are left as
        written."""
        numbers = {"minutes": self.minutes, "each": self.each, "teams": self.teams}

        def put(m: re.Match[str]) -> str:
            n = numbers[m.group(1)]
            if n is None:
                return m.group(0)
            if m.group(2) is None:
                return str(n)
            forms = (m.group(2), m.group(3))
            return f"{n} {forms[plural_index(n)]}"

        return _COUNTED.sub(put, text)


# {teams}, or {teams|singular|plural}: a number of the block and the word it counts
_COUNTED = re.compile(r"\{(minutes|each|teams)(?:\|([^|{}]+)\|([^|{}]+))?\}")


@dataclass
class StepTiming:
    """A block's steps in minutes, and what the turns need."""

    steps: list[StepTime] = field(default_factory=list)
    total: int = 0  # the block's minutes
    need: int = 0  # minutes the turns need (each × teams, added up)
    rest: int = 0  # minutes left for the other steps
    rest_written: int = 0  # what the other steps are written for
    fits: bool = True  # the turns fit the block at their written minutes per team

    @property
    def squeezed(self) -> bool:
        """The turns fit, but leave the other steps less than half their written time."""
        return self.fits and self.rest_written > 0 and self.rest * 2 < self.rest_written

    @property
    def turns(self) -> list[StepTime]:
        return [s for s in self.steps if s.teams is not None]


def scale(minutes: list[int], total: int) -> list[int]:
    """Whole minutes in proportion to `minutes`, adding up to `total` exactly (largest
    remainders first, earlier steps first on ties)."""
    base = sum(minutes)
    if base == total:
        return list(minutes)
    if base == 0:
        if not minutes:
            return []
        out = [0] * len(minutes)
        out[-1] = total
        return out
    raw = [m * total / base for m in minutes]
    out = [int(r) for r in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def time_steps(
    ex: Exercise,
    people: int = TRANSFO_SIZE,
    total: int | None = None,
    variant: str | None = None,
    split: Configuration | None = None,
) -> StepTiming:
    """The steps of a block of `total` minutes (default: the typical duration) for
    `people` participants."""
    steps = ex.steps_for(variant)
    if total is None:
        total = ex.duration_for(variant).typical
    people = max(1, people)
    teams: dict[int, int] = {}
    for i, st in enumerate(steps):
        if st.each is not None and st.per is not None:
            teams[i] = step_teams(st, ex, people, split)
    need = sum(steps[i].each * n for i, n in teams.items() if steps[i].each is not None)
    others = [i for i in range(len(steps)) if i not in teams]
    written = sum(steps[i].minutes for i in others)
    timing = StepTiming(total=total, need=need, rest_written=written)
    if not teams:
        minutes = scale([s.minutes for s in steps], total)
        timing.steps = [StepTime(s, m) for s, m in zip(steps, minutes, strict=True)]
        timing.rest = total
        return timing
    if need <= total and others:
        rest = scale([steps[i].minutes for i in others], total - need)
        timing.rest = total - need
        by_index = dict(zip(others, rest, strict=True))
        out = []
        for i, st in enumerate(steps):
            if i in teams:
                out.append(StepTime(st, st.each * teams[i], teams[i], st.each))  # type: ignore[operator]
            else:
                out.append(StepTime(st, by_index[i]))
        timing.steps = out
        return timing
    # every step is a turn (any slack goes to them), or the turns overrun the block: scale
    # the turns' needs and the other steps together into the block; each turn shrinks
    timing.fits = need <= total
    base = [steps[i].each * teams[i] if i in teams else s.minutes for i, s in enumerate(steps)]  # type: ignore[operator]
    minutes = scale(base, total)
    out = []
    for i, (st, m) in enumerate(zip(steps, minutes, strict=True)):
        if i in teams:
            out.append(StepTime(st, m, teams[i], max(1, m // teams[i]) if m else 0))
        else:
            out.append(StepTime(st, m))
    timing.steps = out
    timing.rest = sum(m for i, m in enumerate(minutes) if i not in teams)
    return timing


def example_block(ex: Exercise, variant: str | None = None, params: Any = None) -> Block:
    """A block that runs a method as written (for outputs made without a session)."""
    return Block(exercise=ex.id, variant=variant, params=params or {})
