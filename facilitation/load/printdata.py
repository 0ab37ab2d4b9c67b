"""Print data from cards/: paper sheets, card formats, themes, canvas layouts.

Built-in files first; a user library's cards/ folder may add entries or replace them by id.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.render_units import MM
from facilitation.resources import data_dir
from facilitation.load.yamlio import read_path

_USER_DIRS: list[Any] = []


def set_user_dirs(dirs: list[Any]) -> None:
    """Library folders whose cards/ subfolder overrides the built-in print data."""
    _USER_DIRS[:] = list(dirs)
    _table.cache_clear()


@cache
def _table(name: str) -> dict[str, Any]:
    builtin = data_dir("cards").joinpath(f"{name}.yaml")
    data = dict(read_path(builtin, display=f"<built-in>/cards/{name}.yaml").data)
    for d in reversed(_USER_DIRS):
        f = d / "cards" / f"{name}.yaml"
        if f.is_file():
            extra = read_path(f).data
            if not isinstance(extra, dict):
                raise UserError(Problem("expected a mapping of ids", file=str(f), line=1))
            data.update(extra)
    return data


def sheets() -> dict[str, Any]:
    return _table("sheets")


def sheet_mm(name: str) -> tuple[float, float]:
    table = sheets()
    key = name.lower()
    if key not in table:
        raise UserError(
            Problem(
                f"unknown paper '{name}'",
                hint=did_you_mean(key, table) or f"known: {', '.join(table)}",
            )
        )
    s = table[key]
    return float(s["width"]), float(s["height"])


def sheet_size(name: str, landscape: bool = False) -> tuple[float, float]:
    """Points, portrait unless asked."""
    w, h = sheet_mm(name)
    if landscape:
        w, h = h, w
    return w * MM, h * MM
