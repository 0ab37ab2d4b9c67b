"""Themes (cards/themes.yaml, and a user's cards/themes.yaml): colours, logo, back style."""

from __future__ import annotations

from typing import Any

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load.library import merge
from facilitation.load.printdata import _table


def theme(name: str = "default") -> dict[str, Any]:
    table = _table("themes")
    seen: list[str] = []

    def resolve(n: str) -> dict[str, Any]:
        if n not in table:
            raise UserError(
                Problem(
                    f"unknown theme '{n}'",
                    hint=did_you_mean(n, table) or f"known: {', '.join(table)}",
                )
            )
        if n in seen:
            raise UserError(Problem(f"themes extend each other in a circle: {' -> '.join(seen)}"))
        seen.append(n)
        t = dict(table[n])
        parent = t.pop("extends", None)
        return merge(resolve(parent), t) if parent else t

    return resolve(name)
