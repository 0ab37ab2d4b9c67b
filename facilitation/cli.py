"""The command line. It parses options, calls the library, prints. Nothing else.

Heavy modules (reportlab) are imported inside the commands that render, so that
`facilitation --help` and `facilitation list` start fast.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from facilitation import __version__
from facilitation.errors import UserError

LANG_ENV = "FACILITATION_LANG"


class FacilitationGroup(click.Group):
    """Turns bad input into a clean message and a non-zero exit, with no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            ordered = sorted(exc.problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0))
            for problem in ordered:
                click.echo(problem.format(), err=True)
            n = sum(1 for p in exc.problems if p.severity == "error")
            if n > 1:
                click.echo(f"{n} problems.", err=True)
            ctx.exit(1)


def common(f: Callable[..., Any]) -> Callable[..., Any]:
    """--lang and --library, taken by every command."""

    @click.option(
        "--lang",
        type=click.Choice(["fr", "en"]),
        default=None,
        envvar=LANG_ENV,
        help="Language of the output (default: fr, or 'lang' in facilitation.yaml).",
    )
    @click.option(
        "--library",
        "libraries",
        multiple=True,
        type=click.Path(file_okay=False),
        help="A folder of your own exercises (repeatable); searched before the built-ins.",
    )
    @functools.wraps(f)
    def wrapper(*args: Any, lang: str | None, libraries: tuple[str, ...], **kw: Any) -> Any:
        from facilitation.load.library import Settings
        from facilitation.load.printdata import set_user_dirs
        from facilitation.text.messages import set_language

        settings = Settings.discover(libraries)
        set_user_dirs(settings.folders)  # their cards/ folders add to the print data
        kw["lang"] = lang or settings.lang or "fr"
        set_language(kw["lang"])
        kw["settings"] = settings
        return f(*args, **kw)

    return wrapper


def output_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """-o/--output, the folder a command writes into."""
    return click.option(
        "-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help=help_text
    )


@click.group(cls=FacilitationGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="facilitation")
def main() -> None:
    """Workshop methods in YAML, printed as the kit a facilitator carries into the room.

    \b
    Start with:
      facilitation list                  the methods it knows
      facilitation show debat-mouvant    one method, whole
      facilitation new exercise my-id    write your own
    """


def _library(settings: Any) -> Any:
    from facilitation.load.library import Library

    return Library.from_settings(settings)


@main.command("list")
@click.argument("query", required=False)
@click.option("--tag", multiple=True, help="Only exercises with this tag (repeatable).")
@click.option(
    "--arc",
    type=click.Choice(["open", "explore", "converge", "close", "energise", "logistics"]),
    help="Only this part of a session.",
)
@click.option("--max-duration", help="Only exercises that can fit in this time (e.g. 30 min).")
@click.option("--group-size", type=click.IntRange(1), help="Only exercises that work for N people.")
@common
def list_cmd(
    query: str | None,
    tag: tuple[str, ...],
    arc: str | None,
    max_duration: str | None,
    group_size: int | None,
    lang: str,
    settings: Any,
) -> None:
    """List the exercises, with filters and an optional text search (QUERY)."""
    from facilitation.plan.search import filter_exercises
    from facilitation.render.terminal import table

    library = _library(settings)
    library.check()
    found = filter_exercises(
        library.exercises.values(),
        query=query,
        tags=tag,
        arc=arc,
        max_duration=max_duration,
        group_size=group_size,
        lang=lang,
    )
    width = shutil.get_terminal_size((110, 24)).columns if sys.stdout.isatty() else 200
    click.echo(table(found, lang, width=max(width, 80)), nl=False)


