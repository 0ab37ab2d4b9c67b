"""Canvas layouts in one language: their labels taken from the layout, the exercise's
parameters or the session's overrides."""

from __future__ import annotations

from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.model.exercise import Exercise, Support
from facilitation.model.printdata import MAX_CELLS
from facilitation.plan.supports import param_value
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext


def _labels(
    spec: Any, ex: Exercise | None, support: Support | None, lang: str, overrides: dict[str, Any]
) -> list[str]:
    """A label list: literal texts, {param: name} or {source: true}."""
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
    cells = max(1, len(out.get("_rows", []))) * max(1, len(out.get("_columns", [])))
    cells = max(cells, len(out.get("_form", [])))
    if cells > MAX_CELLS:  # labels from a parameter's list: the layout could not say
        raise UserError(
            Problem(
                ngettext(
                    "canvas '{layout}': {n} cell, more than {limit}: no one could write in them",
                    "canvas '{layout}': {n} cells, more than {limit}: no one could write in them",
                    cells,
                ).format(layout=layout.get("id", ""), n=cells, limit=MAX_CELLS),
                path=f"{ex.id}.supports" if ex is not None else "",
                hint=_("shorten the list the rows or columns come from"),
            )
        )
    return out
