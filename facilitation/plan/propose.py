"""Plan proposals: a day for a time budget and a head count, following the arc of a session
(open, explore, converge, close), with a welcome, breaks and lunch where the day needs them.

How a plan is drawn: the work time is shared between the parts of the arc; each part draws its
methods from the library at random, with a seed, among those that fit the head count and the
time left, favouring the methods that usually follow the one before (their strings), the ones
close to the goal when there is one, and those whose usual length suits the time. The lengths
are then stretched or shortened within each method's range to fill the budget, and breaks go
in so that no stretch of work passes two hours. The same seed, library and options give the
same plan; the plan line (`accueil:15,meteo-interieure,debat-mouvant,…`) gives it back without
the seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.model.exercise import Exercise
from facilitation.model.limits import MAX_PLAN_ENTRIES
from facilitation.plan.checks import configuration_problem
from facilitation.plan.suggest import fits_people, named_concepts, shortest_for, suggest
from facilitation.plan.supports import missing_pictures

BREAK_EVERY = 120  # minutes of work before a break (plan/checks.py warns past 130)
LONGEST_BLOCK = 120  # no single method longer than this: a break must fit around it
BREAK = 15
LUNCH = 60
LUNCH_WINDOW = (12 * 60, 14 * 60)  # a day that spans it has lunch (plan/checks.py)
STEP = 5  # lengths are multiples of five minutes where the range allows
LOGISTICS = {"welcome": "accueil", "break": "pause", "lunch": "dejeuner"}
# Share of the work time of each part of the arc, by how many parts the day holds.
SHARES = {
    4: {"open": 0.2, "explore": 0.38, "converge": 0.25, "close": 0.17},
    3: {"open": 0.25, "middle": 0.5, "close": 0.25},
    2: {"open": 0.5, "close": 0.5},
}
STRING_BOOST = 3.0  # a method that usually follows the one before is this much likelier
MAX_DAY = 10 * 60
# Methods that go out to meet people (interviews, observation, after the trip to the field)
# are drawn only when the goal names fieldwork: they need a day organised around them.
FIELDWORK_TAGS = {"terrain", "entretien", "observation"}


@dataclass
class Item:
    """One block of the plan: a method (or a logistics entry) and its minutes."""

    id: str
    minutes: int
    logistics: str | None = None  # welcome | break | lunch | travel
    after_lunch: bool = False  # an energiser kept for the start of the afternoon


@dataclass
class Proposal:
    """A day's plan: its blocks in order, the start time (minutes since midnight), the
    budget and the seed it was drawn with (None when it was given as a plan line)."""

    items: list[Item]
    start: int
    budget: int
    people: int
    seed: int | None = None
    goal: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(i.minutes for i in self.items)

    def line(self, exercises: dict[str, Exercise]) -> str:
        """The short plan line: ids in order, `:minutes` where they differ from the usual."""
        parts = []
        for it in self.items:
            ex = exercises.get(it.id)
            usual = ex.duration.typical if ex else None
            parts.append(it.id if it.minutes == usual else f"{it.id}:{it.minutes}")
        return ",".join(parts)


def _round(minutes: int, low: int, high: int) -> int:
    """The nearest multiple of five within [low, high], else the value clamped."""
    value = max(low, min(high, minutes))
    up = -(-value // STEP) * STEP
    down = value // STEP * STEP
    for v in (down, up) if value - down <= up - value else (up, down):
        if low <= v <= high:
            return v
    return value


def linked(before: Exercise | None, after: Exercise) -> bool:
    """Whether `after` usually follows `before` (either method's strings say so)."""
    if before is None:
        return False
    return after.id in before.strings.after or before.id in after.strings.before


class Drawer:
    """Draws the methods of each part of the arc."""

    def __init__(
        self,
        exercises: dict[str, Exercise],
        people: int,
        goal: str,
        rng: random.Random,
        lang: str,
    ) -> None:
        self.exercises = exercises
        self.people = people
        self.lang = lang
        self.rng = rng
        self.used: set[str] = set()
        named = {n.concept.id for n in named_concepts(goal)} if goal else set()
        self.goal_scores: dict[str, float] = {}
        if goal:
            ranked = suggest(exercises.values(), goal, None, people, lang, limit=len(exercises))
            top = max((s.score for s in ranked.items), default=0.0) or 1.0
            self.goal_scores = {s.exercise.id: s.score / top for s in ranked.items}
        self.fieldwork = bool(named & FIELDWORK_TAGS)
        trip = exercises.get("trajet")
        self.outside = {
            ex.id
            for ex in exercises.values()
            if FIELDWORK_TAGS & set(ex.tags) - {"terrain"}
            or "trajet" in ex.strings.before
            or (trip is not None and ex.id in trip.strings.after)
        }
        self.shortest = {ex.id: shortest_for(ex, people) for ex in exercises.values()}

    def candidates(self, arc: str, room: int) -> list[Exercise]:
        out = []
        for ex_id in sorted(self.exercises):
            ex = self.exercises[ex_id]
            if ex.arc != arc or ex.id in self.used or ex.logistics:
                continue
            if ex.id in self.outside and not self.fieldwork:
                continue  # going out to meet people: only when the goal asks for it
            if not fits_people(ex, self.people) or configuration_problem(
                ex.configuration, self.people
            ):
                continue  # `check` would say the group cannot work this way
            longest = min(ex.duration.max or ex.duration.typical, LONGEST_BLOCK)
            if self.shortest[ex.id] > min(room, longest):
                continue  # no room, or cannot run for this many people within its range
            if missing_pictures(ex, self.lang, {}):
                continue  # its picture cards would print empty: pictures must be chosen first
            out.append(ex)
        return out

    def draw(self, arc: str, room: int, before: Exercise | None) -> Exercise | None:
        cands = self.candidates(arc, room)
        if not cands:
            return None
        weights = []
        for ex in cands:
            w = 1.0
            if linked(before, ex):
                w *= STRING_BOOST
            if self.goal_scores:
                w *= 0.05 + 4.0 * self.goal_scores.get(ex.id, 0.0) ** 2
            w *= 1.2 if ex.duration.typical <= room else 0.8
            weights.append(w)
        ex = self.rng.choices(cands, weights)[0]
        self.used.add(ex.id)
        return ex

    def length(self, ex: Exercise, room: int) -> int:
        high = min(ex.duration.max or ex.duration.typical, LONGEST_BLOCK)
        low = self.shortest[ex.id]
        return _round(min(ex.duration.typical, room), low, max(low, min(high, room)))


def _parts(work: int) -> list[str]:
    if work < 45:
        return ["open", "close"]
    if work < 90:
        return ["open", "middle", "close"]
    return ["open", "explore", "converge", "close"]


def propose(
    exercises: dict[str, Exercise],
    budget: int,
    people: int,
    goal: str = "",
    seed: int = 1,
    start: int = 9 * 60,
    lang: str = "fr",
) -> Proposal:
    """A day of `budget` minutes from `start` for `people`, drawn with `seed`."""
    from facilitation.text.messages import _

    if start + budget > 24 * 60 or budget > MAX_DAY:
        raise UserError(
            Problem(
                _("a proposal plans one day, of at most 10 hours"),
                path="--time",
                hint=_("propose each day of a longer session on its own"),
            )
        )
    rng = random.Random(seed)
    drawer = Drawer(exercises, people, goal, rng, lang)
    welcome = 15 if budget >= 90 and "accueil" in exercises else 0
    lunch = start <= LUNCH_WINDOW[0] and start + budget >= LUNCH_WINDOW[1]
    work = budget - welcome - (LUNCH if lunch else 0)
    # breaks: one per two hours of work, about
    work -= BREAK * max(0, -(-work // (BREAK_EVERY + BREAK)) - 1 - (1 if lunch else 0))
    parts = _parts(work)
    shares = SHARES[len(parts)]
    middle = "explore"
    if "middle" in parts:
        arcs_named = {n.concept.id for n in named_concepts(goal)} if goal else set()
        middle = "converge" if "converge" in arcs_named else rng.choice(["explore", "converge"])
    items: list[Item] = []
    before: Exercise | None = exercises.get("accueil") if welcome else None
    carry = 0
    energiser: Item | None = None
    if lunch:
        ex = drawer.draw("energise", 15, exercises.get("dejeuner"))
        if ex:
            energiser = Item(ex.id, drawer.length(ex, 15), after_lunch=True)
            work -= energiser.minutes
    for part in parts:
        arc = middle if part == "middle" else part
        room = int(work * shares[part]) + carry
        taken = 0
        while True:
            left = room - taken
            if taken and (arc in ("open",) or left < 20):
                break
            ex = drawer.draw(arc, left, before)
            if ex is None:
                break
            minutes = drawer.length(ex, left)
            items.append(Item(ex.id, minutes))
            taken += minutes
            before = ex
            if arc == "close" and (work < 150 or left - minutes < 15):
                break
        carry = room - taken
    if not items:
        raise UserError(
            Problem(
                _("no method of the library fits {people} people in this time").format(
                    people=people
                ),
                path="--time",
                hint=_("give more time, or check the group sizes with facilitation list"),
            )
        )
    if energiser:
        items.append(energiser)
    proposal = Proposal([], start, budget, people, seed, goal)
    fit(proposal, items, exercises, welcome, lunch, drawer)
    return proposal


def place(items: list[Item], start: int, welcome: int, lunch: bool) -> tuple[list[Item], list[int]]:
    """The day in order, with welcome, lunch and breaks put in; and for each item, the
    stretch of work (between two breaks) it falls in, numbered from 0."""
    day: list[Item] = []
    if welcome:
        day.append(Item(LOGISTICS["welcome"], welcome, "welcome"))
    t = start + welcome
    since = t
    lunch_done = not lunch
    stretch = 0
    of = [0] * len(items)
    after = [i for i, it in enumerate(items) if it.after_lunch]

    def eat() -> None:
        nonlocal t, since, stretch
        day.append(Item(LOGISTICS["lunch"], LUNCH, "lunch"))
        t += LUNCH
        since = t
        stretch += 1
        for i in after:
            day.append(items[i])
            of[i] = stretch
            t += items[i].minutes

    for i, it in enumerate(items):
        if it.after_lunch:
            continue
        if not lunch_done and (t >= LUNCH_WINDOW[0] - 15 or t + it.minutes > 13 * 60 + 15):
            eat()
            lunch_done = True
        if t > since and t + it.minutes - since > BREAK_EVERY:
            day.append(Item(LOGISTICS["break"], BREAK, "break"))
            t += BREAK
            since = t
            stretch += 1
        day.append(it)
        of[i] = stretch
        t += it.minutes
    if not lunch_done:
        eat()
    return day, of


def fit(
    proposal: Proposal,
    items: list[Item],
    exercises: dict[str, Exercise],
    welcome: int,
    lunch: bool,
    drawer: Drawer,
) -> None:
    """Stretch or shorten the methods within their ranges until the day fills its budget
    without passing it; add a method where a lot of time is left."""
    budget, start = proposal.budget, proposal.start
    for _attempt in range(12):
        day, stretch = place(items, start, welcome, lunch)
        total = sum(i.minutes for i in day)
        if total > budget:
            if not _shrink(items, total - budget, exercises, drawer) and not _drop(items, drawer):
                break
            continue
        slack = budget - total
        if slack < STEP:
            break
        if _grow(items, slack, stretch, exercises):
            continue
        if slack < 20 or not _add(items, slack, drawer):
            break
    day, _stretch = place(items, start, welcome, lunch)
    while sum(i.minutes for i in day) > budget:
        over = sum(i.minutes for i in day) - budget
        if not _shrink(items, over, exercises, drawer) and not _drop(items, drawer):
            break
        day, _stretch = place(items, start, welcome, lunch)
    if _round_up(items, budget - sum(i.minutes for i in day), exercises):
        day, _stretch = place(items, start, welcome, lunch)
    proposal.items = day


def _round_up(items: list[Item], slack: int, exercises: dict[str, Exercise]) -> bool:
    """Give the minutes left (fewer than five) to a method whose length is not a multiple of
    five, the last first, within its range: a day of 3 h ends at 17:00, not 16:59 with a
    debrief of 29 minutes. True when one grew."""
    for it in reversed(items):
        up = -it.minutes % STEP
        ex = exercises.get(it.id)
        if not up or up > slack or ex is None or it.logistics:
            continue
        if it.minutes + up <= (ex.duration.max or ex.duration.typical):
            it.minutes += up
            return True
    return False


def _drop(items: list[Item], drawer: Drawer) -> bool:
    """Leave out the longest method of the middle of the day (never the first or the last,
    which open and close it). True when one was left out."""
    middle = [i for i, it in enumerate(items) if not it.after_lunch][1:-1]
    if not middle:
        return False
    drop = max(middle, key=lambda i: (items[i].minutes, -i))
    drawer.used.discard(items[drop].id)
    del items[drop]
    return True


def _shrink(items: list[Item], over: int, exercises: dict[str, Exercise], drawer: Drawer) -> bool:
    """Shorten the longest methods first, five minutes at a time, down to their shortest
    run for the group. True when the plan shrank by `over`."""
    while over > 0:
        best = None
        for it in sorted(items, key=lambda i: (-i.minutes, i.id)):
            step = it.minutes % STEP or STEP  # back onto a multiple of five
            if it.minutes - step >= drawer.shortest[it.id]:
                best = (it, step)
                break
        if best is None:
            return False
        best[0].minutes -= best[1]
        over -= best[1]
    return True


def _grow(items: list[Item], slack: int, of: list[int], exercises: dict[str, Exercise]) -> bool:
    """Lengthen methods five minutes at a time towards their longest run, the middle of the
    arc first, without making a stretch of work pass two hours. True when anything grew."""
    totals: dict[int, int] = {}
    for it, s in zip(items, of, strict=True):
        totals[s] = totals.get(s, 0) + it.minutes
    order = sorted(
        range(len(items)),
        key=lambda i: (
            exercises[items[i].id].arc not in ("explore", "converge"),
            items[i].minutes,
            i,
        ),
    )
    grew = False
    while slack >= STEP:
        for i in order:
            it = items[i]
            ex = exercises[it.id]
            high = min(ex.duration.max or ex.duration.typical, LONGEST_BLOCK)
            step = STEP - it.minutes % STEP  # back onto a multiple of five
            if it.minutes + step <= high and totals[of[i]] + step <= BREAK_EVERY and step <= slack:
                it.minutes += step
                totals[of[i]] += step
                slack -= step
                grew = True
                break
        else:
            break
    return grew


def _add(items: list[Item], slack: int, drawer: Drawer) -> bool:
    """One more method in the middle of the arc, where a lot of time is left."""
    work = [i for i, it in enumerate(items) if not it.after_lunch]
    for arc in ("explore", "converge", "energise"):
        spots = [i for i in work if drawer.exercises[items[i].id].arc == arc]
        if not spots:
            continue
        at = spots[-1]
        ex = drawer.draw(arc, slack, drawer.exercises[items[at].id])
        if ex is None:
            continue
        items.insert(at + 1, Item(ex.id, drawer.length(ex, slack)))
        return True
    return False


def parse_line(line: str, exercises: dict[str, Exercise]) -> list[tuple[str, int | None]]:
    """(id, minutes or None) for each entry of a plan line (`id` or `id:minutes`; the
    beginning of an id is enough when only one id begins so); bad entries are UserErrors."""
    from facilitation.text.durations import DurationError, parse_duration
    from facilitation.text.messages import _, ngettext

    entries = line.split(",")
    if len(entries) > MAX_PLAN_ENTRIES:
        raise UserError(
            Problem(
                ngettext(
                    "a plan line of {n} entry: at most {limit}",
                    "a plan line of {n} entries: at most {limit}",
                    len(entries),
                ).format(n=len(entries), limit=MAX_PLAN_ENTRIES),
                path="--plan",
                hint=_("a plan line is one day, a few methods separated by commas"),
            )
        )
    out: list[tuple[str, int | None]] = []
    problems = []
    for n, raw in enumerate(x.strip() for x in entries):
        if not raw:
            continue
        ex_id, _sep, length = raw.partition(":")
        ex_id = ex_id.strip()
        minutes = None
        if length.strip():
            try:
                minutes = parse_duration(length.strip())
            except DurationError as exc:
                problems.append(Problem(str(exc), path=f"--plan, {n + 1}: {raw}"))
                continue
        if ex_id not in exercises:
            starting = [i for i in sorted(exercises) if i.startswith(ex_id)] if ex_id else []
            if len(starting) == 1:  # a unique beginning stands for the id: meteo
                out.append((starting[0], minutes))
                continue
            problems.append(
                Problem(
                    _("unknown method '{id}'").format(id=ex_id),
                    path=f"--plan, {n + 1}",
                    hint=(
                        _("several methods begin so: {ids}").format(ids=", ".join(starting[:6]))
                        if starting
                        else did_you_mean(ex_id, exercises) or _("run 'facilitation list'")
                    ),
                )
            )
            continue
        out.append((ex_id, minutes))
    if problems:
        raise UserError(problems)
    if not out:
        raise UserError(Problem(_("the plan line is empty"), path="--plan"))
    return out


def expand(
    line: str,
    exercises: dict[str, Exercise],
    people: int,
    start: int = 9 * 60,
    budget: int | None = None,
    goal: str = "",
) -> Proposal:
    """The plan a line describes, block by block, as written: minutes as given, else each
    method's usual length."""
    from facilitation.text.dates import hm
    from facilitation.text.durations import format_duration
    from facilitation.text.messages import _, language

    items = []
    for ex_id, minutes in parse_line(line, exercises):
        ex = exercises[ex_id]
        items.append(Item(ex_id, minutes or ex.duration.typical, ex.logistics))
    total = sum(i.minutes for i in items)
    if start + total > 24 * 60:  # said here, not met as a day ending at 100008:00
        raise UserError(
            Problem(
                _("the plan line lasts {length}: from {start}, it ends after midnight").format(
                    length=format_duration(total, language()), start=hm(start)
                ),
                path="--plan",
                hint=_("a plan line is one day: shorten its blocks, or start earlier (--start)"),
            )
        )
    return Proposal(items, start, max(total, budget or 0), people, None, goal)


def exercises_by_id(exercises: Iterable[Exercise]) -> dict[str, Exercise]:
    return {ex.id: ex for ex in exercises}