@main.command()
@click.argument("exercise_id")
@common
def show(exercise_id: str, lang: str, settings: Any) -> None:
    """Show one exercise, whole, as a sheet to read."""
    from facilitation.render.terminal import show as render

    library = _library(settings)
    ex = library.get(exercise_id)
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    click.echo(render(ex, lang, width=width, style=lambda s: click.style(s, bold=True)), nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@common
def validate(paths: tuple[str, ...], lang: str, settings: Any) -> None:
    """Check exercise or session files, or whole folders. Exit 0 when all is well.

    Without PATHS, checks every library in use, built-ins included.
    """
    from facilitation.jobs.validate import validate_paths

    report = validate_paths([Path(p) for p in paths], settings)
    click.echo(report)


def _session(path: str, settings: Any) -> Any:
    from facilitation.load.library import Library
    from facilitation.load.sessions import load_session

    library = Library.from_settings(settings)
    library.check(everything=False)  # the user's own files; built-ins are read as used
    return load_session(Path(path), library)


@main.command()
@click.argument("session", type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 if any).")
@common
def check(session: str, strict: bool, lang: str, settings: Any) -> None:
    """Check a session plan and list what will go wrong on the day.

    Warnings name the block and its line: days running late, long stretches without a
    break, no lunch, durations outside an exercise's range, group configurations the head
    count cannot make, parallel tracks ending at different times.
    """
    from facilitation.plan.schedule import schedule

    plan = schedule(_session(session, settings), lang)
    for w in plan.warnings:
        click.echo(w.format())
    n = len(plan.warnings)
    days = len(plan.days)
    blocks = len(plan.all_slots())
    summary = f"{session}: {days} day{'s' if days != 1 else ''}, {blocks} blocks, "
    summary += f"{n} warning{'s' if n != 1 else ''}"
    if strict and n:
        from facilitation.errors import Problem

        raise UserError([Problem(f"{n} warning(s) with --strict", file=session)])
    click.echo(summary)


@main.command()
@click.argument("session", type=click.Path(dir_okay=False))
@output_option("Folder to write into (created if needed).")
@click.option(
    "--format",
    "formats",
    default="all",
    show_default=True,
    help="Comma-separated: pdf, md, html, ics, or all.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper of the participants' agenda and run-sheet.",
)
@click.option(
    "--wall",
    default="a3",
    show_default=True,
    help="Paper of the wall agenda (a3, a2, a1, tabloid...).",
)
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="A folder of jinja2 templates replacing ours by name (repeatable).",
)
@common
def agenda(
    session: str,
    out_dir: str,
    formats: str,
    paper: str,
    wall: str,
    template_dirs: tuple[str, ...],
    lang: str,
    settings: Any,
) -> None:
    """Print a session's agendas: participants (PDF), run-sheet, wall, Markdown, HTML, .ics."""
    from facilitation.jobs.agenda import parse_formats, write_agenda
    from facilitation.jobs.output import Outputs
    from facilitation.plan.schedule import schedule

    fmts = parse_formats(formats)
    plan = schedule(_session(session, settings), lang)
    dirs = [Path(d) for d in template_dirs] + [
        f / "templates" for f in settings.folders if (f / "templates").is_dir()
    ]
    with Outputs(Path(out_dir)) as out:
        written = write_agenda(
            plan, out, lang, paper=paper, formats=fmts, template_dirs=dirs, wall=wall
        )
    for w in plan.warnings:
        click.echo(w.format(), err=True)
    for item in written:
        click.echo(f"wrote {Path(out_dir) / item.name}")


