"""From pydantic's errors to problems a person can act on (file, line, path, hint)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from facilitation.errors import Problem, did_you_mean, mean, suggest
from facilitation.load.yamlio import Document, format_path
from facilitation.model.types import kind_of
from facilitation.text.aliases import key_names, other_words
from facilitation.text.messages import _, language, ngettext


def _inner(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for a in typing.get_args(annotation):
            out.extend(_inner(a))
        return out
    return [annotation]


def _as_model(annotation: Any) -> type[BaseModel] | None:
    for cand in _inner(annotation):
        if isinstance(cand, type) and issubclass(cand, BaseModel):
            return cand
    return None


def _as_container(annotation: Any) -> Any:
    for cand in _inner(annotation):
        if typing.get_origin(cand) in (list, dict):
            return typing.get_args(cand)[-1]
    return None


def model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class found by following a pydantic error location from `root`."""
    current: Any = root
    for part in loc:
        model = _as_model(current)
        if model is not None and isinstance(part, str) and part in model.model_fields:
            current = model.model_fields[part].annotation
            continue
        current = _as_container(current)
        if current is None:
            return None
    return _as_model(current)


_NO_DATA: Any = object()


def _clean(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    return msg


class Locator:
    """Finds the file, line and column of a field path across a chain of documents.

    Why: with `extends`, a field may come from the exercise or from its parent; the document
    holding the longest prefix of the path wins, the child first on a tie.
    """

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs

    @property
    def file(self) -> str:
        return self.docs[0].file

    def locate(
        self, path: tuple[Any, ...], key: bool = False
    ) -> tuple[str, int | None, int | None]:
        best: tuple[int, Document] | None = None
        for doc in self.docs:
            p = tuple(path)
            while p and p not in doc.marks and p not in doc.key_marks:
                p = p[:-1]
            if best is None or len(p) > best[0]:
                best = (len(p), doc)
        assert best is not None
        line, col = best[1].where(path, key=key)
        return best[1].file, line, col

    def find(self, wanted: Any) -> tuple[str, int | None, int | None] | None:
        """Where the first text of the chain for which `wanted(text)` holds is written (the
        child's files first), or None. Why: a problem met while drawing a card (a glyph the
        font lacks, a text too long) knows the text, not the field it came from."""
        for doc in self.docs:
            path = _find_text(doc.data, wanted, ())
            if path is not None:
                line, col = doc.where(path)
                return doc.file, line, col
        return None


def _find_text(data: Any, wanted: Any, path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    if isinstance(data, str):
        return path if wanted(data) else None
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for k, v in items:
        found = _find_text(v, wanted, path + (k,))
        if found is not None:
            return found
    return None


# Which aliases table helps with a near-miss value, by the field that holds it.
_VALUE_WORDS = {
    "arc": "arc",
    "logistics": "logistics",
    "per": "per",
    "colour": "colour",
    "audience": "audience",
    "kind": "support kind",
    "setting": "setting",
    "meal": "logistics",
    "show": "timing",
}


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def message_for(err: Any) -> str:
    """Pydantic's message for an error, in the run's language, by the error's type (its own
    wording stays English whatever the language)."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    simple = {
        "string_type": _("expected a text"),
        "int_type": _("expected a whole number"),
        "int_parsing": _("expected a whole number"),
        "int_from_float": _("expected a whole number, not a decimal one"),
        "float_type": _("expected a number"),
        "float_parsing": _("expected a number"),
        "bool_type": _("expected true or false"),
        "bool_parsing": _("expected true or false"),
        "finite_number": _("expected a finite number"),
        "none_required": _("expected nothing here"),
        "date_type": _("expected a date"),
        "time_type": _("expected a time of day"),
        "tuple_type": _("expected a list"),
        "set_type": _("expected a list"),
    }
    if kind in simple:
        return simple[kind]
    if kind == "greater_than":
        return _("must be more than {n}").format(n=_number(ctx.get("gt")))
    if kind == "greater_than_equal":
        return _("must be at least {n}").format(n=_number(ctx.get("ge")))
    if kind == "less_than":
        return _("must be less than {n}").format(n=_number(ctx.get("lt")))
    if kind == "less_than_equal":
        return _("must be at most {n}").format(n=_number(ctx.get("le")))
    if kind == "multiple_of":
        return _("must be a multiple of {n}").format(n=_number(ctx.get("multiple_of")))
    if kind == "too_long":
        n = int(ctx.get("max_length", 0))
        return ngettext("at most {n} item", "at most {n} items", n).format(n=n)
    if kind == "string_too_short":
        n = int(ctx.get("min_length", 0))
        if n <= 1:
            return _("must not be empty")
        return ngettext("at least {n} character", "at least {n} characters", n).format(n=n)
    if kind == "string_too_long":
        n = int(ctx.get("max_length", 0))
        return ngettext("at most {n} character", "at most {n} characters", n).format(n=n)
    if kind == "string_pattern_mismatch":
        return _("does not have the expected form ({pattern})").format(
            pattern=ctx.get("pattern", "")
        )
    return _("not a valid value")


def error_text(err: Any) -> str:
    """One pydantic error as a message in the run's language, for a file read without a
    locator (the `checks:` of facilitation.yaml): our validators' own messages, unknown keys,
    and pydantic's errors by their type."""
    kind = err["type"]
    if kind in ("value_error", "assertion_error"):
        return _clean(err["msg"])
    if kind == "extra_forbidden":
        return _("unknown key '{key}'").format(key=err["loc"][-1])
    if kind == "missing":
        return _("missing required key '{key}'").format(key=err["loc"][-1])
    msg = message_for(err)
    if "input" in err:
        msg = _("{message} (found {found})").format(message=msg, found=kind_of(err["input"]))
    return msg


def problems_from(
    exc: ValidationError,
    where: Locator,
    root: type[BaseModel],
    data: Any = _NO_DATA,
    prefix: tuple[Any, ...] = (),
) -> list[Problem]:
    """One problem per pydantic error, placed at the line it concerns, in the run's
    language; a near-miss key or value gets a 'did you mean', which knows the French names
    of the keys and the other words of the values (vocabulary/aliases.yaml).

    `data` is what was validated (by default the first document's data); `prefix` is where
    it stands in its document (an entry of a table of print data). Why the data: pydantic's
    error locations mix the keys of the file with the names of the union members it tried
    ('function-plain[_text()]', 'int', 'list[...]'); only the parts that exist in the data
    (or the missing key itself) are the path a person wrote. A key may hold any character,
    '[' and quotes included, so nothing here is parsed back from text."""
    if data is _NO_DATA:
        data = where.docs[0].data if where.docs else None
    out: list[tuple[Problem, tuple[Any, ...], str | None, bool]] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors():
        kind = err["type"]
        loc = _real_loc(
            tuple(err["loc"]), data, root, keep_last=kind in ("missing", "extra_forbidden")
        )
        last = loc[-1] if loc else ""
        hint = None
        near: str | None = None
        key = False
        if kind == "extra_forbidden":
            parent = model_at(root, loc[:-1])
            choices = list(parent.model_fields) if parent else []
            choices = [c for c in choices if c not in ("id", "origin")]
            msg = _("unknown key '{key}'").format(key=last)
            close = suggest(str(last), choices, key_names())[:1]
            near = close[0] if close else None
            hint = (mean(close) if close else None) or (
                _("known keys: {keys}").format(keys=", ".join(choices)) if choices else None
            )
            key = True
        elif kind == "missing":
            msg = _("missing required key '{key}'").format(key=last)
            key = True
        elif kind in ("literal_error", "enum"):
            expected = str(err.get("ctx", {}).get("expected", ""))
            names = [e.strip(" '") for e in expected.replace(" or ", ",").split(",")]
            field = next((p for p in reversed(loc) if isinstance(p, str)), "")
            words = other_words(_VALUE_WORDS[field]) if field in _VALUE_WORDS else None
            msg = _("expected one of {expected}, found '{found}'").format(
                expected=_(", ").join(_("'{name}'").format(name=n) for n in names),
                found=err.get("input"),
            )
            if words and language() == "fr":  # the French words first, the English after
                said = [(words.get(n) or [n])[0] for n in names]
                msg = _("expected one of {expected} (or {others}), found '{found}'").format(
                    expected=_(", ").join(_("'{name}'").format(name=n) for n in said),
                    others=", ".join(names),
                    found=err.get("input"),
                )
            hint = did_you_mean(str(err.get("input")), names, other_names=words, accepted=True)
        elif kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
            want = _("a list") if kind == "list_type" else _("a mapping")
            msg = _("expected {want}, found {found}").format(
                want=want, found=kind_of(err.get("input"))
            )
        elif kind == "too_short":
            msg = _("must not be empty")
        elif kind in ("value_error", "assertion_error"):
            msg = _clean(str(err.get("msg", "")))  # our own validators' messages, translated
        else:
            msg = message_for(err)
            if "input" in err:
                msg = _("{message} (found {found})").format(
                    message=msg, found=kind_of(err["input"])
                )
        sig = (loc, msg)
        if sig in seen:
            continue
        seen.add(sig)
        at = loc[:-1] if kind == "missing" else loc
        file, line, col = where.locate(prefix + at, key=key and kind != "missing")
        problem = Problem(
            msg, file=file, line=line, column=col, path=format_path(prefix + at), hint=hint
        )
        out.append((problem, loc, near, kind == "missing"))
    # a missing key that a near-miss unknown key beside it already explains is said once,
    # at the typo
    explained = {(loc[:-1], near) for _p, loc, near, _m in out if near is not None}
    return [
        p
        for p, loc, _near, missing in out
        if not (missing and loc and (loc[:-1], loc[-1]) in explained)
    ]


def _real_loc(
    loc: tuple[Any, ...], data: Any, root: type[BaseModel], keep_last: bool
) -> tuple[Any, ...]:
    """The parts of a pydantic location that are keys and indexes of `data`, or fields of the
    model at that place (a value a validator turned into a mapping: `duration: 45` checked as
    `duration.typical`); the last part is kept too when it names a missing or extra key.
    Anything else is the name of a type pydantic tried: not a place in the file."""
    out: list[Any] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            out.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            out.append(part)
            current = current[part]
        elif (keep_last and i == len(loc) - 1) or _is_field(root, tuple(out), part):
            out.append(part)
            current = None
    return tuple(out)


def _is_field(root: type[BaseModel], at: tuple[Any, ...], part: Any) -> bool:
    model = model_at(root, at)
    return model is not None and isinstance(part, str) and part in model.model_fields


def exercise_where(ex: Any, path: tuple[Any, ...]) -> tuple[str | None, int | None, int | None]:
    """Where a field of an exercise is written (its own file or a parent's), else its file."""
    locator = ex.__dict__.get("locator")
    if locator is not None:
        return locator.locate(path)  # type: ignore[no-any-return]
    return (ex.origin or None, None, None)
