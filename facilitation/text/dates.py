"""Dates and times as the French write them (jeudi 23 mai 2019, 9 h 30, 14 h – 15 h 15),
and the English equivalents (Thursday 23 May 2019, 9:30, 14:00–15:15)."""

from __future__ import annotations

import datetime as dt
import re

_DAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
NBSP = "\u00a0"


def long_date(d: dt.date, lang: str) -> str:
    day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
    return f"{_DAYS[lang][d.weekday()]} {day} {_MONTHS[lang][d.month - 1]} {d.year}"


def clock(minutes: int, lang: str) -> str:
    """A time of day; past midnight (24:30 in a day's minutes) it reads 0 h 30."""
    h, m = divmod(int(minutes), 60)
    h %= 24
    if lang == "fr":
        return f"{h}{NBSP}h" if m == 0 else f"{h}{NBSP}h{NBSP}{m:02d}"
    return f"{h}:{m:02d}"


def time_range(start: int, end: int, lang: str) -> str:
    if lang == "fr":
        return f"{clock(start, lang)} – {clock(end, lang)}"
    return f"{clock(start, lang)}–{clock(end, lang)}"


def hm(minutes: int) -> str:
    """A time as messages write it in the run's language: 9:30, or 9 h 30 in French (plain
    spaces: not for print, see clock)."""
    from facilitation.text.messages import language

    if language() == "fr":
        return clock(minutes, "fr").replace(NBSP, " ")
    return f"{minutes // 60 % 24}:{minutes % 60:02d}"


_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$")
_DAY_MONTH = re.compile(
    r"^(?:([a-z]+)\.?,?\s+)?(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$"
)
_MONTH_DAY = re.compile(
    r"^(?:([a-z]+)\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$"
)


class DateError(ValueError):
    pass


def parse_date(value: str) -> dt.date:
    """A date as people write it: 2027-03-12, 12/03/2027 (day first), 12.03.27, 12 mars 2027,
    jeudi 12 mars 2027, 1er mars 2027, 12 March 2027, March 12, 2027. A day name that does
    not match the date is an error (a typing mistake in one or the other)."""
    from facilitation.text.aliases import months, normal, weekdays
    from facilitation.text.messages import _

    text = normal(value)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    weekday: str | None = None
    m = _NUMERIC.match(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if year < 100:
            year += 2000
    else:
        m = _DAY_MONTH.match(text)
        if m:
            weekday, day, name, year = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        else:
            m = _MONTH_DAY.match(text)
            if not m:
                raise DateError(
                    _(
                        "expected a date such as 12/03/2027, 12 March 2027 or 2027-03-12, "
                        "found '{value}'"
                    ).format(value=value.strip())
                )
            weekday, name, day, year = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
        if name not in months():
            raise DateError(_("unknown month '{month}'").format(month=name))
        month = months()[name]
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise DateError(_("no such date: '{date}'").format(date=value.strip())) from None
    if weekday is not None:
        if weekday not in weekdays():
            raise DateError(_("unknown day '{day}'").format(day=weekday))
        if weekdays()[weekday] != date.isoweekday():
            raise DateError(
                _("{date} is a {weekday}, not a {written}").format(
                    date=_day_month_year(date), weekday=weekday_name(date), written=weekday
                )
            )
    return date


def weekday_name(date: dt.date) -> str:
    """The day's name in the run's language."""
    from facilitation.text.messages import language

    return _DAYS.get(language(), _DAYS["en"])[date.weekday()]


def _day_month_year(date: dt.date) -> str:
    """12 March 2027, in the run's language (without the day's name)."""
    from facilitation.text.messages import language

    lang = language() if language() in _MONTHS else "en"
    return long_date(date, lang).split(" ", 1)[1]