def _mm(value: str, name: str) -> float:
    import re

    m = re.match(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(mm)?\s*$", value or "")
    if not m:
        raise click.BadParameter(
            f"expected millimetres such as 3mm, found '{value}'", param_hint=name
        )
    return float(m.group(1).replace(",", "."))


def _offset(value: str) -> tuple[float, float]:
    """--back-offset x,y in mm (as `facilitation calibrate` measures it)."""
    parts = value.split(",")
    if len(parts) != 2:
        raise click.BadParameter("expected x,y in mm such as 0.5,-1", param_hint="--back-offset")
    x, y = (_mm(v, "--back-offset") for v in parts)
    return x, y


BACK_OFFSET_HELP = (
    "Shift of the backs in mm, x,y, for printers that shift the back "
    "(measure it with 'facilitation calibrate')."
)


@main.command()
@click.argument("targets", nargs=-1, required=True)
@output_option("Folder to write into (created if needed).")
@click.option(
    "--format",
    "card_fmt",
    default="auto",
    show_default=True,
    help="Card format: poker, tarot, a6, a7, business, mini, WxH in mm, or auto "
    "(poker; a6 for personas, tarot for roles).",
)
@click.option("--sheet", default="a4", show_default=True, help="Paper: a4, letter, a3.")
@click.option(
    "--duplex",
    type=click.Choice(["long", "short", "fold", "none"]),
    default="long",
    show_default=True,
    help="Backs: flip on the long or short edge, fold-over, none.",
)
@click.option("--bleed", default="0mm", show_default=True, help="Bleed around each card (3mm).")
@click.option(
    "--copies",
    type=click.IntRange(1, 200),
    default=1,
    show_default=True,
    help="Decks of each set (e.g. one per group).",
)
@click.option("--back-offset", default="0,0", show_default=True, help=BACK_OFFSET_HELP)
@click.option("--theme", default="default", show_default=True, help="Theme id (cards/themes.yaml).")
@click.option("--programme", default="", help="Programme name printed on the backs.")
@common
def cards(
    targets: tuple[str, ...],
    out_dir: str,
    card_fmt: str,
    sheet: str,
    duplex: str,
    bleed: str,
    copies: int,
    back_offset: str,
    theme: str,
    programme: str,
    lang: str,
    settings: Any,
) -> None:
    """Print cards for exercises (ids) or for a whole session (a .yaml file).

    Each exercise gives its participant decks (fronts, then backs), its facilitator card
    (A6) and any floor signs, as separate PDFs: one paper size and one duplex setting each.
    """
    from facilitation.jobs.cards import CardOptions, write_exercise_cards
    from facilitation.jobs.output import Outputs

    bx, by = _offset(back_offset)
    opts = CardOptions(
        format=card_fmt,
        sheet=sheet.lower(),
        duplex=duplex,
        bleed=_mm(bleed, "--bleed"),
        copies=copies,
        lang=lang,
        theme=theme,
        back_offset=(bx, by),
        programme=programme,
    )
    jobs = []
    if len(targets) == 1 and targets[0].endswith((".yaml", ".yml")):
        from facilitation.jobs.kit import session_card_jobs

        loaded = _session(targets[0], settings)
        opts.programme = opts.programme or loaded.session.programme
        with Outputs(Path(out_dir)) as out:
            jobs = session_card_jobs(loaded, opts, out)
    else:
        library = _library(settings)
        exercises = [library.get(t) for t in targets]
        with Outputs(Path(out_dir)) as out:
            for ex in exercises:
                folder = library.folder_of(ex.id)
                root = folder if isinstance(folder, Path) else None
                jobs += write_exercise_cards(ex, opts, out, picture_root=root)
    for j in jobs:
        click.echo(
            f"wrote {Path(out_dir) / j.name} ({j.pages} pages, {j.paper}, {_sides(j.duplex)})"
        )


@main.command()
@click.argument("target")
@output_option("Folder to write into (created if needed).")
@click.option("--size", help="Paper of the canvas: a4, a3, a2, a1, a0 (default: the layout's).")
@click.option("--landscape/--portrait", default=None, help="Orientation (default: the layout's).")
@click.option(
    "--tile",
    "tile_to",
    type=click.Choice(["a4", "a3", "letter", "none"]),
    default="none",
    show_default=True,
    help="Print on office sheets to glue together, with an assembly map.",
)
@click.option("--overlap", default="10mm", show_default=True, help="Overlap between tiles.")
@click.option(
    "--fit-sheets",
    type=click.IntRange(1, 200),
    default=None,
    help="Scale the canvas down to fit this many tile sheets.",
)
@click.option("--programme", default="", help="Programme name printed on the canvas.")
@common
def canvas(
    target: str,
    out_dir: str,
    size: str | None,
    landscape: bool | None,
    tile_to: str,
    overlap: str,
    fit_sheets: int | None,
    programme: str,
    lang: str,
    settings: Any,
) -> None:
    """Print the canvases and sheets of an exercise (or one canvas layout by its id)."""
    from facilitation.jobs.canvases import CanvasOptions, write_exercise_canvases, write_layout
    from facilitation.jobs.output import Outputs
    from facilitation.load.printdata import canvas_layout_ids as layout_ids
    from facilitation.load.printdata import sheet_mm

    if size:
        sheet_mm(size)
    opts = CanvasOptions(
        lang=lang,
        size=size,
        landscape=landscape,
        tile=None if tile_to == "none" else tile_to,
        overlap=_mm(overlap, "--overlap"),
        fit_sheets=fit_sheets,
        programme=programme,
    )
    library = _library(settings)
    with Outputs(Path(out_dir)) as out:
        if target in library.exercises:
            jobs = write_exercise_canvases(library.get(target), opts, out)
            if not jobs:
                raise UserError(f"exercise '{target}' has no canvas or sheet to print")
        elif target in layout_ids():
            jobs = write_layout(target, opts, out)
        else:
            library.get(target)  # unknown: the message suggests a close id
            jobs = []
    for j in jobs:
        click.echo(f"wrote {Path(out_dir) / j.name} ({j.pages} pages, {j.paper})")


@main.command()
@click.argument("session", type=click.Path(dir_okay=False))
@output_option("Folder to write the kit into (created if needed).")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Office paper for agendas, cards, sheets and tiles.",
)
@click.option(
    "--tile",
    "tile_to",
    type=click.Choice(["a4", "a3", "letter", "none"]),
    default="a4",
    show_default=True,
    help="Tile large canvases on office sheets, or none for a print shop.",
)
@click.option(
    "--format",
    "card_fmt",
    default="auto",
    show_default=True,
    help="Card format for every deck (auto: poker, a6 for personas...).",
)
@click.option(
    "--duplex",
    type=click.Choice(["long", "short", "fold", "none"]),
    default="long",
    show_default=True,
    help="How card backs are printed.",
)
@click.option("--back-offset", default="0,0", show_default=True, help=BACK_OFFSET_HELP)
@common
def kit(
    session: str,
    out_dir: str,
    paper: str,
    tile_to: str,
    card_fmt: str,
    duplex: str,
    back_offset: str,
    lang: str,
    settings: Any,
) -> None:
    """Build a session's whole kit: printing guide, agendas, booklet, cards, canvases,
    materials checklist and a JSON manifest."""
    import time

    from facilitation.jobs.kit import build_kit
    from facilitation.jobs.output import Outputs

    start = time.perf_counter()
    offset = _offset(back_offset)  # a bad value is said before any work
    loaded = _session(session, settings)
    if tile_to == "letter" or paper == "letter":
        tile_to = "letter" if tile_to != "none" else tile_to
    dirs = [f / "templates" for f in settings.folders if (f / "templates").is_dir()]
    show = sys.stderr.isatty()
    with click.progressbar(
        length=1, label="kit", file=sys.stderr, show_eta=False, item_show_func=lambda x: x
    ) as bar:

        def progress(label: str, total: int) -> None:
            bar.length = total  # known once the session is planned
            bar.update(1, label if show else None)

        with Outputs(Path(out_dir)) as out:
            manifest = build_kit(
                loaded,
                out,
                lang,
                paper=paper,
                tile_to=None if tile_to == "none" else tile_to,
                card_format=card_fmt,
                duplex=duplex,
                back_offset=offset,
                template_dirs=dirs,
                progress=progress,
            )
    for w in manifest["warnings"]:
        click.echo(w, err=True)
    jobs = manifest["jobs"]
    pages = sum(j["pages"] for j in jobs)
    files = len(jobs) + len(manifest["other_files"]) + 1
    sheets = ", ".join(f"{n} {p.upper()}" for p, n in sorted(manifest["sheets"].items()))
    click.echo(
        f"wrote {files} files to {out_dir}: {len(jobs)} PDFs, {pages} pages; "
        f"paper: {sheets} sheets ({time.perf_counter() - start:.1f} s)"
    )
    click.echo(f"start with {Path(out_dir) / jobs[0]['name']}")


