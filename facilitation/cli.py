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


STRICT_HELP = "Treat warnings as errors: print nothing when there is any (exit 1)."


def _warnings(problems: list[Any], strict: bool, err: bool = True) -> None:
    """Say the warnings; with --strict, stop (before anything is written) when there are."""
    for w in problems:
        click.echo(w.format(), err=err)
    if strict and problems:
        from facilitation.errors import Problem
        from facilitation.text.messages import ngettext

        n = len(problems)
        message = ngettext("{n} warning with --strict", "{n} warnings with --strict", n)
        raise UserError([Problem(message.format(n=n))])


def _session(path: str, settings: Any) -> Any:
    from facilitation.load.library import Library
    from facilitation.load.sessions import load_session

    library = Library.from_settings(settings)
    library.check(everything=False)  # the user's own files; built-ins are read as used
    return load_session(Path(path), library, settings.config.get("checks"))


@main.command()
@click.argument("session", type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 if any).")
@common
def check(session: str, strict: bool, lang: str, settings: Any) -> None:
    """Check a session plan and list what will go wrong on the day.

    Prints the timeline (each block's times, who is in the room when it changes) with each
    warning under its block, with its file and line: days running late or too long, long
    stretches without a break, no lunch, holes in a day, durations outside an exercise's
    range, groups the head count cannot make, parallel tracks out of step, people arriving
    during an exercise, content printed from another case's example (or blank) because the
    session did not choose its own. The limits can be set in the session or in facilitation.yaml
    (checks: break_after, day_limit, min_hole). A retour beside the session (NAME.retour.yaml)
    is checked too: its blocks, times and photos, and what is not cleared for publication yet.
    """
    from facilitation.plan.schedule import schedule
    from facilitation.view.timeline import timeline

    plan = schedule(_session(session, settings), lang)
    for line in timeline(plan):
        click.echo(line)
    n = len(plan.warnings)
    n += _check_retour(plan, lang)
    days = len(plan.days)
    blocks = sum(1 for s in plan.all_slots() if not s.is_event)
    summary = f"{session}: {days} day{'s' if days != 1 else ''}, {blocks} blocks, "
    summary += f"{n} warning{'s' if n != 1 else ''}"
    if strict and n:
        from facilitation.errors import Problem
        from facilitation.text.messages import ngettext

        message = ngettext("{n} warning with --strict", "{n} warnings with --strict", n)
        raise UserError([Problem(message.format(n=n), file=session)])
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
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@common
def agenda(
    session: str,
    out_dir: str,
    formats: str,
    paper: str,
    wall: str,
    template_dirs: tuple[str, ...],
    strict: bool,
    lang: str,
    settings: Any,
) -> None:
    """Print a session's agendas: participants (PDF), run-sheet, wall, Markdown, HTML, .ics."""
    from facilitation.jobs.agenda import parse_formats, write_agenda
    from facilitation.jobs.output import Outputs
    from facilitation.plan.schedule import schedule

    fmts = parse_formats(formats)
    plan = schedule(_session(session, settings), lang)
    _warnings(plan.warnings, strict)
    dirs = [Path(d) for d in template_dirs] + [
        f / "templates" for f in settings.folders if (f / "templates").is_dir()
    ]
    with Outputs(Path(out_dir)) as out:
        written = write_agenda(
            plan, out, lang, paper=paper, formats=fmts, template_dirs=dirs, wall=wall
        )
    for item in written:
        click.echo(f"wrote {Path(out_dir) / item.name}")


def _check_retour(plan: Any, lang: str) -> int:
    """The retour beside the session, checked (an error stops); says its warnings and what
    is not cleared yet; returns how many it said."""
    from facilitation.jobs.compte_rendu import check_retour
    from facilitation.text.messages import _, ngettext

    retour = check_retour(plan, lang)
    if retour is None:
        return 0
    said = retour.warnings + retour.consent
    for w in said:
        click.echo(w.format())
    entries, photos = len(retour.entries), len(retour.photos)
    click.echo(
        _("retour {file}: {blocks}, {photos}").format(
            file=retour.path,
            blocks=ngettext("{n} block", "{n} blocks", entries).format(n=entries),
            photos=ngettext("{n} photo", "{n} photos", photos).format(n=photos),
        )
    )
    return len(said)


def _session_language(lang: str, settings: Any, loaded: Any) -> str:
    """The session's `language` when neither --lang, FACILITATION_LANG nor facilitation.yaml
    chose one."""
    from click.core import ParameterSource

    from facilitation.text.messages import set_language

    source = click.get_current_context().get_parameter_source("lang")
    if source in (None, ParameterSource.DEFAULT) and not settings.lang:
        lang = loaded.session.language
        set_language(lang)
    return lang


