"""Which printed supports a block prints, and the parameter values that feed them.

Participant cards come from an exercise's `cards` supports, canvases and sheets from its
`canvas` and `sheet` supports; a variant leaves out the supports it does not use. Values come
from the session's overrides (`params:`), else from the exercise's defaults. A parameter that
prints blank when nobody chose it (`blank:`, personas) gives, instead of another case's
example, so many empty items: blank cards and canvases to fill in by hand.
"""

from __future__ import annotations

from typing import Any

from facilitation.model.exercise import TRANSFO_SIZE, Exercise, Parameter, Support
from facilitation.model.types import Configuration
from facilitation.plan.timeline import Slot
from facilitation.text.i18n import is_localized, pick


class BlankItems(list):  # type: ignore[type-arg]
    """Empty items standing for a value nobody chose: each prints as a blank support."""


def param_value(ex: Exercise, name: str, lang: str, overrides: dict[str, Any]) -> Any:
    """A parameter's value for a block: the session's override, else the default."""
    if name in overrides:
        value = overrides[name]
        return pick(value, lang)[0] if is_localized(value) else value
    return ex.param_default(name, lang)


def support_value(
    ex: Exercise, support: Support, name: str, lang: str, overrides: dict[str, Any]
) -> Any:
    """A parameter's value as one support prints it: blank items only on the supports that
    print blank (`blank: {supports: [...]}`); the others then print nothing."""
    value = param_value(ex, name, lang, overrides)
    rule = ex.parameters[name].blank if name in ex.parameters else None
    if is_blank(value) and rule is not None and rule.supports and support.id not in rule.supports:
        return []
    return value


def team_units(per: str, people: int, conf: Configuration | None, facilitators: int = 1) -> int:
    """How many of a counting unit `people` working in `conf` make: participants, pairs (an
    odd one joins a pair as a trio), groups (as the configuration forms them), facilitators."""
    people = max(1, people)
    if per == "participant":
        return people
    if per == "pair":
        return max(1, people // 2)
    if per == "group":
        return conf.groups_for(people) if conf else 1
    if per == "facilitator":
        return max(1, facilitators)
    return 1


def chosen(p: Parameter) -> bool:
    """Whether the exercise's default is a value someone chose for this use (the library's
    author, or the user's library), rather than an example from another case."""
    return not p.example and p.default is not None


def blank_values(
    ex: Exercise, given: dict[str, Any], people: int, conf: Configuration | None
) -> dict[str, Any]:
    """`given` (the session's values), plus blank items for each parameter that prints blank
    when its value is neither given nor chosen."""
    values = dict(given)
    for name, p in ex.parameters.items():
        if p.blank is None:
            continue
        if name in values:
            if not _empty(values[name]):
                continue  # the session's own
        elif chosen(p):
            continue  # the library's own
        n = team_units(p.blank.per, people, conf) * p.blank.copies
        values[name] = BlankItems([{} if p.type == "records" else "" for _ in range(n)])
    return values


def _empty(value: Any) -> bool:
    """An explicit "none" (`personas: []`): for a parameter that prints blank, print blank."""
    if is_localized(value):
        return all(_empty(v) for v in value.values())
    return value in (None, "", [])


def block_values(slot: Slot) -> dict[str, Any]:
    """The values the supports of a block print (those of the first part of its activity)."""
    first = slot.first
    ex = first.exercise
    if ex is None:
        return dict(first.block.params)
    conf = first.block.split or ex.configuration
    return blank_values(ex, first.block.params, first.people, conf)


def exercise_values(ex: Exercise) -> dict[str, Any]:
    """The values an exercise's supports print on their own (no session): its defaults, and
    blank items for a Transfo-sized group where a parameter prints blank."""
    return blank_values(ex, {}, TRANSFO_SIZE, ex.configuration)


def is_blank(value: Any) -> bool:
    return isinstance(value, BlankItems)


def _used(ex: Exercise, variant: str | None) -> list[Support]:
    """The supports a block prints: the exercise's, less those its variant goes without."""
    v = ex.variant_of(variant)
    dropped = set(v.without) if v is not None else set()
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


def printed_params(ex: Exercise, variant: str | None = None) -> dict[str, list[Support]]:
    """The parameters whose values a block prints, with the supports that print them: the
    items of a card set or sheet (`source`, `each`) and the labels a canvas layout takes
    from a parameter (`{param: name}`, `{source: true}`)."""
    from facilitation.load.printdata import canvas_layout

    out: dict[str, list[Support]] = {}

    def add(name: str | None, s: Support) -> None:
        if name and name in ex.parameters and s not in out.setdefault(name, []):
            out[name].append(s)

    for s in _used(ex, variant):
        add(s.source, s)
        add(s.each, s)
        if s.kind != "cards" and not is_sign(s):
            for name in _layout_params(canvas_layout(s.layout).as_data(), s):
                add(name, s)
    return {name: out[name] for name in ex.parameters if name in out}


def _layout_params(value: Any, s: Support) -> list[str]:
    if isinstance(value, dict):
        if "param" in value and isinstance(value["param"], str):
            return [value["param"]]
        if value.get("source") is True:
            return [s.source] if s.source else []
        return [n for v in value.values() for n in _layout_params(v, s)]
    if isinstance(value, list):
        return [n for v in value for n in _layout_params(v, s)]
    return []


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
