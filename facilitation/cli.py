"""The command line. It parses options, calls the library, prints. Nothing else.

Heavy modules (reportlab) are imported inside the commands that render, so that
`facilitation --help` and `facilitation list` start fast.

Everything it says is in the run's language: its own lines and click's (usage, errors, the
help of every command and option) go through the message catalogue. Help texts are written
in English and marked with N_(); they are translated when the command line starts, once the
language is known (click reads help texts at import, before any --lang).
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
from facilitation.text.messages import N_, _, language, ngettext, set_language
from facilitation.text.typography import number, typeset
from facilitation.text.visible import visible

LANG_ENV = "FACILITATION_LANG"
LANGS = ("fr", "en")


def chosen_language(args: list[str]) -> str | None:
    """The language asked for before any command runs: --lang in the arguments, then
    FACILITATION_LANG, then `lang:` in ./facilitation.yaml (read plainly: a mistake in it is
    said later, by the command)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    if os.environ.get(LANG_ENV) in LANGS:
        return os.environ[LANG_ENV]
    config = Path("facilitation.yaml")
    if config.is_file():
        import yaml

        from facilitation.load.files import read_regular
        from facilitation.model.limits import MAX_FILE_BYTES

        try:
            data = yaml.safe_load(read_regular(config, MAX_FILE_BYTES).decode("utf-8"))
        except (yaml.YAMLError, UserError, UnicodeDecodeError):
            return None
        if isinstance(data, dict) and data.get("lang") in LANGS:
            return str(data["lang"])
    return None


def speak(group: click.Group) -> None:
    """Click's own words (usage, errors) and every help text, in the run's language."""
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types"):
        module = sys.modules.get(f"click.{name}")
        if module is not None:
            if hasattr(module, "_"):
                module._ = _  # type: ignore[attr-defined]
            if hasattr(module, "ngettext"):
                module.ngettext = ngettext  # type: ignore[attr-defined]

    def said(msgid: str) -> str:
        text = _(msgid)
        return typeset(text, "fr") if language() == "fr" else text  # no line ends before ':'

    def translate(cmd: click.Command) -> None:
        if hasattr(cmd, "_help_option"):
            cmd._help_option = None  # click keeps it once made: make it again, in this language
        for attr in ("help", "short_help", "options_metavar"):
            original = cmd.__dict__.setdefault(f"_msgid_{attr}", getattr(cmd, attr, None))
            if original:
                setattr(cmd, attr, said(original))
        for param in cmd.params:
            for attr in ("help", "metavar"):
                original = param.__dict__.setdefault(f"_msgid_{attr}", getattr(param, attr, None))
                if original:
                    setattr(param, attr, said(original))
        if isinstance(cmd, click.Group):
            original = cmd.__dict__.setdefault("_msgid_sub", cmd.subcommand_metavar)
            cmd.subcommand_metavar = _(original) if original else original
            for sub in cmd.commands.values():
                translate(sub)

    translate(group)


def click_words() -> list[str]:
    """Click's own messages that the catalogue translates (click asks for them through the
    `_` and `ngettext` that `speak` gives it): listed here for the catalogue's extraction."""
    return [
        N_("Usage:"),
        N_("Options"),
        N_("Commands"),
        N_("Positional arguments"),
        N_("Show this message and exit."),
        N_("Show the version and exit."),
        N_("%(prog)s, version %(version)s"),
        N_("Error: {message}"),
        N_("Try '{command} {option}' for help."),
        N_("Invalid value: {message}"),
        N_("Invalid value for {param_hint}: {message}"),
        N_("Missing argument"),
        N_("Missing option"),
        N_("Missing parameter"),
        N_("Missing command."),
        N_("No such option {name!r}."),
        N_("No such command {name!r}."),
        N_("default: {default}"),
        N_("env var: {var}"),
        N_("Option {name!r} does not take a value."),
        N_("{value} is not in the range {range}."),
        N_("{value!r} is not a valid {number_type}."),
        N_("{name} {filename!r} does not exist."),
        N_("{name} {filename!r} is a file."),
        N_("{name} {filename!r} is a directory."),
        N_("file"),
        N_("directory"),
        N_("path"),
        N_("Aborted!"),
        N_("[OPTIONS]"),
        N_("COMMAND [ARGS]..."),
        N_("{heading}:"),
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
        ngettext(
            "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1
        ),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
        ngettext(
            "Option {name!r} requires an argument.",
            "Option {name!r} requires {nargs} arguments.",
            1,
        ),
    ]


