"""Durations as people write them: 45, '45 min', '45mn', '1h30', '1 h 30', '90 min', '2h'."""

from __future__ import annotations

import re

from facilitation.text.messages import _

_PATTERN = re.compile(
    r"""^\s*(?:
        # 1h30, 1 h 30, 2h
        (?P<h>\d+)\s*(?:h|hr|hrs|heures?|hours?)\s*(?P<hm>\d{1,2})?\s*(?:min|mn|m|minutes?)?
        # 45, 45 min, 45mn
      | (?P<m>\d+)\s*(?:min|mn|m|minutes?|')?
        # 1:30
      | (?P<ch>\d+):(?P<cm>\d{2})
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


class DurationError(ValueError):
    pass


def parse_duration(value: object) -> int:
    """Minutes from an int or a string; raises DurationError with a readable message."""
    if isinstance(value, bool):
        raise DurationError(
            _("expected a duration such as 45 min or 1h30, found {value}").format(value=value)
        )
    if isinstance(value, int):
        if value < 0:
            raise DurationError(
                _("a duration cannot be negative, found {value}").format(value=value)
            )
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, str):
        raise DurationError(
            _("expected a duration such as 45 min or 1h30, found {value}").format(value=value)
        )
    m = _PATTERN.match(value)
    if not m:
        raise DurationError(
            _("expected a duration such as 45, 45 min, 1h30 or 90 min, found '{value}'").format(
                value=value
            )
        )
    if m.group("h") is not None:
        minutes = int(m.group("h")) * 60 + int(m.group("hm") or 0)
        if m.group("hm") is not None and int(m.group("hm")) >= 60:
            raise DurationError(
                _("minutes after the hours must be under 60, found '{value}'").format(value=value)
            )
    elif m.group("m") is not None:
        minutes = int(m.group("m"))
    else:
        minutes = int(m.group("ch")) * 60 + int(m.group("cm"))
    return minutes


def format_duration(minutes: int, lang: str = "fr") -> str:
    """45 -> '45 min'; 90 -> '1 h 30' (fr) / '1 h 30 min' (en); 120 -> '2 h'."""
    h, m = divmod(int(minutes), 60)
    if h == 0:
        return f"{m}\u00a0min"
    if m == 0:
        return f"{h}\u00a0h"
    if lang == "fr":
        return f"{h}\u00a0h\u00a0{m:02d}"
    return f"{h}\u00a0h\u00a0{m:02d}\u00a0min"