@main.command()
@output_option("Folder to write the calibration sheet into (created if needed).")
@click.option(
    "--sheet",
    type=click.Choice(["a4", "letter", "a3"]),
    default="a4",
    show_default=True,
    help="Paper, as for the cards.",
)
@click.option(
    "--duplex",
    type=click.Choice(["long", "short"]),
    default="long",
    show_default=True,
    help="Flip edge, as for the cards.",
)
@common
def calibrate(out_dir: str, sheet: str, duplex: str, lang: str, settings: Any) -> None:
    """Print a two-sided sheet that measures how far your printer shifts the backs.

    Print it as you print cards, hold it up to the light and read the two numbers to give
    to --back-offset (cards, kit).
    """
    from facilitation.jobs.output import Outputs
    from facilitation.render.calibration_pdf import calibration_pdf
    from facilitation.render.pdf import sheet_size

    fr = lang == "fr"
    name = f"{'calibrage-recto-verso' if fr else 'duplex-calibration'}-{sheet}-{duplex}.pdf"
    with Outputs(Path(out_dir)) as out:
        calibration_pdf(out.path(name), sheet_size(sheet), duplex, lang, sheet)
    click.echo(f"wrote {Path(out_dir) / name}")


@main.group()
def new() -> None:
    """Write a commented skeleton to start from."""