class Formatter(click.HelpFormatter):
    """Click's help layout, with the headings' colon as the language writes it."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_('{heading}:').format(heading=heading)}\n")


class Context(click.Context):
    formatter_class = Formatter


class FacilitationCommand(click.Command):
    context_class = Context


class FacilitationGroup(click.Group):
    """Speaks the run's language, and turns bad input into a clean message and a non-zero
    exit, with no traceback."""

    context_class = Context
    command_class = FacilitationCommand
    group_class = type  # subgroups are FacilitationGroups too

    def main(self, args: Any = None, *rest: Any, **kw: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        set_language(chosen_language(argv) or "fr")
        speak(self)
        return super().main(argv, *rest, **kw)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            problems = list(dict.fromkeys(exc.problems))  # one bad shared file, said once
            ordered = sorted(problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0))
            for problem in ordered:
                click.echo(problem.format(), err=True)
            n = sum(1 for p in problems if p.severity == "error")
            if n > 1:
                click.echo(ngettext("{n} problem.", "{n} problems.", n).format(n=n), err=True)
            ctx.exit(1)


LANG_HELP = N_(
    "Language of the output and of the messages, fr or en. Which wins: --lang, then "
    "FACILITATION_LANG, then 'lang' in facilitation.yaml, then the session's 'language', "
    "then French."
)


def common(f: Callable[..., Any]) -> Callable[..., Any]:
    """--lang and --library, taken by every command."""

    @click.option(
        "--lang",
        type=click.Choice(["fr", "en"]),
        default=None,
        envvar=LANG_ENV,
        help=LANG_HELP,
    )
    @click.option(
        "--library",
        "libraries",
        multiple=True,
        type=click.Path(file_okay=False),
        metavar=N_("FOLDER"),
        help=N_("A folder of your own exercises (repeatable); searched before the built-ins."),
    )
    @functools.wraps(f)
    def wrapper(*args: Any, lang: str | None, libraries: tuple[str, ...], **kw: Any) -> Any:
        from facilitation.load.library import Settings
        from facilitation.load.printdata import set_user_dirs

        settings = Settings.discover(libraries)
        set_user_dirs(settings.folders)  # their cards/ folders add to the print data
        settings.chosen_lang = lang or settings.lang  # None: the session's, else French
        kw["lang"] = settings.chosen_lang or "fr"
        set_language(kw["lang"])
        kw["settings"] = settings
        return f(*args, **kw)

    return wrapper


def output_option(
    help_text: str, default: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """-o/--output, the folder a command writes into (required unless it has a default)."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        required=default is None,
        default=default,
        type=click.Path(file_okay=False),
        metavar=N_("FOLDER"),
        help=help_text,
    )


MAIN_HELP = N_(
    "Workshop methods in YAML, printed as the kit a facilitator carries into the room.\n"
    "\n"
    "\b\n"
    "Start with:\n"
    "  facilitation list                  the methods it knows\n"
    "  facilitation show debat-mouvant    one method, whole\n"
    "  facilitation new exercise my-id    write your own\n"
    "  facilitation vocabulary            the words the files use (tags, materials...)\n"
    "\n"
    "Every command speaks French or English: --lang, then FACILITATION_LANG, then 'lang' in "
    "facilitation.yaml, then the session's 'language', then French."
)


@click.group(
    cls=FacilitationGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=MAIN_HELP,
)
@click.version_option(__version__, prog_name="facilitation")
def main() -> None:
    """The `facilitation` command group (its help is MAIN_HELP)."""


def _library(settings: Any) -> Any:
    from facilitation.load.library import Library

    return Library.from_settings(settings)


@main.command(
    "list",
    help=N_(
        "List the exercises, with filters and an optional text search (QUERY) in French or "
        "English: titles, taglines, purposes, outputs and tags with their synonyms "
        "(facilitation list feedback, facilitation list --lang en icebreaker)."
    ),
)
@click.argument("query", required=False, metavar=N_("[QUERY]"))
@click.option(
    "--tag",
    multiple=True,
    metavar=N_("TAG"),
    help=N_("Only exercises with this tag: an id, or a label in French or English (repeatable)."),
)
@click.option(
    "--arc",
    metavar=N_("ARC"),
    help=N_(
        "Only this part of a session: open, explore, converge, close, energise, logistics "
        "(or ouvrir, explorer, converger, conclure, dynamiser, logistique)."
    ),
)
@click.option(
    "--max-duration",
    metavar=N_("DURATION"),
    help=N_("Only exercises that can fit in this time (e.g. 30 min)."),
)
@click.option(
    "--group-size",
    type=click.IntRange(1),
    metavar="N",
    help=N_("Only exercises that work for N people."),
)
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


@main.command(help=N_("Show one exercise, whole, as a sheet to read."))
@click.argument("exercise_id", metavar=N_("EXERCISE_ID"))
@common
def show(exercise_id: str, lang: str, settings: Any) -> None:
    from facilitation.render.terminal import show as render

    library = _library(settings)
    ex = library.get(exercise_id)
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    click.echo(render(ex, lang, width=width, style=lambda s: click.style(s, bold=True)), nl=False)


VOCABULARY_HELP = N_(
    "List the words the files use, so that nobody has to read the YAML: tags, materials "
    "(the catalogue), card-layouts, canvases (canvas layouts), themes, formats (card formats), "
    "papers, families (method families), values (the values typed in French or English). "
    "Without WHAT, what can be listed."
)


@main.command(help=VOCABULARY_HELP)
@click.argument("what", required=False, metavar=N_("[WHAT]"))
@common
def vocabulary(what: str | None, lang: str, settings: Any) -> None:
    from facilitation.render.terminal import columns
    from facilitation.view.vocabulary import KINDS, listing, read_kind

    width = shutil.get_terminal_size((110, 24)).columns if sys.stdout.isatty() else 200
    if what is None:
        rows = [[k, title()] for k, title in KINDS.items()]
        click.echo(columns([_("what"), _("lists")], rows, width), nl=False)
        return
    kind = read_kind(what)
    exercises = list(_library(settings).exercises.values()) if kind == "tags" else []
    head, rows, flexible = listing(kind, lang, exercises)
    click.echo(columns(head, rows, max(width, 80), flexible=flexible), nl=False)
    n = len(rows)
    click.echo(ngettext("{n} entry", "{n} entries", n).format(n=n))


