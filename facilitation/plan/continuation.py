"""One activity carried on over several blocks (`continues: true`): a field immersion run on
the afternoon of one day and the morning of the next is one activity, not two.

Its parts are linked to the first one (`Slot.head`), which prints the supports and counts the
materials for the whole. The steps run on from part to part: the method's steps (or those of
the first part's variant) are laid over the activity's whole time, and each part shows the
ones that fall in it; a step cut by the end of a part goes on at the start of the next. A
later part that names a variant with its own steps (a "resume" variant) runs those instead.
"""

from __future__ import annotations

from facilitation.load.sessions import continued_paths
from facilitation.model.exercise import Step
from facilitation.plan.steps import StepTime, StepTiming, time_steps
from facilitation.plan.timeline import Plan, Slot


def join_parts(plan: Plan) -> None:
    """Link every continued block to the first part of its activity and share out the
    activity's steps between the parts."""
    by_path = {s.path: s for s in plan.all_slots()}
    heads: list[Slot] = []
    for path, before in continued_paths(plan.session).items():
        slot, prev = by_path.get(path), by_path.get(before) if before else None
        if slot is None or prev is None:
            continue
        head = prev.first
        slot.head = head
        head.parts.append(slot)
        if head not in heads:
            heads.append(head)
    for head in heads:
        _share_steps(head)


def _own_steps(slot: Slot) -> bool:
    ex = slot.exercise
    v = ex.variant_of(slot.block.variant) if ex else None
    return v is not None and bool(v.steps)


def _share_steps(head: Slot) -> None:
    for part in head.parts:
        if _own_steps(part):
            part.carried = False
    shared = [head] + [p for p in head.parts if not _own_steps(p)]
    if head.timing is None or head.exercise is None:
        return
    total = sum(p.minutes for p in shared)
    whole = time_steps(
        head.exercise, head.people, total, head.block.variant, head.block.split
    ).steps
    if not whole:
        return
    if not any(st.teams for st in whole):  # the added time goes to the field work
        lengths = stretch([st.step for st in head.timing.steps], total)
        whole = [StepTime(st.step, m) for st, m in zip(whole, lengths, strict=True)]
    # the steps laid end to end over the activity's time; each part takes its window
    bounds = []
    t = 0
    for st in whole:
        bounds.append((t, t + st.minutes))
        t += st.minutes
    offset = 0
    for part in shared:
        lo, hi = offset, offset + part.minutes
        mine: list[StepTime] = []
        part.carried = part.unfinished = False
        for st, (a, b) in zip(whole, bounds, strict=True):
            inside = min(b, hi) - max(a, lo)
            if inside > 0 or (a == b and lo <= a < hi):
                mine.append(StepTime(st.step, max(0, inside), st.teams, st.each))
                if a < lo and len(mine) == 1:
                    part.carried = True
                if b > hi:
                    part.unfinished = True
        part.timing = StepTiming(steps=mine, total=part.minutes)
        part.step_minutes = [st.minutes for st in mine]
        offset = hi


def stretch(steps: list[Step], total: int) -> list[int]:
    """Step lengths for an activity longer or shorter than the method's: the time added goes
    to its longest step (the field work, not the briefing); time taken away is taken from
    every step in proportion."""
    base = [s.minutes for s in steps]
    if total <= sum(base):
        return _shrink(base, total)
    longest = max(range(len(base)), key=lambda i: (base[i], -i))
    out = list(base)
    out[longest] += total - sum(base)
    return out


def _shrink(base: list[int], total: int) -> list[int]:
    """Whole minutes in proportion to `base`, adding up to `total` (largest remainders)."""
    whole = sum(base)
    if whole == 0:
        return list(base)
    raw = [m * total / whole for m in base]
    out = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out