@new.command("exercise")
@click.argument("exercise_id")
@click.option(
    "-o",
    "--output",
    "out_dir",
    default=".",
    type=click.Path(file_okay=False),
    help="Folder to write into (default: here).",
)
@common
def new_exercise(exercise_id: str, out_dir: str, lang: str, settings: Any) -> None:
    """Write EXERCISE_ID.yaml, a skeleton that validates as it is."""
    from facilitation.jobs.skeleton import write_exercise

    path = write_exercise(exercise_id, Path(out_dir), lang)
    click.echo(f"wrote {path}")


@main.command()
@click.argument("what", type=click.Choice(["exercise", "session"]), default="exercise")
@common
def schema(what: str, lang: str, settings: Any) -> None:
    """Print the JSON Schema of the exercise or session format."""
    from facilitation.jobs.schema import schema_text

    click.echo(schema_text(what), nl=False)


def _minutes_option(value: str | None, name: str) -> int | None:
    """A duration option (--time 1h30) in minutes; bad input is a UserError."""
    from facilitation.errors import Problem
    from facilitation.text.durations import DurationError, parse_duration

    if value is None:
        return None
    try:
        minutes = parse_duration(value)
    except DurationError as exc:
        raise UserError(Problem(str(exc), path=name)) from None
    if minutes <= 0:
        from facilitation.text.messages import _

        raise UserError(Problem(_("expected a duration longer than zero"), path=name))
    return minutes


@main.command()
@click.argument("query", nargs=-1)
@click.option("--time", "time_", help="The time you have, e.g. 30min or 1h30.")
@click.option("--people", type=click.IntRange(1), help="How many people take part.")
@click.option(
    "--limit", type=click.IntRange(1), default=5, show_default=True, help="How many to propose."
)
@common
def suggest(
    query: tuple[str, ...],
    time_: str | None,
    people: int | None,
    limit: int,
    lang: str,
    settings: Any,
) -> None:
    """Propose methods for what you want to do ("clore la journée"), the time you have and
    the head count, and say why each one is proposed."""
    from facilitation.errors import Problem
    from facilitation.plan.suggest import suggest as rank
    from facilitation.text.messages import _
    from facilitation.view.suggest import suggestions_text

    text = " ".join(query).strip()
    minutes = _minutes_option(time_, "--time")
    if not text and minutes is None and people is None:
        raise UserError(
            Problem(
                _("say what you want to do, or give --time or --people"),
                hint=_('for example: facilitation suggest "clore la journée" --time 30min'),
            )
        )
    library = _library(settings)
    library.check()
    result = rank(library.exercises.values(), text, minutes, people, lang, limit)
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    click.echo(suggestions_text(result, text, minutes, people, lang, width=width), nl=False)