@main.command(
    help=N_(
        "Check exercise or session files, or whole folders. Exit 0 when all is well.\n"
        "\n"
        "Without PATHS, checks every library in use, built-ins included."
    )
)
@click.argument("paths", nargs=-1, type=click.Path(), metavar=N_("[PATHS]..."))
@common
def validate(paths: tuple[str, ...], lang: str, settings: Any) -> None:
    from facilitation.jobs.validate import validate_paths

    report = validate_paths([Path(p) for p in paths], settings)
    click.echo(report)


STRICT_HELP = N_("Treat warnings as errors: print nothing when there is any (exit 1).")


def _warnings(problems: list[Any], strict: bool, err: bool = True) -> None:
    """Say the warnings; with --strict, stop (before anything is written) when there are."""
    for w in problems:
        click.echo(w.format(), err=err)
    if strict and problems:
        from facilitation.errors import Problem

        n = len(problems)
        message = ngettext("{n} warning with --strict", "{n} warnings with --strict", n)
        raise UserError([Problem(message.format(n=n))])


def _session(path: str, settings: Any) -> tuple[Any, str]:
    """The session checked against the library, and the run's language: the one chosen
    (--lang, FACILITATION_LANG, facilitation.yaml), else the session's `language`, else
    French. The language is set before the session is checked, so that its problems are
    said in it."""
    from facilitation.load.library import Library
    from facilitation.load.sessions import load_session, read_session, written_language

    doc = read_session(Path(path))
    lang = settings.chosen_lang or written_language(doc) or "fr"
    set_language(lang)
    library = Library.from_settings(settings)
    library.check(everything=False)  # the user's own files; built-ins are read as used
    return load_session(Path(path), library, settings.config.get("checks"), doc), lang


@main.command(
    help=N_(
        "Check a session plan and list what will go wrong on the day.\n"
        "\n"
        "Prints the timeline (each block's times, who is in the room when it changes) with each "
        "warning under its block, with its file and line: days running late or too long, long "
        "stretches without a break, no lunch, holes in a day, durations outside an exercise's "
        "range, groups the head count cannot make, parallel tracks out of step, people arriving "
        "during an exercise, content printed from another case's example (or blank) because the "
        "session did not choose its own. The limits can be set in the session or in "
        "facilitation.yaml (checks: break_after, day_limit, min_hole). A retour beside the "
        "session (NAME.retour.yaml) is checked too: its blocks, times and photos, and what is "
        "not cleared for publication yet."
    )
)
@click.argument("session", type=click.Path(dir_okay=False), metavar=N_("SESSION"))
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors (exit 1 if any)."))
@common
def check(session: str, strict: bool, lang: str, settings: Any) -> None:
    from facilitation.plan.schedule import schedule
    from facilitation.view.timeline import timeline

    loaded, lang = _session(session, settings)
    plan = schedule(loaded, lang)
    for line in timeline(plan):
        click.echo(line)
    n = len(plan.warnings)
    n += _check_retour(plan, lang)
    days = len(plan.days)
    blocks = sum(1 for s in plan.all_slots() if not s.is_event)
    summary = _("{session}: {days}, {blocks}, {warnings}").format(
        session=session,
        days=ngettext("{n} day", "{n} days", days).format(n=days),
        blocks=ngettext("{n} block", "{n} blocks", blocks).format(n=blocks),
        warnings=ngettext("{n} warning", "{n} warnings", n).format(n=n),
    )
    if strict and n:
        from facilitation.errors import Problem

        message = ngettext("{n} warning with --strict", "{n} warnings with --strict", n)
        raise UserError([Problem(message.format(n=n), file=session)])
    click.echo(summary)


FOLDER_HELP = N_("Folder to write into (created if needed).")


