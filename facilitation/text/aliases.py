"""Values as people type them, in French or English: one table of aliases, as data
(vocabulary/aliases.yaml).

`canonical("logistics", "Déjeuner")` is 'lunch'; `canonical("configuration", "4 groupes")` is
'4 groups'; `key_names()` gives the French names of the keys, for near-miss hints. Accents,
case and repeated spaces do not count.

Why in text/: the models' validators read typed values with it, and the command line reads
`--arc` with it; the table is built in, read once, and checked by a test.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from facilitation.resources import data_dir
from facilitation.text.i18n import fold

NUMBER = "{n}"


def normal(text: str) -> str:
    """A typed value as it is compared: folded, apostrophes straight, spaces single."""
    text = fold(str(text)).replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


@cache
def table() -> dict[str, Any]:
    """The whole table, as written."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(data_dir("vocabulary").joinpath("aliases.yaml").read_bytes(), loader)
    assert isinstance(data, dict)
    return data


def values(kind: str) -> dict[str, list[str]]:
    """The values of a kind (arc, logistics, configuration, per, colour, audience, support
    kind), each with its other words."""
    return {str(k): [str(x) for x in v or []] for k, v in table()["values"][kind].items()}


@cache
def _patterns(kind: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern of a typed word, canonical value) for every value and alias of a kind."""
    out = []
    for value, others in values(kind).items():
        for word in [value, *others]:
            rx = re.escape(normal(word)).replace(re.escape(NUMBER), r"(\d+)")
            out.append((re.compile(rf"^{rx}$"), value))
    return out


def canonical(kind: str, typed: Any) -> str | None:
    """The value a typed word stands for ('déjeuner' -> 'lunch', 'groupes de 4' -> 'groups
    of 4'), or None when the table does not know it."""
    if not isinstance(typed, str):
        return None
    text = normal(typed)
    for rx, value in _patterns(kind):
        m = rx.match(text)
        if m:
            return value.replace(NUMBER, m.group(1)) if m.groups() else value
    return None


def other_words(kind: str) -> dict[str, list[str]]:
    """For near-miss hints: each value with its aliases, {n} left out."""
    return {k: [w for w in v if NUMBER not in w] for k, v in values(kind).items()}


def key_names() -> dict[str, list[str]]:
    """Each key of the formats with its French names (for near-miss hints only)."""
    return {str(k): [str(x) for x in v or []] for k, v in table()["keys"].items()}


@cache
def months() -> dict[str, int]:
    """Month names and abbreviations, French and English, folded -> month number."""
    return {normal(w): int(m) for m, words in table()["months"].items() for w in words}


@cache
def weekdays() -> dict[str, int]:
    """Day names and abbreviations, folded -> ISO day number (Monday 1)."""
    return {normal(w): int(d) for d, words in table()["weekdays"].items() for w in words}