@main.command()
@click.option("--time", "time_", help="The time of the day, breaks included (e.g. 3h, 6h30).")
@click.option("--people", type=click.IntRange(1), required=True, help="How many people.")
@click.option("--goal", default="", help='What the day is for ("décider ensemble").')
@click.option("--seed", type=click.IntRange(0), help="Draw this plan again (printed each time).")
@click.option("--plan", "plan_line", help="A plan line to expand (accueil,meteo-interieure,…).")
@click.option("--start", default="9:00", show_default=True, help="When the day starts.")
@click.option("--date", "date_", help="The date of the day (2025-03-14; default: today).")
@click.option("--programme", default=None, help="Programme name (default: Proposal).")
@click.option(
    "-o", "--output", "out_file", type=click.Path(dir_okay=False), help="The file to write."
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@common
def propose(
    time_: str | None,
    people: int,
    goal: str,
    seed: int | None,
    plan_line: str | None,
    start: str,
    date_: str | None,
    programme: str | None,
    out_file: str | None,
    force: bool,
    lang: str,
    settings: Any,
) -> None:
    """Propose a day: a session file that follows the arc of a session (open, explore,
    converge, close) within the time, with breaks, drawn at random from the library (again
    with --seed), or expanded from a shared plan line (--plan)."""
    from facilitation.jobs.propose import ProposeOptions, run_propose
    from facilitation.text.messages import _
    from facilitation.view.timeline import timeline_lines

    opts = ProposeOptions(
        people=people,
        budget=_minutes_option(time_, "--time"),
        goal=goal,
        seed=seed,
        plan_line=plan_line,
        start=start,
        date=date_,
        programme=programme,
        output=out_file,
        force=force,
        lang=lang,
    )
    done = run_propose(_library(settings), opts)
    for note in done.notes:
        click.echo(note, err=True)
    for line in timeline_lines(done.plan, lang):
        click.echo(line)
    for w in done.plan.warnings:
        click.echo(w.format(), err=True)
    click.echo(_("plan: {line}").format(line=done.line))
    if done.proposal.seed is not None:
        click.echo(_("seed: {seed}").format(seed=done.proposal.seed))
    click.echo(_("wrote {file}: {summary}").format(file=done.path, summary=done.summary))


@main.command()
@click.argument("session", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Folder of the agendas (default: SESSION's name + '-agendas', beside it).",
)
@click.option(
    "--format",
    "formats",
    default="all",
    show_default=True,
    help="Agendas to rebuild, comma-separated: pdf, md, html, ics, or all.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper of the participants' agenda and run-sheet.",
)
@common
def watch(
    session: str, out_dir: str | None, formats: str, paper: str, lang: str, settings: Any
) -> None:
    """Rebuild a session's timeline, warnings and agendas each time you save it (Ctrl-C
    stops). Also watches your libraries' files."""
    import datetime as dt
    import signal

    from facilitation.jobs.agenda import parse_formats
    from facilitation.jobs.watch import Watcher, report_agendas, report_timeline
    from facilitation.text.messages import _

    path = Path(session)
    folder = Path(out_dir) if out_dir else path.with_name(path.stem + "-agendas")
    dirs = [f / "templates" for f in settings.folders if (f / "templates").is_dir()]
    watcher = Watcher(path, settings, folder, lang, parse_formats(formats), paper, dirs)
    clear = sys.stdout.isatty()

    def timeline(result: Any) -> None:
        if clear:
            click.echo("\033[2J\033[H", nl=False)
        click.echo(report_timeline(result, path, dt.datetime.now().strftime("%H:%M:%S")))

    def done(result: Any) -> None:
        if not result.ok:
            timeline(result)
        else:
            click.echo(report_agendas(result))
        click.echo(_("watching {file} (Ctrl-C to stop)").format(file=path))

    main_pid = os.getpid()

    def interrupt(signum: int, frame: Any) -> None:
        if os.getpid() == main_pid:  # a process writing agendas is stopped by this one
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # stopped by a service manager: stop cleanly
    signal.signal(signal.SIGINT, interrupt)  # even when started in the background
    try:
        watcher.run(done, early=timeline)
    except KeyboardInterrupt:
        click.echo(_("stopped watching {file}").format(file=path))


@main.command()
@output_option("Folder of the website (created if needed).")
@click.option(
    "--previews/--no-previews",
    default=True,
    show_default=True,
    help="Images of what each method prints (the first build takes longer; then cached).",
)
@common
def catalogue(out_dir: str, previews: bool, lang: str, settings: Any) -> None:
    """Write a website of the methods you have (built-in and your own), in French and
    English: an index with filters and search, a page per method with what it prints. It
    opens from the disk, with no server: open DIR/index.html."""
    from facilitation.jobs.catalogue import build_catalogue
    from facilitation.jobs.output import Outputs
    from facilitation.text.messages import _, ngettext

    library = _library(settings)
    dirs = [f / "templates" for f in settings.folders if (f / "templates").is_dir()]
    with Outputs(Path(out_dir)) as out:
        report = build_catalogue(library, out, lang, previews=previews, template_dirs=dirs)
    click.echo(
        _("wrote {pages} pages and {images} for {methods} in {seconds:.1f} s: {path}").format(
            pages=report.pages,
            images=ngettext("{n} preview", "{n} previews", report.previews).format(
                n=report.previews
            ),
            methods=ngettext("{n} method", "{n} methods", report.methods).format(n=report.methods),
            seconds=report.seconds,
            path=Path(out_dir) / "index.html",
        )
    )


def _sides(duplex: str) -> str:
    return f"double-sided, {duplex} edge" if duplex in ("long", "short") else duplex


def run() -> None:  # pragma: no cover - console entry
    """The `facilitation` command. Once the command is over, the process leaves without
    tearing down its objects one by one: after a kit that teardown takes about 60 ms, for
    nothing, since every file is closed and the output flushed by then (mypy does the same)."""
    try:
        main(prog_name="facilitation")
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if code is None or isinstance(code, int):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