@main.command(
    help=N_("Print a session's agendas: participants (PDF), run-sheet, wall, Markdown, HTML, .ics.")
)
@click.argument("session", type=click.Path(dir_okay=False), metavar=N_("SESSION"))
@output_option(FOLDER_HELP)
@click.option(
    "--format",
    "formats",
    default="all",
    show_default=True,
    metavar=N_("FORMATS"),
    help=N_("Comma-separated: pdf, md, html, ics, or all."),
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help=N_("Paper of the participants' agenda and run-sheet."),
)
@click.option(
    "--wall",
    default="a3",
    show_default=True,
    metavar=N_("PAPER"),
    help=N_("Paper of the wall agenda (a3, a2, a1, tabloid...)."),
)
@click.option(
    "--wall-form",
    type=click.Choice(["timeline", "list"]),
    default="timeline",
    show_default=True,
    help=N_("The wall agenda as a timeline (each block as tall as it lasts) or as a list."),
)
@click.option(
    "--agenda-form",
    type=click.Choice(["list", "timeline"]),
    default="list",
    show_default=True,
    help=N_("The participants' agenda as a list, or as a timeline like the wall's."),
)
@click.option(
    "--theme",
    default="default",
    show_default=True,
    metavar=N_("THEME"),
    help=N_("Theme id (facilitation vocabulary themes)."),
)
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    metavar=N_("FOLDER"),
    help=N_("A folder of jinja2 templates replacing ours by name (repeatable)."),
)
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@common
def agenda(
    session: str,
    out_dir: str,
    formats: str,
    paper: str,
    wall: str,
    wall_form: str,
    agenda_form: str,
    theme: str,
    template_dirs: tuple[str, ...],
    strict: bool,
    lang: str,
    settings: Any,
) -> None:
    from facilitation.jobs.agenda import parse_formats, write_agenda
    from facilitation.jobs.output import Outputs
    from facilitation.load.printdata import theme as load_theme
    from facilitation.plan.schedule import schedule

    fmts = parse_formats(formats)
    load_theme(theme)  # a wrong theme is said before any work
    loaded, lang = _session(session, settings)
    plan = schedule(loaded, lang)
    _warnings(plan.warnings, strict)
    dirs = [Path(d) for d in template_dirs] + [
        f / "templates" for f in settings.folders if (f / "templates").is_dir()
    ]
    with Outputs(Path(out_dir)) as out:
        written = write_agenda(
            plan,
            out,
            lang,
            paper=paper,
            formats=fmts,
            template_dirs=dirs,
            wall=wall,
            theme=theme,
            wall_form=wall_form,
            agenda_form=agenda_form,
        )
    for item in written:
        click.echo(_("wrote {file}").format(file=Path(out_dir) / item.name))


def _check_retour(plan: Any, lang: str) -> int:
    """The retour beside the session, checked (an error stops); says its warnings and what
    is not cleared yet; returns how many it said."""
    from facilitation.jobs.compte_rendu import check_retour

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


@main.command(
    "compte-rendu",
    help=N_(
        "Write a session's compte rendu, in the session's language unless --lang says.\n"
        "\n"
        "\b\n"
        "With a retour beside the session (NAME.retour.yaml, see 'new retour'): the article as\n"
        "HTML (photos resized in images/), PDF and Markdown, and the planned-versus-run table\n"
        "for the facilitation team. Photos not marked 'cleared: true' and named quotes without\n"
        "'consent: true' are refused.\n"
        "Without a retour: a Markdown skeleton of the write-up, pre-filled from the session."
    ),
)
@click.argument("session", type=click.Path(dir_okay=False), metavar=N_("SESSION"))
@output_option(FOLDER_HELP)
@click.option(
    "--format",
    "formats",
    default="all",
    show_default=True,
    metavar=N_("FORMATS"),
    help=N_("Comma-separated: md, html, pdf, or all."),
)
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    metavar=N_("FOLDER"),
    help=N_("A folder of jinja2 templates replacing ours by name (repeatable)."),
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
    from facilitation.jobs.compte_rendu import parse_formats, write_compte_rendu
    from facilitation.jobs.output import Outputs
    from facilitation.plan.schedule import schedule

    fmts = parse_formats(formats)
    loaded, lang = _session(session, settings)
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
            click.echo(_("wrote {file}").format(file=Path(out_dir) / item.name))
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
            _("expected millimetres such as 3mm, found '{value}'").format(value=value),
            param_hint=name,
        )
    return float(m.group(1).replace(",", "."))


def _offset(value: str) -> tuple[float, float]:
    """--back-offset x,y in mm (as `facilitation calibrate` measures it)."""
    parts = value.split(",")
    if len(parts) != 2:
        raise click.BadParameter(_("expected x,y in mm such as 0.5,-1"), param_hint="--back-offset")
    x, y = (_mm(v, "--back-offset") for v in parts)
    return x, y


BACK_OFFSET_HELP = N_(
    "Shift of the backs in mm, x,y, for printers that shift the back "
    "(measure it with 'facilitation calibrate')."
)


