"""From pydantic's errors to problems a person can act on (file, line, path, hint)."""

from __future__ import annotations

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


def problems_from(exc: ValidationError, where: Locator, root: type[BaseModel]) -> list[Problem]:
    """One problem per pydantic error, placed at the line it concerns."""
    out: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        kind = err["type"]
        hint = None
        key = False
        if kind == "extra_forbidden":
            parent = model_at(root, loc[:-1])
            choices = list(parent.model_fields) if parent else []
            choices = [c for c in choices if c not in ("id", "origin")]
            msg = f"unknown key '{loc[-1]}'"
            hint = did_you_mean(str(loc[-1]), choices) or (
                f"known keys: {', '.join(choices)}" if choices else None
            )
            key = True
        elif kind == "missing":
            msg = f"missing required key '{loc[-1]}'"
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
            msg = _clean(err["msg"])
            if "input" in err and kind not in ("value_error", "assertion_error"):
                msg += f" (found {_found(err['input'])})"
        sig = (loc, msg)
        if sig in seen:
            continue
        seen.add(sig)
        if kind == "missing":
            file, line, col = where.locate(loc[:-1])
        else:
            file, line, col = where.locate(loc, key=key)
        shown = loc[:-1] if kind == "missing" else loc
        out.append(
            Problem(msg, file=file, line=line, column=col, path=format_path(shown), hint=hint)
        )
    # a missing key that a near-miss unknown key already explains is said once, at the typo
    explained = {p.hint.split("'")[1] for p in out if p.hint and p.hint.startswith("did you mean")}
    return [
        p
        for p in out
        if not (
            p.message.startswith("missing required key '") and p.message.split("'")[1] in explained
        )
    ]


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)
