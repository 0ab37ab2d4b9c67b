"""`facilitation propose`: a proposed plan written as a session file that checks clean.

The file is plain session YAML, commented for the person who will edit it: how to draw the
same plan again (its seed), its short plan line to share, and for each block the part of the
session it plays and the method it usually follows. It is read back and scheduled before it
replaces anything on disk.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from facilitation import processes
from facilitation.errors import Problem, UserError
from facilitation.jobs.output import fault_reason
from facilitation.load.library import Library
from facilitation.load.sessions import load_session
from facilitation.model.exercise import Exercise
from facilitation.model.limits import MAX_TEXT, MAX_YEAR, MIN_YEAR
from facilitation.model.session import minutes_of
from facilitation.model.words import arc_label, logistics_label
from facilitation.plan.examples import unchosen
from facilitation.plan.propose import Proposal, exercises_by_id, expand, linked, propose
from facilitation.plan.schedule import schedule
from facilitation.plan.suggest import check_wish
from facilitation.plan.supports import exercise_values
from facilitation.plan.timeline import Plan
from facilitation.text.dates import hm
from facilitation.text.durations import format_duration
from facilitation.text.i18n import LANGS, tr
from facilitation.text.messages import N_, _, ngettext, translations

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
    """--date as people write it (2025-03-14, 14/03/2025, 14 mars 2025); today when none."""
    from facilitation.text.dates import DateError
    from facilitation.text.dates import parse_date as read_date

    if value is None:
        return dt.date.today()
    try:
        day = read_date(value)
    except DateError as exc:
        raise UserError(Problem(str(exc), path="--date")) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UserError(
            Problem(
                _("the year {year} is out of range: {low} to {high}").format(
                    year=day.year, low=MIN_YEAR, high=MAX_YEAR
                ),
                path="--date",
            )
        )
    return day


def run_propose(library: Library, opts: ProposeOptions) -> Proposed:
    """Draw (or expand) a plan, write it as a session file, read it back and time it."""
    start = parse_start(opts.start)
    day = parse_date(opts.date)
    check_wish(opts.goal, "--goal")
    for option, value in (("--programme", opts.programme or ""), ("--goal", opts.goal)):
        if len(value) > MAX_TEXT:  # said of the option, not of the file it would go into
            raise UserError(
                Problem(
                    ngettext(
                        "a text of {n} character: at most {limit} in one value",
                        "a text of {n} characters: at most {limit} in one value",
                        len(value),
                    ).format(n=len(value), limit=MAX_TEXT),
                    path=option,
                )
            )
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


def _time(minutes: int) -> str:
    """A time of day as session files and the command line write it: 9:00, 14:30."""
    return f"{minutes // 60}:{minutes % 60:02d}"


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
        opts += f" --start {_time(proposal.start)}"
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
        "# "
        + _(
            "A block marked 'content to choose' prints the built-in example, written for "
            "another case, until you give your own: check says so."
        ),
        "",
        f"programme: {_q(programme)}",
        "title: "
        + (_q(proposal.goal) if proposal.goal else _in_each_language(N_("Proposed session"))),
        f"language: {lang}",
        f"participants: {proposal.people}",
        "days:",
        f"  - date: {date.isoformat()}",
        f"    start: {_q(_time(proposal.start))}",
        f"    end: {_q(_time(proposal.start + proposal.budget))}",
        "    blocks:",
    ]
    before: Exercise | None = None
    for it in proposal.items:
        ex = exercises[it.id]
        if it.logistics:  # in the session's language, as a new session writes it
            head = f"      - logistics: {logistics_label(it.logistics)}"
        else:
            head = f"      - exercise: {it.id}"
        notes = []
        if ex.arc != "logistics":
            notes.append(arc_label(ex.arc))
        if before is not None and ex.arc != "logistics" and linked(before, ex):
            notes.append(_("usually comes after {id}").format(id=before.id))
        out.append(head + (f"  # {' · '.join(notes)}" if notes else ""))
        out.append(f"        duration: {it.minutes} min")
        to_choose = [
            f"{name} ({tr(ex.parameters[name].label, lang)})"
            for name, _kind in unchosen(ex, None, {}, exercise_values(ex))
        ]
        if to_choose:  # check says it too, with the block's line
            out.append(
                "        # "
                + _("content to choose, under 'params:': {params}").format(
                    params=", ".join(to_choose)
                )
            )
        if it.logistics != "break":  # a break does not cut a string
            before = ex
    return "\n".join(out) + "\n"


def write_proposal(text: str, path: Path, library: Library, force: bool = False) -> Plan:
    """Write the session file, read back and scheduled first; return its plan. The file is
    written beside under a name of its own (never through a link), then put in place in one
    step: never over another file unless --force, and nothing half-written if the disk fails
    or the run is stopped."""
    if (path.exists() or path.is_symlink()) and not force:
        raise UserError(
            Problem(
                _("the file exists already"),
                file=str(path),
                hint=_("choose another name with -o, or replace it with --force"),
            )
        )
    if path.parent and not path.parent.is_dir():
        raise UserError(Problem(_("no such folder"), file=str(path.parent)))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")

    def remove() -> None:
        tmp.unlink(missing_ok=True)

    processes.on_signal(remove)
    try:
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(tmp, flags, 0o644), "wb") as f:
                f.write(text.encode("utf-8"))
            load_session(tmp, library)
            with processes.held():
                if force:
                    os.replace(tmp, path)
                else:
                    _put_new(tmp, path)
        except FileExistsError:
            raise UserError(
                Problem(
                    _("the file exists already"),
                    file=str(path),
                    hint=_("choose another name with -o, or replace it with --force"),
                )
            ) from None
        except OSError as exc:
            raise UserError(
                Problem(
                    _("cannot write the file: {reason}").format(reason=fault_reason(exc)),
                    file=str(path),
                )
            ) from None
    finally:
        remove()
        processes.forget(remove)
    return schedule(load_session(path, library))


def _put_new(tmp: Path, path: Path) -> None:
    """Put `tmp` in place as `path`, never over a file that came meanwhile: a hard link
    (refused if `path` exists), or a rename on disks that have no links (FAT, some shares)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
        if path.exists() or path.is_symlink():
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)


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