@main.command(
    help=N_(
        "Print cards for exercises (ids) or for a whole session (a .yaml file).\n"
        "\n"
        "Each exercise gives its participant decks (fronts, then backs), its facilitator card "
        "(A6) and any floor signs, as separate PDFs: one paper size and one duplex setting each. "
        "For exercise ids, cards show the exercise's own content: where it is an example from "
        "another case, you are told, and content to write in prints blank."
    )
)
@click.argument("targets", nargs=-1, required=True, metavar=N_("EXERCISES_OR_SESSION..."))
@output_option(FOLDER_HELP)
@click.option(
    "--format",
    "card_fmt",
    default="auto",
    show_default=True,
    metavar=N_("FORMAT"),
    help=N_(
        "Card format: poker, tarot, a6, a7, business, mini, WxH in mm, or auto "
        "(poker; a6 for personas, tarot for roles)."
    ),
)
@click.option(
    "--sheet",
    default="a4",
    show_default=True,
    metavar=N_("PAPER"),
    help=N_("Paper: a4, letter, a3."),
)
@click.option(
    "--duplex",
    type=click.Choice(["long", "short", "fold", "none"]),
    default="long",
    show_default=True,
    help=N_("Backs: flip on the long or short edge, fold-over, none."),
)
@click.option(
    "--bleed",
    default="0mm",
    show_default=True,
    metavar=N_("MM"),
    help=N_("Bleed around each card (3mm)."),
)
@click.option(
    "--copies",
    type=click.IntRange(1, 200),
    default=1,
    show_default=True,
    metavar="N",
    help=N_("Decks of each set (e.g. one per group)."),
)
@click.option(
    "--back-offset", default="0,0", show_default=True, metavar="X,Y", help=BACK_OFFSET_HELP
)
@click.option(
    "--theme",
    default="default",
    show_default=True,
    metavar=N_("THEME"),
    help=N_("Theme id (facilitation vocabulary themes)."),
)
@click.option(
    "--programme", default="", metavar=N_("NAME"), help=N_("Programme name printed on the backs.")
)
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

        loaded, opts.lang = _session(targets[0], settings)
        lang = opts.lang
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
        from facilitation.jobs.cards import picture_warnings

        for line in picture_warnings(exercises, lang):
            click.echo(line)
        with Outputs(Path(out_dir)) as out:
            for ex in exercises:
                folder = library.folder_of(ex.id)
                root = folder if isinstance(folder, Path) else None
                jobs += write_exercise_cards(
                    ex, opts, out, overrides=exercise_values(ex), picture_root=root
                )
    for j in jobs:
        for w in j.warnings:
            click.echo(w, err=True)
        click.echo(
            _("wrote {file} ({pages}, {paper}, {sides})").format(
                file=Path(out_dir) / j.name,
                pages=_pages(j.pages),
                paper=j.paper,
                sides=_sides(j.duplex),
            )
        )


@main.command(
    help=N_("Print the canvases and sheets of an exercise (or one canvas layout by its id).")
)
@click.argument("target", metavar=N_("EXERCISE_OR_LAYOUT"))
@output_option(FOLDER_HELP)
@click.option(
    "--size",
    metavar=N_("PAPER"),
    help=N_("Paper of the canvas: a4, a3, a2, a1, a0 (default: the layout's)."),
)
@click.option(
    "--landscape/--portrait", default=None, help=N_("Orientation (default: the layout's).")
)
@click.option(
    "--tile",
    "tile_to",
    type=click.Choice(["a4", "a3", "letter", "none"]),
    default="none",
    show_default=True,
    help=N_("Print on office sheets to glue together, with an assembly map."),
)
@click.option(
    "--overlap",
    default="10mm",
    show_default=True,
    metavar=N_("MM"),
    help=N_("Overlap between tiles."),
)
@click.option(
    "--fit-sheets",
    type=click.IntRange(1, 200),
    default=None,
    metavar="N",
    help=N_("Scale the canvas down to fit this many tile sheets."),
)
@click.option(
    "--programme",
    default="",
    metavar=N_("NAME"),
    help=N_("Programme name printed on the canvas."),
)
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
                raise UserError(
                    _("exercise '{id}' has no canvas or sheet to print").format(id=target)
                )
        elif target in layout_ids():
            jobs = write_layout(target, opts, out)
        else:
            library.get(target)  # unknown: the message suggests a close id
            jobs = []
    for j in jobs:
        click.echo(
            _("wrote {file} ({pages}, {paper})").format(
                file=Path(out_dir) / j.name, pages=_pages(j.pages), paper=j.paper
            )
        )


