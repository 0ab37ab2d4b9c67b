"""`facilitation propose`: a proposed plan written as a session file that checks clean.

The file is plain session YAML, commented for the person who will edit it: how to draw the
same plan again (its seed), its short plan line to share, and for each block the part of the
session it plays and the method it usually follows. It is read back and scheduled before it
replaces anything on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from facilitation.errors import Problem, UserError
from facilitation.load.library import Library
from facilitation.load.sessions import load_session
from facilitation.model.exercise import Exercise
from facilitation.model.session import minutes_of
from facilitation.plan.propose import Proposal, exercises_by_id, expand, linked, propose
from facilitation.plan.schedule import schedule
from facilitation.plan.timeline import Plan
from facilitation.text.dates import hm
from facilitation.text.durations import format_duration
from facilitation.text.i18n import ARCS, LANGS
from facilitation.text.messages import _, ngettext, translations

SHORT_BY = 20  # a plan this much shorter than asked for is said


@dataclass
class ProposeOptions:
    """What `facilitation propose` was asked: as typed, checked by run_propose."""

    people: int
    budget: int | None = None  # minutes
    goal: str = ""
    seed: int | None = None
    plan_line: str | None = None
    start: str = "9:00"
    date: str | None = None  # 2025-03-14; today when None
    programme: str | None = None
    output: str | None = None
    force: bool = False
    lang: str = "fr"


@dataclass
class Proposed:
    """What run_propose wrote: the proposal, its plan, the file, notes for the user."""

    proposal: Proposal
    plan: Plan
    path: Path
    line: str
    summary: str
    notes: list[str] = field(default_factory=list)


def parse_start(value: str) -> int:
    """--start as minutes since midnight (9:30, 14h15)."""
    from pydantic import TypeAdapter, ValidationError

    from facilitation.model.session import Time

    try:
        return minutes_of(TypeAdapter(Time).validate_python(value))
    except ValidationError:
        raise UserError(
            Problem(
                _("expected a time such as 9:30 or 14h15, found '{value}'").format(value=value),
                path="--start",
            )
        ) from None


def parse_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(
            Problem(
                _("expected a date written 2025-03-14, found '{value}'").format(value=value),
                path="--date",
            )
        ) from None


def run_propose(library: Library, opts: ProposeOptions) -> Proposed:
    """Draw (or expand) a plan, write it as a session file, read it back and time it."""
    start = parse_start(opts.start)
    day = parse_date(opts.date)
    library.check()
    exercises = exercises_by_id(library.exercises.values())
    notes = []
    seed = opts.seed
    if opts.plan_line:
        proposal = expand(opts.plan_line, exercises, opts.people, start, opts.budget, opts.goal)
        if opts.budget is not None and proposal.minutes > opts.budget:
            notes.append(
                _("note: the plan takes {plan}, more than the {time} asked for").format(
                    plan=_duration(proposal.minutes, opts.lang),
                    time=_duration(opts.budget, opts.lang),
                )
            )
    else:
        if opts.budget is None:
            raise UserError(
                Problem(
                    _("say how long the day is with --time, or give a --plan line"), path="--time"
                )
            )
        if seed is None:
            seed = random.SystemRandom().randrange(1, 10000)
        proposal = propose(exercises, opts.budget, opts.people, opts.goal, seed, start, opts.lang)
        if proposal.minutes < opts.budget - SHORT_BY:
            notes.append(
                _(
                    "note: the methods of the library that suit {people} people fill {plan} "
                    "of the {time}; the day ends at {end}"
                ).format(
                    people=opts.people,
                    plan=_duration(proposal.minutes, opts.lang),
                    time=_duration(opts.budget, opts.lang),
                    end=hm(start + proposal.minutes),
                )
            )
    stem = _("proposal")  # the file's name when -o is not given
    name = opts.output or (f"{stem}-{seed}.yaml" if not opts.plan_line else f"{stem}.yaml")
    programme = opts.programme or _("Proposal")
    text = session_text(proposal, exercises, opts.lang, programme, day)
    path = Path(name)
    plan = write_proposal(text, path, library, opts.force)
    return Proposed(
        proposal, plan, path, proposal.line(exercises), summary(plan, proposal, opts.lang), notes
    )


def _duration(minutes: int, lang: str) -> str:
    return format_duration(minutes, lang).replace("\u00a0", " ")


def _q(text: str) -> str:
    """A YAML scalar that reads back as this exact string (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _in_each_language(message: str) -> str:
    """A message of the catalogue as a {fr: ..., en: ...} mapping, in flow style."""
    parts = ", ".join(f"{lang}: {_q(translations(lang).gettext(message))}" for lang in LANGS)
    return "{" + parts + "}"


def reproduce_command(proposal: Proposal, line: str) -> tuple[str, str]:
    """The two commands that give this plan back: by its seed, and by its plan line."""
    opts = f"--people {proposal.people}"
    if proposal.start != 9 * 60:
        opts += f" --start {hm(proposal.start)}"
    goal = f" --goal {_q(proposal.goal)}" if proposal.goal else ""
    time = format_duration(proposal.budget, "en").replace("\u00a0", "").replace("min", "")
    by_seed = ""
    if proposal.seed is not None:
        by_seed = f"facilitation propose --time {time} {opts}{goal} --seed {proposal.seed}"
    by_line = f'facilitation propose --plan "{line}" --time {time} {opts}{goal}'
    return by_seed, by_line


def session_text(
    proposal: Proposal,
    exercises: dict[str, Exercise],
    lang: str,
    programme: str,
    date: dt.date,
) -> str:
    """The session file of a proposal, commented in the run's language."""
    line = proposal.line(exercises)
    by_seed, by_line = reproduce_command(proposal, line)
    length = format_duration(proposal.budget, lang).replace("\u00a0", " ")
    out = [
        "# "
        + _("A plan proposed by facilitation: {time} for {people} people.").format(
            time=length, people=proposal.people
        ),
    ]
    if by_seed:
        out.append(
            "# " + _("The same plan again (same library): {command}").format(command=by_seed)
        )
    out += [
        "# " + _("Its plan line, to share: {line}").format(line=line),
        "#   " + by_line,
        "# " + _("Then: facilitation check FILE --strict, and facilitation kit FILE -o kit/"),
        "",
        f"programme: {_q(programme)}",
        "title: " + (_q(proposal.goal) if proposal.goal else _in_each_language("Proposed session")),
        f"language: {lang}",
        f"participants: {proposal.people}",
        "days:",
        f"  - date: {date.isoformat()}",
        f"    start: {_q(hm(proposal.start))}",
        f"    end: {_q(hm(proposal.start + proposal.budget))}",
        "    blocks:",
    ]
    before: Exercise | None = None
    for it in proposal.items:
        ex = exercises[it.id]
        if it.logistics:
            head = f"      - logistics: {it.logistics}"
        else:
            head = f"      - exercise: {it.id}"
        notes = []
        if ex.arc != "logistics":
            notes.append(ARCS[ex.arc][lang])
        if before is not None and ex.arc != "logistics" and linked(before, ex):
            notes.append(_("usually comes after {id}").format(id=before.id))
        out.append(head + (f"  # {' · '.join(notes)}" if notes else ""))
        out.append(f"        duration: {it.minutes} min")
        if it.logistics != "break":  # a break does not cut a string
            before = ex
    return "\n".join(out) + "\n"


def write_proposal(text: str, path: Path, library: Library, force: bool = False) -> Plan:
    """Write the session file (read back and scheduled first); return its plan."""
    if path.exists() and not force:
        raise UserError(
            Problem(
                _("the file exists already"),
                file=str(path),
                hint=_("choose another name with -o, or replace it with --force"),
            )
        )
    if path.parent and not path.parent.is_dir():
        raise UserError(Problem(_("no such folder"), file=str(path.parent)))
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    try:
        load_session(tmp, library)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return schedule(load_session(path, library))


def summary(plan: Plan, proposal: Proposal, lang: str) -> str:
    """One line: how long, for how many, how many blocks and warnings."""
    n = len(plan.all_slots())
    w = len(plan.warnings)
    return ", ".join(
        [
            format_duration(proposal.minutes, lang).replace("\u00a0", " "),
            ngettext("{n} person", "{n} people", proposal.people).format(n=proposal.people),
            ngettext("{n} block", "{n} blocks", n).format(n=n),
            ngettext("{n} warning", "{n} warnings", w).format(n=w),
        ]
    )
