"""Which printed supports a block prints, and the parameter values that feed them.

Participant cards come from an exercise's `cards` supports, canvases and sheets from its
`canvas` and `sheet` supports; a variant leaves out the supports it does not use. Values come
from the session's overrides (`params:`), else from the exercise's defaults.
"""

from __future__ import annotations

from typing import Any

from facilitation.model.exercise import Exercise, Support
from facilitation.text.i18n import is_localized, pick


def param_value(ex: Exercise, name: str, lang: str, overrides: dict[str, Any]) -> Any:
    """A parameter's value for a block: the session's override, else the default."""
    if name in overrides:
        value = overrides[name]
        return pick(value, lang)[0] if is_localized(value) else value
    return ex.param_default(name, lang)


def _used(ex: Exercise, variant: str | None) -> list[Support]:
    """The supports a block prints: the exercise's, less those its variant goes without."""
    dropped: set[str] = set()
    for v in ex.variants:
        if v.id == variant:
            dropped = set(v.without)
    return [s for s in ex.supports if s.id not in dropped]


def card_supports(ex: Exercise, variant: str | None = None) -> list[Support]:
    return [s for s in _used(ex, variant) if s.kind == "cards"]


def canvas_supports(ex: Exercise, variant: str | None = None) -> list[Support]:
    return [s for s in _used(ex, variant) if s.kind in ("canvas", "sheet") and not is_sign(s)]


def sign_supports(ex: Exercise, variant: str | None = None) -> list[Support]:
    """Floor signs (OUI / NON) and posters (statements for the wall): sheets printed one
    text a page, as large as the page allows."""
    return [s for s in _used(ex, variant) if is_sign(s)]


SIGN_LAYOUTS = ("floor-sign", "poster")


def is_sign(s: Support) -> bool:
    return s.kind == "sheet" and s.layout in SIGN_LAYOUTS


def missing_pictures(
    ex: Exercise, lang: str, overrides: dict[str, Any], variant: str | None = None
) -> list[Support]:
    """Picture cards (`starter` supports) the block prints that have no picture to print:
    the method's core device would be silently absent."""
    return [
        s
        for s in card_supports(ex, variant)
        if s.layout == "starter"
        and not (param_value(ex, s.source, lang, overrides) if s.source else [])
    ]