@main.command(
    help=N_(
        "Build a session's whole kit: printing guide, agendas, booklet, cards, canvases, "
        "materials checklist and a JSON manifest."
    )
)
@click.argument("session", type=click.Path(dir_okay=False), metavar=N_("SESSION"))
@output_option(N_("Folder to write the kit into (created if needed)."))
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help=N_("Office paper for agendas, cards, sheets and tiles."),
)
@click.option(
    "--printer",
    type=click.Choice(["a4", "a3", "letter", "tabloid"]),
    default="a4",
    show_default=True,
    help=N_(
        "The largest paper your printer takes: a4 (or letter), or a3 (or tabloid). "
        "Canvases are planned for it."
    ),
)
@click.option(
    "--print-shop",
    is_flag=True,
    help=N_("Send large canvases to a print shop: one file at real size, instead of tiles."),
)
@click.option(
    "--fit-sheets",
    type=click.IntRange(1, 200),
    default=None,
    metavar="N",
    help=N_("Tile each large canvas on at most this many sheets (scaled down to fit)."),
)
@click.option(
    "--wall",
    default=None,
    metavar=N_("PAPER"),
    help=N_(
        "Paper of the wall agenda (default: the largest your printer takes; a3, tabloid, a2...)."
    ),
)
@click.option(
    "--wall-form",
    type=click.Choice(["timeline", "list"]),
    default="timeline",
    show_default=True,
    help=N_("The wall agenda as a timeline (each block as tall as it lasts) or as a list."),
)
@click.option(
    "--agenda-form",
    type=click.Choice(["list", "timeline"]),
    default="list",
    show_default=True,
    help=N_("The participants' agenda as a list, or as a timeline like the wall's."),
)
@click.option(
    "--format",
    "card_fmt",
    default="auto",
    show_default=True,
    metavar=N_("FORMAT"),
    help=N_("Card format for every deck (auto: poker, a6 for personas...)."),
)
@click.option(
    "--duplex",
    type=click.Choice(["long", "short", "fold", "none"]),
    default="long",
    show_default=True,
    help=N_("How card backs are printed."),
)
@click.option(
    "--back-offset", default="0,0", show_default=True, metavar="X,Y", help=BACK_OFFSET_HELP
)
@click.option(
    "--bleed",
    default="0mm",
    show_default=True,
    metavar=N_("MM"),
    help=N_("Bleed around each card (3mm)."),
)
@click.option(
    "--theme",
    default="default",
    show_default=True,
    metavar=N_("THEME"),
    help=N_("Theme id (facilitation vocabulary themes)."),
)
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option(
    "--separate-decks",
    is_flag=True,
    help=N_("Each exercise's cards on sheets of their own: one changed card reprints one sheet."),
)
@click.option(
    "--since",
    type=click.Path(exists=True),
    default=None,
    metavar=N_("KIT"),
    help=N_(
        "An earlier kit (its folder or manifest): say which files changed and need printing again."
    ),
)
@common
def kit(
    session: str,
    out_dir: str,
    paper: str,
    printer: str,
    print_shop: bool,
    fit_sheets: int | None,
    wall: str | None,
    wall_form: str,
    agenda_form: str,
    card_fmt: str,
    duplex: str,
    bleed: str,
    theme: str,
    back_offset: str,
    strict: bool,
    separate_decks: bool,
    since: str | None,
    lang: str,
    settings: Any,
) -> None:
    import time

    from facilitation.jobs.kit import KitOptions, build_kit
    from facilitation.jobs.output import Outputs
    from facilitation.load.printdata import sheet_mm
    from facilitation.load.printdata import theme as load_theme
    from facilitation.plan.schedule import schedule

    start = time.perf_counter()
    offset = _offset(back_offset)  # bad values are said before any work
    if wall:
        sheet_mm(wall)
    load_theme(theme)
    loaded, lang = _session(session, settings)
    plan = schedule(loaded, lang)
    if strict:
        _warnings(plan.warnings, strict)
    dirs = [f / "templates" for f in settings.folders if (f / "templates").is_dir()]
    options = KitOptions(
        paper=paper,
        printer=printer,
        print_shop=print_shop,
        wall=wall,
        wall_form=wall_form,
        agenda_form=agenda_form,
        fit_sheets=fit_sheets,
        card_format=card_fmt,
        duplex=duplex,
        bleed=_mm(bleed, "--bleed"),
        theme=theme,
        back_offset=offset,
        separate_decks=separate_decks,
        since=Path(since) if since else None,
        template_dirs=dirs,
    )
    show = sys.stderr.isatty()
    with click.progressbar(
        length=1, label=_("kit"), file=sys.stderr, show_eta=False, item_show_func=lambda x: x
    ) as bar:

        def progress(label: str, total: int) -> None:
            bar.length = total  # known once the session is planned
            bar.update(1, label if show else None)

        with Outputs(Path(out_dir)) as out:
            manifest = build_kit(loaded, out, lang, options, progress=progress, plan=plan)
    for w in manifest["warnings"]:
        click.echo(w, err=True)
    jobs = manifest["jobs"]
    pages = sum(j["pages"] for j in jobs)
    files = len(jobs) + len(manifest["other_files"]) + 1
    click.echo(
        ngettext(
            "wrote {files} to {folder}: {pdfs}, {pages} ({seconds} s)",
            "wrote {files} to {folder}: {pdfs}, {pages} ({seconds} s)",
            files,
        ).format(
            files=ngettext("{n} file", "{n} files", files).format(n=files),
            folder=out_dir,
            pdfs=ngettext("{n} PDF", "{n} PDFs", len(jobs)).format(n=len(jobs)),
            pages=_pages(pages),
            seconds=number(time.perf_counter() - start, lang, digits=1),
        )
    )
    from facilitation.load.printdata import sheet as paper_sheet

    for t in manifest["paper"]:
        who = {
            "office": _("your printer"),
            "larger": _("a printer that takes {paper}, or a copy shop"),
            "shop": _("a print shop or a plotter"),
        }[t["printer"]]
        label = paper_sheet(t["paper"]).label
        n = ngettext("{n} {paper} sheet", "{n} {paper} sheets", t["sheets"])
        click.echo(
            _("paper: {sheets}: {printer}").format(
                sheets=n.format(n=t["sheets"], paper=label), printer=who.format(paper=label)
            )
        )
    if manifest["reprint"] is not None:
        for line in _reprint_lines(manifest["reprint"]):
            click.echo(line)
    click.echo(_("start with {file}").format(file=Path(out_dir) / jobs[0]["name"]))


def _reprint_lines(changes: dict[str, Any]) -> list[str]:
    """What to print again since an earlier kit, a line a file."""
    out = []
    same = 0
    for f in changes["files"]:
        if f["status"] == "same":
            same += 1
        elif f["status"] == "new":
            out.append(_("print: {file} (new)").format(file=f["name"]))
        elif f.get("changed_sheets"):
            which = ", ".join(str(k) for k in f["changed_sheets"])
            out.append(
                ngettext(
                    "print again: {file}, sheet {which} only",
                    "print again: {file}, sheets {which} only",
                    len(f["changed_sheets"]),
                ).format(file=f["name"], which=which)
            )
        else:
            out.append(_("print again: {file} (changed)").format(file=f["name"]))
    for name in changes["gone"]:  # named by the earlier manifest: shown, never obeyed
        out.append(_("no longer needed: {file}").format(file=visible(name, newlines=False)))
    out.append(
        ngettext(
            "{n} file unchanged since {kit}",
            "{n} files unchanged since {kit}",
            same,
        ).format(n=same, kit=changes["since"])
    )
    return out


