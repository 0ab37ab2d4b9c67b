"""The session as it ran: the plan with the retour's changes (a block shortened, moved to
another time or day, dropped, a block that was not planned), block by block.

What the retour does not say ran as planned: a shortened block keeps its planned start, and
the blocks after it keep theirs unless the retour gives them another (the retour records
times, it does not guess them). A set of parallel tracks runs from the first start to the
last end of its tracks' blocks when those changed and the set itself says nothing; when the
set moved, its blocks move with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitation.errors import Problem, UserError
from facilitation.load.retour import EntryRef, LoadedRetour
from facilitation.load.yamlio import format_path
from facilitation.plan.timeline import Plan, Slot
from facilitation.text.dates import hm
from facilitation.text.messages import _


@dataclass
class RunBlock:
    """A block as it ran (or did not)."""

    slot: Slot | None  # the planned block; None for a block that was not planned
    ref: EntryRef | None  # what the retour says of it
    day: int  # the index of the day it ran, or was planned, when dropped
    start: int
    end: int
    dropped: bool = False
    parent: RunBlock | None = None
    children: list[RunBlock] = field(default_factory=list)
    order: int = 0  # its place in the plan, to keep blocks at one time in order

    @property
    def added(self) -> bool:
        return self.slot is None

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def planned_day(self) -> int | None:
        return self.slot.path[1] if self.slot is not None else None

    @property
    def delta(self) -> int:
        """Minutes longer (+) or shorter (-) than planned."""
        if self.slot is None or self.dropped:
            return 0
        return self.minutes - self.slot.minutes

    def changes(self) -> list[str]:
        """What changed: added, dropped, day (another day), moved (another start),
        shortened, lengthened; empty when it ran as planned."""
        if self.slot is None:
            return ["added"]
        if self.dropped:
            return ["dropped"]
        out = []
        if self.day != self.slot.path[1]:
            out.append("day")
        elif self.start != self.slot.start:
            out.append("moved")
        if self.delta < 0:
            out.append("shortened")
        elif self.delta > 0:
            out.append("lengthened")
        return out


@dataclass
class RunPlan:
    plan: Plan
    retour: LoadedRetour | None
    blocks: list[RunBlock]  # top-level blocks in the order of the plan, then those added

    def all_blocks(self) -> list[RunBlock]:
        out = []
        for b in self.blocks:
            out.append(b)
            out.extend(b.children)
        return out

    def day_blocks(self, index: int) -> list[RunBlock]:
        """The blocks run (or dropped) on a day, in the order they ran."""
        here = [b for b in self.blocks if b.day == index]
        return sorted(here, key=lambda b: (b.start, b.order))

    def span(self, index: int) -> tuple[int, int] | None:
        """When the day really started and ended (its blocks that ran)."""
        ran = [b for b in self.blocks if b.day == index and not b.dropped]
        if not ran:
            return None
        return min(b.start for b in ran), max(b.end for b in ran)

    @property
    def participants(self) -> int:
        """How many took part: the retour's count, else the session's."""
        if self.retour and self.retour.retour.participants is not None:
            return self.retour.retour.participants
        return int(self.plan.session.participants)


def as_run(plan: Plan, retour: LoadedRetour | None) -> RunPlan:
    """The plan as it ran; a UserError (with the retour's file and line) for times that
    cannot be (a block ending before it starts)."""
    problems: list[Problem] = []
    blocks: list[RunBlock] = []
    order = 0

    def place(slot: Slot | None, ref: EntryRef | None, parent: RunBlock | None) -> RunBlock:
        nonlocal order
        order += 1
        entry = ref.entry if ref else None
        day = slot.path[1] if slot is not None else 0
        start = slot.start if slot is not None else 0
        end = slot.end if slot is not None else 0
        dropped = bool(entry and entry.dropped) or bool(parent and parent.dropped)
        ran = entry.ran if entry else None
        if ran is not None and not dropped:
            if ran.day is not None:
                day = ran.day - 1
            day_model = plan.days[day].day
            if ran.start is not None:
                start = day_model.minutes(ran.start)
            if ran.end is not None:
                end = day_model.minutes(ran.end)
            elif ran.duration is not None:
                end = start + ran.duration
            elif slot is not None:
                end = start + slot.minutes
            if end <= start and ref is not None:
                file, line, col = (
                    retour.where(("blocks", ref.index, "ran")) if retour else ("", None, None)
                )
                problems.append(
                    Problem(
                        _("as run, this block ends at {end}, before it starts at {start}").format(
                            end=hm(end), start=hm(start)
                        ),
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(("blocks", ref.index, "ran")),
                    )
                )
        return RunBlock(slot, ref, day, start, end, dropped, parent, order=order)

    for d in plan.days:
        for slot in d.slots:
            ref = retour.entry_for(slot.path) if retour else None
            run = place(slot, ref, None)
            for child in slot.children:
                cref = retour.entry_for(child.path) if retour else None
                part = place(child, cref, run)
                if ref and ref.entry.ran and not (cref and cref.entry.ran):
                    # the tracks moved as a whole: their blocks move with them
                    shift = run.start - slot.start
                    part.day, part.start, part.end = run.day, part.start + shift, part.end + shift
                run.children.append(part)
            ran_children = [c for c in run.children if not c.dropped]
            if run.children and not (ref and ref.entry.ran) and not run.dropped:
                if ran_children:
                    run.start = min(c.start for c in ran_children)
                    run.end = max(c.end for c in ran_children)
                else:  # every track's block dropped: the set did not run
                    run.dropped = True
            blocks.append(run)
    if retour is not None:
        for ref in retour.entries:
            if ref.target is None and ref.entry.block is None:
                blocks.append(place(None, ref, None))
    if problems:
        raise UserError(problems)
    return RunPlan(plan, retour, blocks)