@main.command("compte-rendu")
@click.argument("session", type=click.Path(dir_okay=False))
@output_option("Folder to write into (created if needed).")
@click.option(
    "--format",
    "formats",
    default="all",
    show_default=True,
    help="Comma-separated: md, html, pdf, or all.",
)
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="A folder of jinja2 templates replacing ours by name (repeatable).",
)
@common
def compte_rendu(
    session: str,
    out_dir: str,
    formats: str,
    template_dirs: tuple[str, ...],
    lang: str,
    settings: Any,
) -> None:
    """Write a session's compte rendu, in the session's language unless --lang says.

    \b
    With a retour beside the session (NAME.retour.yaml, see 'new retour'): the article as
    HTML (photos resized in images/), PDF and Markdown, and the planned-versus-run table for
    the facilitation team. Photos not marked 'cleared: true' and named quotes without
    'consent: true' are refused.
    Without a retour: a Markdown skeleton of the write-up, pre-filled from the session.
    """
    from facilitation.jobs.compte_rendu import parse_formats, write_compte_rendu
    from facilitation.jobs.output import Outputs
    from facilitation.plan.schedule import schedule
    from facilitation.text.messages import _, ngettext

    fmts = parse_formats(formats)
    loaded = _session(session, settings)
    lang = _session_language(lang, settings, loaded)
    plan = schedule(loaded, lang)
    dirs = [Path(d) for d in template_dirs] + [
        f / "templates" for f in settings.folders if (f / "templates").is_dir()
    ]
    with Outputs(Path(out_dir)) as out:
        report = write_compte_rendu(plan, out, lang, formats=fmts, template_dirs=dirs)
    for w in report.warnings:
        click.echo(w.format(), err=True)
    photos = [w for w in report.written if w.kind == "photo"]
    for item in report.written:
        if item.kind != "photo":
            click.echo(_("wrote {path}").format(path=Path(out_dir) / item.name))
    if photos:
        click.echo(
            ngettext(
                "wrote {n} photo in {folder}", "wrote {n} photos in {folder}", len(photos)
            ).format(n=len(photos), folder=Path(out_dir) / Path(photos[0].name).parent)
        )
    if report.retour is None:
        click.echo(
            _(
                "no retour beside the session: this is the skeleton of the write-up. For the "
                "article with its photos: facilitation new retour {session}"
            ).format(session=session)
        )


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
@click.option("--strict", is_flag=True, help=STRICT_HELP)
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
    strict: bool,
    lang: str,
    settings: Any,
) -> None:
    """Print cards for exercises (ids) or for a whole session (a .yaml file).

    Each exercise gives its participant decks (fronts, then backs), its facilitator card
    (A6) and any floor signs, as separate PDFs: one paper size and one duplex setting each.
    For exercise ids, cards show the exercise's own content: where it is an example from
    another case, you are told, and content to write in prints blank.
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
        from facilitation.plan.schedule import schedule

        loaded = _session(targets[0], settings)
        plan = schedule(loaded, lang)
        _warnings(plan.warnings, strict)
        opts.programme = opts.programme or loaded.session.programme
        with Outputs(Path(out_dir)) as out:
            jobs = session_card_jobs(loaded, opts, out, plan)
    else:
        from facilitation.plan.examples import exercise_example_warnings
        from facilitation.plan.supports import exercise_values

        library = _library(settings)
        exercises = [library.get(t) for t in targets]
        _warnings([w for ex in exercises for w in exercise_example_warnings(ex, library)], strict)
        with Outputs(Path(out_dir)) as out:
            for ex in exercises:
                folder = library.folder_of(ex.id)
                root = folder if isinstance(folder, Path) else None
                jobs += write_exercise_cards(
                    ex, opts, out, overrides=exercise_values(ex), picture_root=root
                )
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
    if target in library.exercises:
        from facilitation.plan.examples import exercise_example_warnings

        _warnings(exercise_example_warnings(library.get(target), library), False)
    with Outputs(Path(out_dir)) as out:
        if target in library.exercises:
            from facilitation.plan.supports import exercise_values

            ex = library.get(target)
            jobs = write_exercise_canvases(ex, opts, out, overrides=exercise_values(ex))
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
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@common
def kit(
    session: str,
    out_dir: str,
    paper: str,
    tile_to: str,
    card_fmt: str,
    duplex: str,
    back_offset: str,
    strict: bool,
    lang: str,
    settings: Any,
) -> None:
    """Build a session's whole kit: printing guide, agendas, booklet, cards, canvases,
    materials checklist and a JSON manifest."""
    import time

    from facilitation.jobs.kit import build_kit
    from facilitation.jobs.output import Outputs
    from facilitation.plan.schedule import schedule

    start = time.perf_counter()
    offset = _offset(back_offset)  # a bad value is said before any work
    loaded = _session(session, settings)
    plan = schedule(loaded, lang)
    if strict:
        _warnings(plan.warnings, strict)
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
                plan=plan,
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


@new.command("session")
@click.argument("name")
@click.option(
    "-o",
    "--output",
    "out_dir",
    default=".",
    type=click.Path(file_okay=False),
    help="Folder to write into (default: here).",
)
@common
def new_session(name: str, out_dir: str, lang: str, settings: Any) -> None:
    """Write NAME.yaml, a commented session skeleton in your language that checks clean."""
    from facilitation.jobs.skeleton import write_session

    path = write_session(name, Path(out_dir), lang)
    click.echo(f"wrote {path}")


@new.command("retour")
@click.argument("session", type=click.Path(dir_okay=False))
@common
def new_retour(session: str, lang: str, settings: Any) -> None:
    """Write SESSION's retour beside it (NAME.retour.yaml): every block of the session, to
    say what happened, for the compte rendu. In the session's language unless --lang says."""
    from facilitation.jobs.compte_rendu import write_retour_skeleton
    from facilitation.plan.schedule import schedule
    from facilitation.text.messages import _

    loaded = _session(session, settings)
    lang = _session_language(lang, settings, loaded)
    path = write_retour_skeleton(schedule(loaded, lang), lang)
    click.echo(_("wrote {path}").format(path=path))


@main.command()
@click.argument("what", type=click.Choice(["exercise", "session"]), default="exercise")
@common
def schema(what: str, lang: str, settings: Any) -> None:
    """Print the JSON Schema of the exercise or session format."""
    from facilitation.jobs.schema import schema_text

    click.echo(schema_text(what), nl=False)


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
