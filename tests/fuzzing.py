"""Properties of the loaders and of `check`, shared by the suite (a few seconds) and
bench/fuzz.py (minutes): whatever a file holds, the program says what is wrong with its file,
and never fails otherwise.

The inputs are the bundled sessions and built-in exercises, mutated the way hands and tools
spoil files (keys dropped, values of the wrong kind, huge numbers, odd characters in keys,
texts cut), plus arbitrary text for the YAML reader.
"""

from __future__ import annotations

import copy
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from facilitation.errors import Problem, UserError

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = sorted((ROOT / "examples").glob("*.yaml"))
EXERCISES = sorted((ROOT / "exercises").glob("*.yaml"))

# -- values a hand or a tool might put anywhere ------------------------------------------------
ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "[",
        "a[0]",
        "]",
        "'",
        '"',
        "it's",
        "{x}",
        "{0}",
        "%s",
        "a.b",
        "\\",
        "\u00a0",
        "é",
        "\U0001f600",
        "\u202e",
        "\x00",
        "\t",
        "line\nbreak",
        "9:30",
        "25:99",
        "1h75",
        "2019-02-30",
        "0001-01-01",
        "9999-12-31",
        "../../etc/passwd",
        "/etc/passwd",
        "-1",
        "1e309",
        "nan",
        "groups of 0",
        "0 groups",
        "x" * 6000,
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 23, 24, 59, 60, 1439, 1440, 100000, 2**63, 10**12]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    ODD_TEXT,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), ODD_TEXT), inner, max_size=4),
    ),
    max_leaves=8,
)
KEYS = st.one_of(st.text(max_size=12), ODD_TEXT)


@cache
def base(path: Path) -> Any:
    from facilitation.load.yamlio import read_path

    return read_path(path).data


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, path + (i,))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        value = value[p]
    return value


@st.composite
def mutated(draw: Any, files: list[Path]) -> Any:
    """A document of one of `files`, with one to four mutations."""
    data = copy.deepcopy(base(draw(st.sampled_from(files))))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        depth = draw(st.integers(0, max(len(x) for x in paths)))  # shallow places as often
        path = draw(st.sampled_from([x for x in paths if len(x) == depth] or paths))
        kind = draw(st.sampled_from(["replace", "delete", "add", "grow", "type"]))
        if not path:  # the file's own keys: add one
            if isinstance(data, dict):
                data[draw(KEYS)] = draw(VALUES)
            continue
        parent, key = _get(data, path[:-1]), path[-1]
        if kind == "replace":
            parent[key] = draw(VALUES)
        elif kind == "delete":
            del parent[key]
        elif kind == "add" and isinstance(parent[key], dict):
            parent[key][draw(KEYS)] = draw(VALUES)
        elif kind == "grow" and isinstance(parent[key], list) and parent[key]:
            parent[key] = parent[key] * draw(st.integers(2, 40))
        elif kind == "type":
            value = parent[key]
            parent[key] = draw(
                st.sampled_from([[value], {"fr": value}, str(value), None, {"x": value}])
            )
    return data


def as_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


@st.composite
def spoiled_text(draw: Any, files: list[Path]) -> str:
    """The text of one of `files` cut, or with characters put in or taken out."""
    text = draw(st.sampled_from(files)).read_text("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["cut", "insert", "delete"]))
        if op == "cut":
            text = text[:i]
        elif op == "insert":
            text = (
                text[:i]
                + draw(
                    st.sampled_from(
                        [
                            ":",
                            "- ",
                            "[",
                            "{",
                            "'",
                            '"',
                            "\t",
                            "\n  ",
                            "&a",
                            "*a",
                            "!!python/object:x",
                            "<<: *a",
                        ]
                    )
                )
                + text[i:]
            )
        else:
            text = text[:i] + text[i + draw(st.integers(1, 20)) :]
    return text


# -- the properties ------------------------------------------------------------------------------
def check_problems(problems: list[Problem]) -> None:
    """Every problem names its file, and formats."""
    assert problems
    for p in problems:
        assert p.file, p.format()
        p.format()


def yaml_reader_holds(text: str) -> None:
    from facilitation.load.yamlio import read_text

    try:
        read_text(text, "x.yaml")
    except UserError as exc:
        check_problems(exc.problems)


def exercise_loader_holds(text: str) -> None:
    """A user exercise file in a library: loaded, or its problems each with a file."""
    from facilitation.load.library import Library

    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "mon-exercice.yaml").write_text(text, encoding="utf-8")
        lib = Library([Path(d)])
        for call in (lambda: lib.get("mon-exercice"), lambda: lib.check(everything=False)):
            try:
                call()
            except UserError as exc:
                check_problems(exc.problems)


