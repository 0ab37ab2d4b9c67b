"""The command line. It parses options, calls the library, prints. Nothing else.

Heavy modules (reportlab) are imported inside the commands that render, so that
`facilitation --help` and `facilitation list` start fast.
"""

from __future__ import annotations

import functools
import shutil
import sys
from pathlib import Path
from typing import Any, Callable

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
            for problem in exc.problems:
                click.echo(problem.format(), err=True)
            n = sum(1 for p in exc.problems if p.severity == "error")
            if n > 1:
                click.echo(f"{n} problems.", err=True)
            ctx.exit(1)


def common(f: Callable[..., Any]) -> Callable[..., Any]:
    """--lang and --library, taken by every command."""

    @click.option(
        "--lang", type=click.Choice(["fr", "en"]), default=None, envvar=LANG_ENV,
        help="Language of the output (default: fr, or 'lang' in facilitation.yaml).",
    )
    @click.option(
        "--library", "libraries", multiple=True, type=click.Path(file_okay=False),
        help="A folder of your own exercises (repeatable); searched before the built-ins.",
    )
    @functools.wraps(f)
    def wrapper(*args: Any, lang: str | None, libraries: tuple[str, ...], **kw: Any) -> Any:
        from facilitation.library import Settings

        settings = Settings.discover(libraries)
        kw["lang"] = lang or settings.lang or "fr"
        kw["settings"] = settings
        return f(*args, **kw)

    return wrapper


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
    from facilitation.library import Library

    return Library.from_settings(settings)


@main.command("list")
@click.argument("query", required=False)
@click.option("--tag", multiple=True, help="Only exercises with this tag (repeatable).")
@click.option("--arc", type=click.Choice(["open", "explore", "converge", "close", "energise",
                                          "logistics"]), help="Only this part of a session.")
@click.option("--max-duration", help="Only exercises that can fit in this time (e.g. 30 min).")
@click.option("--group-size", type=click.IntRange(1), help="Only exercises that work for N people.")
@common
def list_cmd(query: str | None, tag: tuple[str, ...], arc: str | None, max_duration: str | None,
             group_size: int | None, lang: str, settings: Any) -> None:
    """List the exercises, with filters and an optional text search (QUERY)."""
    from facilitation.catalog import filter_exercises, table

    library = _library(settings)
    library.check()
    found = filter_exercises(library.exercises.values(), query=query, tags=tag, arc=arc,
                             max_duration=max_duration, group_size=group_size, lang=lang)
    width = shutil.get_terminal_size((110, 24)).columns
    click.echo(table(found, lang, width=max(width, 80)), nl=False)


@main.command()
@click.argument("exercise_id")
@common
def show(exercise_id: str, lang: str, settings: Any) -> None:
    """Show one exercise, whole, as a sheet to read."""
    from facilitation.render.text import show as render

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
    from facilitation.checking import validate_paths

    report = validate_paths([Path(p) for p in paths], settings)
    click.echo(report)


@main.group()
def new() -> None:
    """Write a commented skeleton to start from."""


@new.command("exercise")
@click.argument("exercise_id")
@click.option("-o", "--output", "out_dir", default=".", type=click.Path(file_okay=False),
              help="Folder to write into (default: here).")
@common
def new_exercise(exercise_id: str, out_dir: str, lang: str, settings: Any) -> None:
    """Write EXERCISE_ID.yaml, a skeleton that validates as it is."""
    from facilitation.skeleton import write_exercise

    path = write_exercise(exercise_id, Path(out_dir), lang)
    click.echo(f"wrote {path}")


@main.command()
@click.argument("what", type=click.Choice(["exercise", "session"]), default="exercise")
def schema(what: str) -> None:
    """Print the JSON Schema of the exercise or session format."""
    from facilitation.schema import schema_text

    click.echo(schema_text(what), nl=False)


def run() -> None:  # pragma: no cover - console entry
    main(prog_name="facilitation")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
