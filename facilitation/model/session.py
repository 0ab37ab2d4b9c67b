"""A session: programme, people, places and days made of blocks.

A block is an exercise from the library, a logistics block (welcome, break, lunch, travel), a
free block (a presentation, partner services arriving), or a set of parallel tracks whose
blocks run side by side. A block may be pinned to a clock time with `at`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from facilitation.model.exercise import Exercise
from facilitation.model.limits import (
    MAX_BLOCKS,
    MAX_DAYS,
    MAX_GROUPS,
    MAX_PARTICIPANTS,
    MAX_TRACKS,
    MAX_YEAR,
    MIN_YEAR,
)
from facilitation.model.types import ConfigurationField, Id, Minutes, Model, Text
from facilitation.text.messages import _

_TIME_RE = re.compile(r"^\s*(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?\s*$", re.IGNORECASE)


def _time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 23:
        return dt.time(value, 0)
    m = _TIME_RE.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError(f"expected a time such as 9:30 or 14h15, found {value!r}")
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h > 23 or mi > 59:
        raise ValueError(f"no such time of day: {value!r}")
    return dt.time(h, mi)


Time = Annotated[
    dt.time,
    PlainValidator(_time),
    PlainSerializer(lambda t: t.strftime("%H:%M")),
    WithJsonSchema({"type": "string", "examples": ["9:30", "14h15", "12:00"]}),
]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a date written 2019-05-23, found {value!r}")


Date = Annotated[
    dt.date,
    PlainValidator(_date),
    PlainSerializer(lambda d: d.isoformat()),
    WithJsonSchema({"type": "string", "format": "date"}),
]


class Place(Model):
    id: Id
    name: Text
    address: str | None = None
    rooms: list[str] = []


class Group(Model):
    """A named group of participants (a 'veille' group, an 'enquête' group...)."""

    id: Id
    name: Text | None = None
    size: int = Field(ge=1, le=MAX_PARTICIPANTS)


class Track(Model):
    """One of several parallel tracks: its people (a group or a head count) and its room."""

    id: Id
    name: Text
    group: Id | None = None
    people: int | None = Field(None, ge=1, le=MAX_PARTICIPANTS)
    room: str | None = None
    place: Id | None = None


class Block(Model):
    """One block of a day. Exactly one of exercise, logistics, free or tracks."""

    exercise: Id | None = None
    logistics: Literal["welcome", "break", "lunch", "travel"] | None = None
    free: Text | None = None
    tracks: list[Track] | None = Field(None, max_length=MAX_TRACKS)
    blocks: list[Block] | None = Field(None, max_length=MAX_BLOCKS)  # of parallel tracks
    track: Id | None = None  # which track a block inside `blocks` belongs to
    title: Text | None = None
    duration: Minutes | None = None
    at: Time | None = None
    room: str | None = None
    place: Id | None = None
    lead: str | None = None
    notes: Text | None = None
    purpose: Text | None = None
    params: dict[str, Any] = {}
    variant: Id | None = None
    split: ConfigurationField | None = None
    audience: Literal["all", "facilitators"] = "all"

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        kinds = [k for k in ("exercise", "logistics", "free", "tracks") if getattr(self, k)]
        if len(kinds) != 1:
            found = " and ".join(kinds) if kinds else "none of them"
            raise ValueError(
                "a block is one of: exercise, logistics, free or tracks; found " + found
            )
        if self.tracks is not None and not self.blocks:
            raise ValueError("parallel tracks need their 'blocks' (each with a 'track')")
        if self.blocks is not None and self.tracks is None:
            raise ValueError("'blocks' go with 'tracks' (parallel tracks)")
        if self.free is not None and self.duration is None:
            raise ValueError("a free block needs a duration")
        if self.params and not self.exercise:
            raise ValueError("only an exercise block takes params")
        return self

    @property
    def kind(self) -> str:
        for k in ("exercise", "logistics", "free", "tracks"):
            if getattr(self, k):
                return k
        return "free"


class Day(Model):
    date: Date
    start: Time = _time("9:00")
    end: Time = _time("17:30")
    place: Id | None = None
    title: Text | None = None
    blocks: list[Block] = Field(min_length=1, max_length=MAX_BLOCKS)

    @field_validator("date")
    @classmethod
    def _year(cls, value: dt.date) -> dt.date:
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise ValueError(
                _("the year {year} is out of range: from {first} to {last}").format(
                    year=value.year, first=MIN_YEAR, last=MAX_YEAR
                )
            )
        return value

    @model_validator(mode="after")
    def _order(self) -> Day:
        if self.end <= self.start:
            raise ValueError(
                f"the day ends ({self.end:%H:%M}) before it starts ({self.start:%H:%M})"
            )
        return self


class Session(Model):
    """A session of a programme: two or three days, every month or so."""

    programme: str
    title: Text
    number: int | str | None = None
    language: Literal["fr", "en"] = "fr"
    timezone: str = "Europe/Paris"
    places: list[Place] = []
    participants: int = Field(ge=1, le=MAX_PARTICIPANTS)
    groups: list[Group] = Field([], max_length=MAX_GROUPS)
    facilitators: list[str] = []
    partners: list[str] = []
    notes: Text | None = None
    days: list[Day] = Field(min_length=1, max_length=MAX_DAYS)


def minutes_of(t: dt.time) -> int:
    """A time of day as minutes since midnight."""
    return t.hour * 60 + t.minute


def block_minutes(block: Block, ex: Exercise | None) -> int:
    """A block's length: its own duration, else its exercise's typical one."""
    if block.duration is not None:
        return block.duration
    if ex is not None:
        return ex.duration.typical
    return 0
