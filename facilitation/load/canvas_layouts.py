"""Canvas layouts as data, resolved against an exercise's parameters.

Layouts live in cards/canvases/<id>.yaml (built-in) and in a user library's
cards/canvases/<id>.yaml, which replaces a built-in one of the same id.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.text.i18n import tr
from facilitation.model.exercise import Exercise, Support
from facilitation.load.printdata import _USER_DIRS
from facilitation.resources import data_dir
from facilitation.load.yamlio import read_path

KINDS = {"columns", "grid", "frames", "form"}


def _builtin_dir() -> Any:
    return data_dir("cards").joinpath("canvases")


@cache
def _layout_files() -> dict[str, tuple[Any, str]]:
    found: dict[str, tuple[Any, str]] = {}
    for f in sorted(_builtin_dir().iterdir(), key=lambda p: p.name):
        if f.name.endswith(".yaml"):
            found[f.name[:-5]] = (f, f"<built-in>/cards/canvases/{f.name}")
    for d in reversed(_USER_DIRS):
        folder = Path(d) / "cards" / "canvases"
        if folder.is_dir():
            for f in sorted(folder.glob("*.yaml")):
                found[f.stem] = (f, str(f))
    return found


def layout_ids() -> list[str]:
    return sorted(_layout_files())


def load_layout(layout_id: str) -> dict[str, Any]:
    files = _layout_files()
    if layout_id not in files:
        raise UserError(
            Problem(
                f"unknown canvas layout '{layout_id}'",
                hint=did_you_mean(layout_id, files) or f"known: {', '.join(sorted(files))}",
            )
        )
    f, display = files[layout_id]
    doc = read_path(f, display=display)
    data = doc.data
    if not isinstance(data, dict) or data.get("kind") not in KINDS or "title" not in data:
        raise UserError(
            Problem(
                f"a canvas layout needs a title and a kind ({', '.join(sorted(KINDS))})",
                file=display,
                line=1,
            )
        )
    problems = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            if ("fr" in value or "en" in value) and not (
                set(value) <= {"fr", "en"} and all(isinstance(v, str) for v in value.values())
            ):
                line, col = doc.where(path)
                problems.append(
                    Problem(
                        "a text is a string or {fr: ..., en: ...}",
                        file=display,
                        line=line,
                        column=col,
                        hint="inside { }, a text holding a comma or ': ' must be quoted",
                    )
                )
                return
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    walk(data, ())
    if problems:
        raise UserError(problems)
    data = dict(data)
    data["id"] = layout_id
    return data


def _labels(
    spec: Any, ex: Exercise | None, support: Support | None, lang: str, overrides: dict[str, Any]
) -> list[str]:
    """A label list: literal texts, {param: name} or {source: true}."""
    from facilitation.plan.supports import param_value

    if isinstance(spec, dict) and ("param" in spec or "source" in spec):
        name = spec.get("param") or (support.source if support else None)
        if ex is None or not name or name not in ex.parameters:
            default = spec.get("default")
            return [tr(x, lang) for x in default] if default else []
        values = param_value(ex, name, lang, overrides) or []
        out = []
        for v in values:
            if isinstance(v, dict):
                v = next(iter(v.values()), "")
            out.append(str(v))
        return out
    if isinstance(spec, list):
        return [
            tr(x, lang) if not isinstance(x, dict) or "title" not in x else tr(x["title"], lang)
            for x in spec
        ]
    return []


def resolve(
    layout: dict[str, Any],
    ex: Exercise | None,
    support: Support | None,
    lang: str,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The layout with its label lists in `lang` (keys _columns, _rows, _form)."""
    overrides = overrides or {}
    out = dict(layout)
    if layout["kind"] in ("columns", "grid"):
        spec = layout.get("columns")
        if isinstance(spec, list) and spec and isinstance(spec[0], dict) and "title" in spec[0]:
            out["_columns"] = [
                {
                    "title": tr(c["title"], lang),
                    "prompt": tr(c.get("prompt"), lang) if c.get("prompt") else "",
                    "mark": c.get("mark", ""),
                }
                for c in spec
            ]
        else:
            out["_columns"] = [{"title": t} for t in _labels(spec, ex, support, lang, overrides)]
    if layout["kind"] == "grid":
        out["_rows"] = [
            {"title": t} for t in _labels(layout.get("rows"), ex, support, lang, overrides)
        ]
    if layout["kind"] == "form":
        rows = []
        for row in layout.get("form", []):
            if "repeat" in row:
                for item in _labels(row["repeat"], ex, support, lang, overrides):
                    rows.append(
                        {
                            "height": row.get("height", 1),
                            "fields": [{"label": item, "lines": True, "width": 1}],
                        }
                    )
                continue
            fields = []
            for f in row.get("fields", []):
                fields.append(
                    {
                        "label": tr(f.get("label"), lang) if f.get("label") else "",
                        "prompt": tr(f.get("prompt"), lang) if f.get("prompt") else "",
                        "width": f.get("width", 1),
                        "lines": f.get("lines", True),
                        "kind": f.get("kind", "zone"),
                        "value_key": f.get("value"),
                    }
                )
            rows.append({"height": row.get("height", 1), "fields": fields})
        out["_form"] = rows
    return out


def canvas_supports(ex: Exercise, variant: str | None = None) -> list[Support]:
    dropped: set[str] = set()
    if variant:
        for v in ex.variants:
            if v.id == variant:
                dropped = set(v.without)
    return [
        s
        for s in ex.supports
        if s.kind in ("canvas", "sheet") and s.layout != "floor-sign" and s.id not in dropped
    ]
