"""From pydantic's errors to problems a person can act on (file, line, path, hint)."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from facilitation.errors import Problem, did_you_mean
from facilitation.load.yamlio import Document, format_path


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


def problems_from(
    exc: ValidationError,
    where: Locator,
    root: type[BaseModel],
    data: Any = _NO_DATA,
    prefix: tuple[Any, ...] = (),
) -> list[Problem]:
    """One problem per pydantic error, placed at the line it concerns.

    `data` is what was validated (by default the first document's data); `prefix` is where
    it stands in its document (an entry of a table of print data). Why the data: pydantic's
    error locations mix the keys of the file with the names of the union members it tried
    ('function-plain[_text()]', 'int', 'list[...]'); only the parts that exist in the data
    (or the missing key itself) are the path a person wrote. A key may hold any character,
    '[' and quotes included, so nothing here is parsed back from text."""
    if data is _NO_DATA:
        data = where.docs[0].data if where.docs else None
    out: list[tuple[Problem, tuple[Any, ...], str | None]] = []
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
            msg = f"unknown key '{last}'"
            close = difflib.get_close_matches(str(last), sorted(choices), n=1, cutoff=0.6)
            near = close[0] if close else None
            hint = did_you_mean(str(last), choices) or (
                f"known keys: {', '.join(choices)}" if choices else None
            )
            key = True
        elif kind == "missing":
            msg = f"missing required key '{last}'"
            key = True
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"expected one of {expected}, found '{err.get('input')}'"
            hint = did_you_mean(
                str(err.get("input")),
                [e.strip(" '") for e in str(expected).replace(" or ", ",").split(",")],
            )
        elif kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
            want = {"list_type": "a list", "dict_type": "a mapping"}.get(kind, "a mapping")
            msg = f"expected {want}, found {_found(err.get('input'))}"
        elif kind == "too_short":
            msg = "must not be empty"
        else:
            msg = _clean(str(err.get("msg", "")))
            if "input" in err and kind not in ("value_error", "assertion_error"):
                msg += f" (found {_found(err['input'])})"
        sig = (loc, msg)
        if sig in seen:
            continue
        seen.add(sig)
        at = loc[:-1] if kind == "missing" else loc
        file, line, col = where.locate(prefix + at, key=key and kind != "missing")
        problem = Problem(
            msg, file=file, line=line, column=col, path=format_path(prefix + at), hint=hint
        )
        out.append((problem, loc, near if kind == "extra_forbidden" else None))
    # a missing key that a near-miss unknown key beside it already explains is said once,
    # at the typo
    explained = {(loc[:-1], near) for _p, loc, near in out if near is not None}
    return [
        p
        for p, loc, _near in out
        if not (p.message.startswith("missing required key") and (loc[:-1], loc[-1]) in explained)
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


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)
