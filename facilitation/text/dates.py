"""Dates and times as the French write them (jeudi 23 mai 2019, 9 h 30, 14 h – 15 h 15),
and the English equivalents (Thursday 23 May 2019, 9:30, 14:00–15:15)."""

from __future__ import annotations

import datetime as dt

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
    """9:30, as messages write a time (not for print: see clock)."""
    return f"{minutes // 60 % 24}:{minutes % 60:02d}"
