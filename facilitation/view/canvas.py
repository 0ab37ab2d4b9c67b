"""Canvas layouts in one language: their labels taken from the layout, the exercise's
parameters or the session's overrides."""

from __future__ import annotations

from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.model.exercise import Exercise, Support
from facilitation.model.printdata import MAX_CELLS
from facilitation.plan.supports import param_value, support_value
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext


def _text_of(value: Any) -> str:
    """A parameter value as one text: a list's items joined, a record's first field."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = next(iter(value.values()), "")
    if isinstance(value, list):
        return " · ".join(_text_of(v) for v in value if v not in (None, ""))
    return str(value)


def _entries(
    spec: Any, ex: Exercise | None, support: Support | None, lang: str, overrides: dict[str, Any]
) -> list[dict[str, Any]]:
    """A label list: literal texts, {param: name} or {source: true}; each entry a title, and
    for records the `details` the layout asks for (label, text, colour)."""
    if isinstance(spec, dict) and ("param" in spec or "source" in spec):
        name = spec.get("param") or (support.source if support else None)
        if ex is None or not name or name not in ex.parameters:
            default = spec.get("default")
            return [{"title": tr(x, lang)} for x in default] if default else []
        values = (
            support_value(ex, support, name, lang, overrides)
            if support is not None
            else param_value(ex, name, lang, overrides)
        ) or []
        out = []
        for v in values:
            entry: dict[str, Any] = {"title": _text_of(v)}
            if isinstance(v, dict) and spec.get("details"):
                entry["details"] = [
                    (
                        tr(d.get("label"), lang) if d.get("label") else "",
                        _text_of(v.get(d["field"])),
                        d.get("colour"),
                    )
                    for d in spec["details"]
                    if v.get(d["field"]) not in (None, "", [])
                ]
            out.append(entry)
        return out
    if isinstance(spec, list):
        return [
            {
                "title": tr(x, lang)
                if not isinstance(x, dict) or "title" not in x
                else tr(x["title"], lang)
            }
            for x in spec
        ]
    return []


def _labels(
    spec: Any, ex: Exercise | None, support: Support | None, lang: str, overrides: dict[str, Any]
) -> list[str]:
    return [e["title"] for e in _entries(spec, ex, support, lang, overrides)]


def param_text(ex: Exercise | None, name: str, lang: str, overrides: dict[str, Any]) -> str:
    """A text parameter's value for a block (a list's items joined), or ''."""
    if ex is None or name not in ex.parameters:
        return ""
    return _text_of(param_value(ex, name, lang, overrides))


def resolve(
    layout: dict[str, Any],
    ex: Exercise | None,
    support: Support | None,
    lang: str,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The layout with its label lists in `lang` (keys _columns, _rows, _form, _subtitle)."""
    overrides = overrides or {}
    out = dict(layout)
    sub = layout.get("subtitle")
    if isinstance(sub, dict) and "param" in sub:
        out["_subtitle"] = param_text(ex, sub["param"], lang, overrides)
    elif sub:
        out["_subtitle"] = tr(sub, lang)
    if layout["kind"] in ("columns", "grid"):
        spec = layout.get("columns")
        if isinstance(spec, list) and spec and isinstance(spec[0], dict) and "title" in spec[0]:
            out["_columns"] = [
                {
                    "title": tr(c["title"], lang),
                    "prompt": tr(c.get("prompt"), lang) if c.get("prompt") else "",
                    "mark": c.get("mark", ""),
                    "colour": c.get("colour"),
                }
                for c in spec
            ]
        else:
            out["_columns"] = _entries(spec, ex, support, lang, overrides)
    if layout["kind"] == "grid":
        out["_rows"] = _entries(layout.get("rows"), ex, support, lang, overrides)
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
                value = f.get("value")
                fields.append(
                    {
                        "label": tr(f.get("label"), lang) if f.get("label") else "",
                        "prompt": tr(f.get("prompt"), lang) if f.get("prompt") else "",
                        "width": f.get("width", 1),
                        "lines": f.get("lines", True),
                        "kind": f.get("kind", "zone"),
                        "colour": f.get("colour"),
                        # a record's field (or `item`) is filled per page; a parameter now
                        "value_key": value if isinstance(value, str) else None,
                        "value": param_text(ex, value["param"], lang, overrides)
                        if isinstance(value, dict) and "param" in value
                        else "",
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