@cache
def _library() -> Any:
    from facilitation.load.library import Library

    return Library()


def session_check_holds(text: str) -> None:
    """`check` on a session file: its plan and warnings, or its problems, each with a file;
    and what `check` accepts, the text writers (Markdown, .ics) write."""
    from facilitation.load.sessions import load_session
    from facilitation.plan.schedule import schedule

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "seance.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            plan = schedule(load_session(path, _library()), "fr")
        except UserError as exc:
            check_problems(exc.problems)
            return
        for w in plan.warnings:
            assert w.file, w.format()
        from facilitation.render.agenda_text import render_ics, render_template
        from facilitation.view.agenda import agenda_view

        try:
            view = agenda_view(plan, "fr")
            render_ics(plan, view)
            render_template("agenda.md.j2", view, [], html=False)
        except UserError as exc:
            check_problems(exc.problems)


# -- documents built from the models' own keys ---------------------------------------------------
def _fields(model: Any) -> list[str]:
    return [k for k in model.model_fields if k not in ("id", "origin")]


@st.composite
def _mapping(draw: Any, keys: list[str], nested: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(keys), max_size=len(keys), unique=True)):
        out[key] = draw(nested[key]) if key in nested else draw(VALUES)
    if draw(st.booleans()):
        out[draw(KEYS)] = draw(VALUES)
    return out


def _times() -> Any:
    return st.one_of(
        st.sampled_from(["9:00", "8h30", "0:00", "23:59", "13:15", 9, 23, "24:00"]),
        VALUES,
    )


def _durations() -> Any:
    return st.one_of(st.sampled_from(["45 min", "1h30", 30, 0, 1440, 1441, "25h"]), VALUES)


@st.composite
def generated_session(draw: Any) -> dict[str, Any]:
    """A session made of the session format's keys, with values good, bad and odd."""
    from facilitation.model.session import Block, Day, Session

    ids = st.sampled_from(["debat-mouvant", "vote", "personas", "meteo", "nope", "x[0]"])
    block = _mapping(
        _fields(Block),
        {
            "exercise": ids,
            "duration": _durations(),
            "at": _times(),
            "logistics": st.sampled_from(["welcome", "break", "lunch", "travel", "nap"]),
        },
    )
    day = _mapping(
        _fields(Day),
        {
            "date": st.one_of(st.dates().map(str), VALUES),
            "start": _times(),
            "end": _times(),
            "blocks": st.lists(block, min_size=1, max_size=5),
        },
    )
    base_keys = {"programme": "Transfo", "title": "Séance", "participants": 12}
    out = dict(base_keys)
    out.update(
        draw(
            _mapping(
                _fields(Session),
                {
                    "days": st.lists(day, min_size=1, max_size=3),
                    "participants": st.one_of(st.integers(-5, 2000), VALUES),
                    "timezone": st.sampled_from(["Europe/Paris", "UTC", "Mars/Base", ""]),
                },
            )
        )
    )
    return out


@st.composite
def generated_exercise(draw: Any) -> dict[str, Any]:
    """An exercise made of the exercise format's keys, with values good, bad and odd."""
    from facilitation.model.exercise import Exercise, Step

    step = _mapping(_fields(Step), {"minutes": _durations()})
    out = {
        "title": "Atelier",
        "duration": 30,
        "steps": [{"title": "a", "minutes": 30, "instructions": "b"}],
    }
    out.update(
        draw(
            _mapping(
                _fields(Exercise),
                {
                    "steps": st.lists(step, max_size=4),
                    "duration": st.one_of(
                        _durations(),
                        st.fixed_dictionaries({"typical": _durations(), "max": _durations()}),
                    ),
                    "extends": st.sampled_from(["debat-mouvant", "mon-exercice", "nope"]),
                },
            )
        )
    )
    return out
