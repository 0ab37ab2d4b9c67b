"""Warnings about content the session did not choose: examples written for another case,
blank supports printed in their place, and the user's own values missing in the kit's
language. Each warning carries the file and line of the block (or of the value) concerned.

Why: a built-in method carries the content of the case it was written from (the Dunkerque
personas, the Strasbourg interview guide). Printed in another programme, it looks right and
is wrong; the facilitator has to hear it the night before, not in the room.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from facilitation.errors import Problem
from facilitation.load.yamlio import format_path
from facilitation.model.exercise import Exercise
from facilitation.model.words import language_name
from facilitation.plan.checks import friendly_path
from facilitation.plan.supports import (
    block_values,
    chosen,
    exercise_values,
    is_blank,
    printed_params,
)
from facilitation.plan.timeline import Plan, Slot
from facilitation.text.i18n import LANGS, is_localized, tr
from facilitation.text.messages import _, language, ngettext


def unchosen(
    ex: Exercise, variant: str | None, given: dict[str, Any], values: dict[str, Any]
) -> Iterator[tuple[str, str]]:
    """(parameter, kind) for each parameter a block prints that nobody chose: kind is
    'example' (another case's content prints) or 'blank' (blank items print instead)."""
    for name in printed_params(ex, variant):
        if name in given:
            continue
        p = ex.parameters[name]
        if is_blank(values.get(name)):
            yield name, "blank"
        elif p.example and not chosen(p) and p.default is not None:
            yield name, "example"


def _hint(ex: Exercise, name: str, where: str) -> str:
    if where == "block":
        return _(
            "give your own under 'params: {param}:' in this block, or in your library with "
            "an exercise that says 'extends: {exercise}'"
        ).format(param=name, exercise=ex.id)
    return _(
        "to print your own, give them under 'params: {param}:' in a session, or in your "
        "library with an exercise that says 'extends: {exercise}'"
    ).format(param=name, exercise=ex.id)


def _message(ex: Exercise, name: str, kind: str, values: dict[str, Any]) -> str:
    label = tr(ex.parameters[name].label, language())
    if kind == "blank":
        n = len(values.get(name) or [])
        return ngettext(
            "{exercise} / {param} ({label}): nothing chosen, so {n} blank one prints, to fill "
            "in by hand, not the built-in example",
            "{exercise} / {param} ({label}): nothing chosen, so {n} blank ones print, to fill "
            "in by hand, not the built-in example",
            n,
        ).format(exercise=ex.id, label=label, param=name, n=n)
    return _(
        "{exercise} / {param} ({label}): the built-in example prints, written for another "
        "case, not content chosen for this session"
    ).format(exercise=ex.id, label=label, param=name)


@dataclass
class Unchosen:
    """A parameter a session prints without having chosen it: the example of another case,
    or blank items in its place; at which blocks (the first ones of their activities)."""

    exercise: Exercise
    param: str
    kind: str  # example | blank
    slots: list[Slot] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # of the first block

    @property
    def blanks(self) -> int:
        return len(self.values.get(self.param) or [])


def unchosen_uses(plan: Plan) -> list[Unchosen]:
    """Every parameter the session prints without having chosen it, in session order."""
    found: dict[tuple[str, str, str], Unchosen] = {}
    for slot in plan.all_slots():
        ex = slot.exercise
        if ex is None or slot.head is not None:
            continue
        values = block_values(slot)
        for name, kind in unchosen(ex, slot.block.variant, slot.block.params, values):
            use = found.setdefault((ex.id, name, kind), Unchosen(ex, name, kind, values=values))
            use.slots.append(slot)
    return list(found.values())


def example_warnings(plan: Plan) -> list[tuple[tuple[Any, ...], Problem]]:
    """One warning for each parameter the session prints without having chosen it, at the
    first block that prints it (the others are listed by line): (that block's path, warning)."""
    loaded = plan.loaded
    out = []
    for use in unchosen_uses(plan):
        slots, name = use.slots, use.param
        slot = slots[0]
        message = _message(use.exercise, name, use.kind, use.values)
        if len(slots) > 1:
            lines = ", ".join(str(loaded.where(s.path)[1]) for s in slots[1:])
            message += " " + ngettext(
                "(also {n} other block, line {lines})",
                "(also {n} other blocks, lines {lines})",
                len(slots) - 1,
            ).format(n=len(slots) - 1, lines=lines)
        file, line, col = loaded.where(slot.path)
        out.append(
            (
                slot.path,
                Problem(
                    message,
                    file=file,
                    line=line,
                    column=col,
                    path=friendly_path(plan.session, slot.path),
                    hint=_hint(use.exercise, name, "block"),
                    severity="warning",
                ),
            )
        )
    return out


def exercise_example_warnings(ex: Exercise, library: Any) -> list[Problem]:
    """For an exercise printed on its own (`cards ID`): the same warnings, at the line of the
    value in the exercise's file."""
    values = exercise_values(ex)
    out = []
    for name, kind in unchosen(ex, None, {}, values):
        file, line, col = _where(ex, library, ("parameters", name, "default"))
        out.append(
            Problem(
                _message(ex, name, kind, values),
                file=file,
                line=line,
                column=col,
                path=format_path(("parameters", name)),
                hint=_hint(ex, name, "exercise"),
                severity="warning",
            )
        )
    return out


def _where(ex: Exercise, library: Any, path: tuple[Any, ...]) -> tuple[str, int | None, int | None]:
    locator = library.locators.get(ex.id)
    if locator is None:
        return ex.origin or ex.id, None, None
    return locator.locate(path)  # type: ignore[no-any-return]


def _builtin(file: str) -> bool:
    return file.startswith("<built-in>")


def library_language_warnings(plan: Plan, lang: str) -> list[Problem]:
    """Values and texts of the user's own exercises that lack the kit's language: the kit
    prints the user's other language (never the parent's text, for an `extends`), and says so
    here, at the line of the value."""
    library = plan.loaded.library
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for slot in plan.all_slots():
        ex = slot.exercise
        if ex is None or slot.head is not None:
            continue
        for name in printed_params(ex, slot.block.variant):
            p = ex.parameters[name]
            if name in slot.block.params or (ex.id, name) in seen or p.default is None:
                continue
            seen.add((ex.id, name))
            file, line, col = _where(ex, library, ("parameters", name, "default"))
            if _builtin(file) or lang in p.default or not is_localized(p.default):
                continue
            used = next(iter(p.default))
            out.append(
                Problem(
                    _(
                        "{exercise} / {param} ({label}): your value has no {language} version: "
                        "the kit prints your {other} one"
                    ).format(
                        exercise=ex.id,
                        label=tr(p.label, language()),
                        param=name,
                        language=language_name(lang),
                        other=language_name(used),
                    ),
                    file=file,
                    line=line,
                    column=col,
                    path=format_path(("parameters", name, "default")),
                    hint=_("add '{lang}:' beside '{other}:'").format(lang=lang, other=used),
                    severity="warning",
                )
            )
        if (ex.id, "") in seen:
            continue
        seen.add((ex.id, ""))
        file = _where(ex, library, ())[0]
        if _builtin(file):
            continue
        missing = [m for m in ex.missing_translations() if m.endswith(f"({lang})")]
        if missing:
            first = missing[0].rsplit(" (", 1)[0]
            path = tuple(int(x) if x.isdigit() else x for x in _split(first))
            file, line, col = _where(ex, library, path)
            other = next(x for x in LANGS if x != lang)
            out.append(
                Problem(
                    ngettext(
                        "'{exercise}': {n} text has no {language} version: the kit prints it "
                        "in {other}, marked [{code}]",
                        "'{exercise}': {n} texts have no {language} version: the kit prints "
                        "them in {other}, marked [{code}]",
                        len(missing),
                    ).format(
                        exercise=ex.id,
                        n=len(missing),
                        language=language_name(lang),
                        other=language_name(other),
                        code=other,
                    ),
                    file=file,
                    line=line,
                    column=col,
                    path=first,
                    hint=_("add '{lang}:' beside '{other}:'").format(lang=lang, other=other),
                    severity="warning",
                )
            )
    return out


def _split(dotted: str) -> list[str]:
    """'steps[2].title' -> ['steps', '2', 'title']."""
    return [p for p in dotted.replace("[", ".").replace("]", "").split(".") if p]