@main.command(
    help=N_(
        "Print a two-sided sheet that measures how far your printer shifts the backs.\n"
        "\n"
        "Print it as you print cards, hold it up to the light and read the two numbers to give "
        "to --back-offset (cards, kit)."
    )
)
@output_option(N_("Folder to write the calibration sheet into (created if needed)."))
@click.option(
    "--sheet",
    type=click.Choice(["a4", "letter", "a3"]),
    default="a4",
    show_default=True,
    help=N_("Paper, as for the cards."),
)
@click.option(
    "--duplex",
    type=click.Choice(["long", "short"]),
    default="long",
    show_default=True,
    help=N_("Flip edge, as for the cards."),
)
@common
def calibrate(out_dir: str, sheet: str, duplex: str, lang: str, settings: Any) -> None:
    from facilitation.jobs.output import Outputs
    from facilitation.render.calibration_pdf import calibration_pdf
    from facilitation.render.pdf import sheet_size

    fr = lang == "fr"  # file names stay per language
    name = f"{'calibrage-recto-verso' if fr else 'duplex-calibration'}-{sheet}-{duplex}.pdf"
    with Outputs(Path(out_dir)) as out:
        calibration_pdf(out.path(name), sheet_size(sheet), duplex, lang, sheet)
    click.echo(_("wrote {file}").format(file=Path(out_dir) / name))


@main.group(help=N_("Write a commented skeleton to start from."))
def new() -> None:
    """`facilitation new`."""


@new.command("exercise", help=N_("Write EXERCISE_ID.yaml, a skeleton that validates as it is."))
@click.argument("exercise_id", metavar=N_("EXERCISE_ID"))
@output_option(N_("Folder to write into (default: here)."), default=".")
@common
def new_exercise(exercise_id: str, out_dir: str, lang: str, settings: Any) -> None:
    from facilitation.jobs.skeleton import write_exercise

    path = write_exercise(exercise_id, Path(out_dir), lang)
    click.echo(_("wrote {file}").format(file=path))


@new.command(
    "session",
    help=N_("Write NAME.yaml, a commented session skeleton in your language that checks clean."),
)
@click.argument("name", metavar=N_("NAME"))
@output_option(N_("Folder to write into (default: here)."), default=".")
@common
def new_session(name: str, out_dir: str, lang: str, settings: Any) -> None:
    from facilitation.jobs.skeleton import write_session

    path = write_session(name, Path(out_dir), lang)
    click.echo(_("wrote {file}").format(file=path))


@new.command(
    "retour",
    help=N_(
        "Write SESSION's retour beside it (NAME.retour.yaml): every block of the session, to "
        "say what happened, for the compte rendu. In the session's language unless --lang says."
    ),
)
@click.argument("session", type=click.Path(dir_okay=False), metavar=N_("SESSION"))
@common
def new_retour(session: str, lang: str, settings: Any) -> None:
    from facilitation.jobs.compte_rendu import write_retour_skeleton
    from facilitation.plan.schedule import schedule

    loaded, lang = _session(session, settings)
    path = write_retour_skeleton(schedule(loaded, lang), lang)
    click.echo(_("wrote {file}").format(file=path))


@main.command(help=N_("Print the JSON Schema of the exercise or session format."))
@click.argument("what", type=click.Choice(["exercise", "session"]), default="exercise")
@common
def schema(what: str, lang: str, settings: Any) -> None:
    from facilitation.jobs.schema import schema_text

    click.echo(schema_text(what), nl=False)


def _pages(n: int) -> str:
    return ngettext("{n} page", "{n} pages", n).format(n=n)


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
        raise UserError(Problem(_("expected a duration longer than zero"), path=name))
    return minutes


