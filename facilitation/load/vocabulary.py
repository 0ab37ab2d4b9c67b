"""The vocabulary from vocabulary/: tags and method families, built in, and added to or
replaced by id from a library folder's own vocabulary/ (tags.yaml, families.yaml).

Exercise tags and families are checked against it (an unknown tag is an error with a 'did
you mean', unless the user's library declares it), and search reads the tags' labels and
synonyms in both languages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load.files import is_inside, link_out_problem
from facilitation.load.printdata import user_dirs, validate_entry
from facilitation.load.yamlio import read_path
from facilitation.model.types import ID_RE
from facilitation.model.vocabulary import Family, Tag
from facilitation.resources import data_dir
from facilitation.text.i18n import fold, tr
from facilitation.text.messages import _, language

M = TypeVar("M", bound=BaseModel)


def _display(f: Path) -> str:
    try:
        return os.path.relpath(f)
    except ValueError:
        return str(f)


def _sources(name: str, dirs: tuple[Path, ...]) -> tuple[tuple[Any, str, float], ...]:
    """(file, display name, modification time) of a table: built-in first, then each library
    folder's (the first folder given wins, so it comes last)."""
    out: list[tuple[Any, str, float]] = [
        (
            data_dir("vocabulary").joinpath(f"{name}.yaml"),
            f"<built-in>/vocabulary/{name}.yaml",
            0.0,
        )
    ]
    for d in reversed(dirs):
        f = d / "vocabulary" / f"{name}.yaml"
        if f.exists() or f.is_symlink():  # a pipe or a dangling link is said, not skipped
            if not is_inside(f, d):
                raise UserError(link_out_problem(_display(f)))
            out.append((f, _display(f), f.stat().st_mtime if f.exists() else 0.0))
    return tuple(out)


def _table(name: str, model: type[M]) -> dict[str, M]:
    """A vocabulary table by id, read again only when its files change."""
    return _read_table(name, model, _sources(name, tuple(user_dirs())))


@cache
def _read_table(
    name: str, model: type[M], sources: tuple[tuple[Any, str, float], ...]
) -> dict[str, M]:
    """The entries of the files, every entry validated, every problem said at its line."""
    out: dict[str, M] = {}
    problems: list[Problem] = []
    for file, display, _mtime in sources:
        doc = read_path(file, display=display)
        if not isinstance(doc.data, dict):
            problems.append(Problem(_("expected a mapping of ids"), file=display, line=1))
            continue
        for key, raw in doc.data.items():
            if not isinstance(key, str) or not ID_RE.match(key):
                line, col = doc.where((key,), key=True)
                problems.append(
                    Problem(
                        _("'{id}' is not a valid id").format(id=key),
                        file=display,
                        line=line,
                        column=col,
                        hint=_("use lowercase letters, digits and dashes, like 'grand-format'"),
                    )
                )
                continue
            try:
                out[key] = validate_entry(doc, (key,), raw, model)
            except UserError as exc:
                problems.extend(exc.problems)
    if problems:
        raise UserError(problems)
    return out


def tags() -> dict[str, Tag]:
    """Every tag, built-in and the libraries' own."""
    return _table("tags", Tag)


def families() -> dict[str, Family]:
    return _table("families", Family)


def tag_label(tag_id: str) -> str:
    """A tag as the run's language says it ('brise-glace' -> 'icebreaker' in English)."""
    tag = tags().get(tag_id)
    return tr(tag.label, language()) if tag else tag_id


def family_label(family_id: str | None, lang: str) -> str:
    """A method family as `lang` says it (its id when the vocabulary does not know it)."""
    if not family_id:
        return ""
    family = families().get(family_id)
    return tr(family.label, lang) if family else family_id


def tag_words() -> dict[str, list[str]]:
    """Each tag id with every word it goes by, for hints."""
    return {k: t.words() for k, t in tags().items()}


def family_words() -> dict[str, list[str]]:
    """Each method family's id with its labels in both languages (what `suggest` and the
    catalogue's search read a family by)."""
    return {k: list(f.label.values()) for k, f in families().items()}


def find_tag(typed: str) -> str | None:
    """The tag a user typed: its id, or its label or a synonym in either language (accents
    and case do not count). None when nothing matches exactly."""
    known = tags()
    if typed in known:
        return typed
    want = " ".join(fold(typed).replace("-", " ").split())
    for field in ("id", "label", "synonym"):
        for tag_id, tag in known.items():
            if field == "id":
                words = [tag_id]
            elif field == "label":
                words = list(tag.label.values())
            else:
                words = [w for ws in tag.synonyms.values() for w in ws]
            if any(" ".join(fold(w).replace("-", " ").split()) == want for w in words):
                return tag_id
    return None


def check_vocabulary(ex: Any, bad: Callable[..., None]) -> None:
    """An exercise's tags and family against the vocabulary: `bad(path, message, hint)` for
    each unknown one."""
    known = tags()
    for i, t in enumerate(ex.tags):
        if t not in known:
            bad(
                ("tags", i),
                _("unknown tag '{tag}'").format(tag=t),
                did_you_mean(t, known, other_names=tag_words())
                or _(
                    "see 'facilitation vocabulary tags', or declare it in your library's "
                    "vocabulary/tags.yaml"
                ),
            )
    fams = families()
    if ex.family is not None and ex.family not in fams:
        bad(
            ("family",),
            _("unknown method family '{family}'").format(family=ex.family),
            did_you_mean(
                ex.family, fams, other_names={k: list(f.label.values()) for k, f in fams.items()}
            )
            or _("see 'facilitation vocabulary families'"),
        )