@main.command(
    help=N_(
        'Propose methods for what you want to do ("clore la journée"), the time you have and '
        "the head count, and say why each one is proposed."
    )
)
@click.argument("query", nargs=-1, metavar=N_("[WHAT FOR]"))
@click.option(
    "--time", "time_", metavar=N_("DURATION"), help=N_("The time you have, e.g. 30min or 1h30.")
)
@click.option(
    "--people", type=click.IntRange(1), metavar=N_("N"), help=N_("How many people take part.")
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=5,
    show_default=True,
    metavar=N_("N"),
    help=N_("How many to propose."),
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
    from facilitation.errors import Problem
    from facilitation.plan.suggest import suggest as rank
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


@main.command(
    help=N_(
        "Propose a day: a session file that follows the arc of a session (open, explore, "
        "converge, close) within the time, with breaks, drawn at random from the library "
        "(again with --seed), or expanded from a shared plan line (--plan)."
    )
)
@click.option(
    "--time",
    "time_",
    metavar=N_("DURATION"),
    help=N_("The time of the day, breaks included (e.g. 3h, 6h30)."),
)
@click.option(
    "--people", type=click.IntRange(1), required=True, metavar=N_("N"), help=N_("How many people.")
)
@click.option(
    "--goal", default="", metavar=N_("TEXT"), help=N_('What the day is for ("décider ensemble").')
)
@click.option(
    "--seed",
    type=click.IntRange(0),
    metavar=N_("N"),
    help=N_("Draw this plan again (printed each time)."),
)
@click.option(
    "--plan",
    "plan_line",
    metavar=N_("LINE"),
    help=N_("A plan line to expand (accueil,meteo-interieure,…)."),
)
@click.option(
    "--start",
    default="9:00",
    show_default=True,
    metavar=N_("TIME"),
    help=N_("When the day starts."),
)
@click.option(
    "--date",
    "date_",
    metavar=N_("DATE"),
    help=N_("The date of the day (2025-03-14, 14 mars 2025; default: today)."),
)
@click.option(
    "--programme",
    default=None,
    metavar=N_("NAME"),
    help=N_("Programme name (default: Proposal)."),
)
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(dir_okay=False),
    metavar=N_("FILE"),
    help=N_("The file to write."),
)
@click.option("--force", is_flag=True, help=N_("Replace the file if it exists."))
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
    from facilitation.jobs.propose import ProposeOptions, run_propose
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


@main.command(
    help=N_(
        "Rebuild a session's timeline, warnings and agendas each time you save it (Ctrl-C "
        "stops). Also watches your libraries' files."
    )
)
@click.argument("session", type=click.Path(dir_okay=False), metavar=N_("SESSION"))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    metavar=N_("FOLDER"),
    help=N_("Folder of the agendas (default: SESSION's name + '-agendas', beside it)."),
)
@click.option(
    "--format",
    "formats",
    default="all",
    show_default=True,
    metavar=N_("FORMATS"),
    help=N_("Agendas to rebuild, comma-separated: pdf, md, html, ics, or all."),
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help=N_("Paper of the participants' agenda and run-sheet."),
)
@common
def watch(
    session: str, out_dir: str | None, formats: str, paper: str, lang: str, settings: Any
) -> None:
    import datetime as dt

    from facilitation import processes
    from facilitation.jobs.agenda import parse_formats
    from facilitation.jobs.watch import Watcher, report_agendas, report_timeline
    from facilitation.load.sessions import read_session, written_language

    path = Path(session)
    # the language asked for, else the session's own (as check and agenda say it)
    lang = settings.chosen_lang or written_language(read_session(path)) or "fr"
    set_language(lang)
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

    # Ctrl-C, or SIGTERM from a service manager, stops watching cleanly: the agendas being
    # written are undone (the last good ones stay), a process writing some dies with it
    processes.install_interrupt_handlers()
    try:
        watcher.run(done, early=timeline)
    except KeyboardInterrupt:
        click.echo(_("stopped watching {file}").format(file=path))


@main.command(
    help=N_(
        "Write a website of the methods you have (built-in and your own), in French and "
        "English: an index with filters and search, a page per method with what it prints. It "
        "opens from the disk, with no server: open FOLDER/index.html."
    )
)
@output_option(N_("Folder of the website (created if needed)."))
@click.option(
    "--previews/--no-previews",
    default=True,
    show_default=True,
    help=N_("Images of what each method prints (the first build takes longer; then cached)."),
)
@common
def catalogue(out_dir: str, previews: bool, lang: str, settings: Any) -> None:
    from facilitation.jobs.catalogue import build_catalogue
    from facilitation.jobs.output import Outputs

    library = _library(settings)
    dirs = [f / "templates" for f in settings.folders if (f / "templates").is_dir()]
    with Outputs(Path(out_dir)) as out:
        report = build_catalogue(library, out, lang, previews=previews, template_dirs=dirs)
    click.echo(
        _("wrote {pages} and {images} for {methods} in {seconds} s: {path}").format(
            pages=ngettext("{n} page", "{n} pages", report.pages).format(n=report.pages),
            images=ngettext("{n} preview", "{n} previews", report.previews).format(
                n=report.previews
            ),
            methods=ngettext("{n} method", "{n} methods", report.methods).format(n=report.methods),
            seconds=number(report.seconds, lang, 1),
            path=Path(out_dir) / "index.html",
        )
    )


def _sides(duplex: str) -> str:
    words = {
        "long": _("double-sided, long edge"),
        "short": _("double-sided, short edge"),
        "none": _("single-sided"),
        "fold": _("single-sided, fold"),
    }
    return words.get(duplex, duplex)


def _interrupted(written: bool) -> None:
    from facilitation.text.messages import _

    if written:
        click.echo(_("interrupted (the output was already complete)"), err=True)
    else:
        click.echo(_("interrupted: nothing was written"), err=True)


def run() -> None:  # pragma: no cover - console entry
    """The `facilitation` command. Once the command is over, the process leaves without
    tearing down its objects one by one: after a kit that teardown takes about 60 ms, for
    nothing, since every file is closed and the output flushed by then (mypy does the same)."""
    from facilitation.processes import install_signal_handlers

    install_signal_handlers(_interrupted)  # SIGINT and SIGTERM leave nothing half-written
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
