"""A session: programme, people, places and days made of blocks.

A block is an exercise from the library, a logistics block (welcome, break, lunch, travel,
dinner), a free block (a presentation, partner services arriving), or a set of parallel tracks
whose blocks run side by side. A block may be pinned to a clock time with `at`, and may hold
events at set times (`during`: a presentation inside an exhibition, appointments during an
immersion).

Who is in the room: the session's `participants` (the group), a day's own count, participants
arriving late or leaving early (`arrivals`, `departures`), and guests (`guests`: who they are,
how many) for a day or a block. People named in the session (`people`) hold roles (`roles`,
or the built-in ones) and are referenced by `lead:`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from facilitation.model.exercise import Exercise, Logistics, Meal, Setting
from facilitation.model.limits import (
    MAX_BLOCKS,
    MAX_DAYS,
    MAX_GROUPS,
    MAX_PARTICIPANTS,
    MAX_TRACKS,
    MAX_YEAR,
    MIN_YEAR,
)
from facilitation.model.types import ID_RE, Aliased, ConfigurationField, Id, Minutes, Model, Text
from facilitation.text.dates import DateError, parse_date
from facilitation.text.messages import _

_TIME_RE = re.compile(r"^\s*(\d{1,2})\s*(?:[:h.]\s*(\d{2})?)?\s*$", re.IGNORECASE)


def _time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 23:
        return dt.time(value, 0)
    m = _TIME_RE.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError(
            _("expected a time such as 9:30 or 14h15, found '{value}'").format(value=value)
        )
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h > 23 or mi > 59:
        raise ValueError(_("no such time of day: '{value}'").format(value=value))
    return dt.time(h, mi)


Time = Annotated[
    dt.time,
    PlainValidator(_time),
    PlainSerializer(lambda t: t.strftime("%H:%M")),
    WithJsonSchema({"type": "string", "examples": ["9:30", "14h15", "12:00"]}),
]


def _date(value: Any) -> dt.date:
    """2027-03-12, 12/03/2027, 12 mars 2027, jeudi 12 mars 2027, 12 March 2027..."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except DateError as exc:
            raise ValueError(str(exc)) from None
    raise ValueError(
        _(
            "expected a date such as 12/03/2027, 12 March 2027 or 2027-03-12, found '{value}'"
        ).format(value=value)
    )


Date = Annotated[
    dt.date,
    PlainValidator(_date),
    PlainSerializer(lambda d: d.isoformat()),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {
                    "type": "string",
                    "examples": ["12/03/2027", "12 mars 2027", "jeudi 12 mars 2027"],
                },
            ]
        }
    ),
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


def _texts(value: Any) -> Any:
    """One text, or a list of texts."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


Texts = Annotated[list[Text], BeforeValidator(_texts)]


def _names(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    return value


class Role(Model):
    """A role people hold in a session: case owner, home resident, relay... The built-in ones
    are in vocabulary/roles.yaml; a session's `roles` add to them or replace them by id."""

    id: Id
    name: Text
    description: Text | None = None


class Person(Model):
    """Someone the session names: who leads a block, who owns the case, who hosts a visit."""

    id: Id
    name: str
    role: Id | None = None  # a role id: the session's `roles` or a built-in one
    title: Text | None = None  # the role in this person's words ("porteuse du cas")
    organisation: Text | None = None


class Guest(Model):
    """People who are not in the group but are in the room: relays, councillors, visitors.
    Who they are is a text, a role, or both."""

    who: Text | None = None
    role: Id | None = None
    people: int = Field(ge=1, le=MAX_PARTICIPANTS)

    @model_validator(mode="after")
    def _named(self) -> Guest:
        if self.who is None and self.role is None:
            raise ValueError(_("say who the guests are: 'who' (a text) or 'role' (a role id)"))
        return self


class DayGuest(Guest):
    """Guests for part of a day: from `arrives` (the start of the day when not given) until
    `leaves` (its end)."""

    arrives: Time | None = None
    leaves: Time | None = None


class Movement(Model):
    """Participants of the group arriving after the start of the day, or leaving before its
    end (a shuttle at 10:00, a council meeting at 16:00)."""

    at: Time
    people: int = Field(ge=1, le=MAX_PARTICIPANTS)
    who: Text | None = None


class Timing(Model):
    """How the participants' agendas show times: exact (to the minute), markers (morning,
    late morning, midday...), or rounded to `round` minutes."""

    show: Annotated[Literal["exact", "markers", "rounded"], Aliased("timing")] = "exact"
    round: Minutes = 30

    @model_validator(mode="after")
    def _round(self) -> Timing:
        if self.round < 5 or self.round > 120:
            raise ValueError(_("round times to 5 minutes at least and 2 hours at most"))
        return self


def _timing(value: Any) -> Any:
    return {"show": value} if isinstance(value, str) else value


TimingField = Annotated[Timing, BeforeValidator(_timing)]


class Checks(Model):
    """The limits of the warnings, for a session (or for every session, in
    facilitation.yaml under `checks:`)."""

    break_after: Minutes | None = None  # work without a break before a warning (2 h)
    day_limit: Minutes | None = None  # a day longer than this is warned (10 h)
    min_hole: Minutes | None = None  # nothing planned for this long is warned (5 min)


class Event(Model):
    """Something at a set time inside a block: a staged presentation inside an exhibition, an
    appointment during an immersion, a break taken on the spot. One of free, logistics or
    exercise."""

    at: Time
    duration: Minutes | None = None  # none: a moment (the guests arrive)
    free: Text | None = None
    logistics: Logistics | None = None
    exercise: Id | None = None
    title: Text | None = None
    lead: Annotated[list[str], BeforeValidator(_names)] = []
    room: str | None = None
    place: Id | None = None
    notes: Text | None = None
    guests: list[Guest] = []
    audience: Annotated[Literal["all", "facilitators"], Aliased("audience")] = "all"

    @model_validator(mode="after")
    def _one_kind(self) -> Event:
        kinds = [k for k in ("exercise", "logistics", "free") if getattr(self, k)]
        if len(kinds) != 1:
            found = _(" and ").join(kinds) if kinds else _("none of them")
            raise ValueError(
                _("an event is one of: free, logistics or exercise; found {found}").format(
                    found=found
                )
            )
        return self

    @property
    def kind(self) -> str:
        for k in ("exercise", "logistics", "free"):
            if getattr(self, k):
                return k
        return "free"

    # What a block has and an event has not, so that a placed event reads like a block.
    @property
    def params(self) -> dict[str, Any]:
        return {}

    @property
    def variant(self) -> None:
        return None

    @property
    def split(self) -> None:
        return None

    @property
    def purpose(self) -> None:
        return None

    @property
    def meal(self) -> None:
        return None


class PrintChoice(Model):
    """How a block's canvases print, when the kit's own choice does not suit (`print:`).
    Written `print: a3` (one A3 sheet each) or `print: {size: a1, tile: a4}` (A1, tiled on
    A4), `print: {size: a1}` (real size, for a plotter or a print shop), `print: {sheets: 4}`
    (the largest that fits on four office sheets)."""

    size: Id | None = None  # the canvas's size (a0 ... a4): its layout's own when not given
    tile: Id | None = None  # the office sheet to tile it on (a4, a3, letter), or none
    sheets: int | None = Field(None, ge=1, le=200)  # at most this many tile sheets

    @model_validator(mode="before")
    @classmethod
    def _one_word(cls, value: Any) -> Any:
        if isinstance(value, str):  # print: a3 -> the canvas on one A3 sheet
            return {"size": value, "tile": "none"}
        return value


class Block(Model):
    """One block of a day. Exactly one of exercise, logistics, free or tracks."""

    id: Id | None = None  # its identity, kept when it moves (calendar invitations)
    exercise: Id | None = None
    logistics: Logistics | None = None
    free: Text | None = None
    tracks: list[Track] | None = Field(None, max_length=MAX_TRACKS)
    blocks: list[Block] | None = Field(None, max_length=MAX_BLOCKS)  # of parallel tracks
    track: Id | None = None  # which track a block inside `blocks` belongs to
    title: Text | None = None
    duration: Minutes | None = None
    at: Time | None = None
    room: str | None = None
    place: Id | None = None
    lead: Annotated[list[str], BeforeValidator(_names)] = []  # person ids, or names as text
    notes: Text | None = None
    purpose: Text | None = None
    params: dict[str, Any] = {}
    variant: Id | None = None
    split: ConfigurationField | None = None
    audience: Annotated[Literal["all", "facilitators"], Aliased("audience")] = "all"
    # the same activity as the last earlier block of this exercise (same track), carried on:
    # its supports print once, its materials count once, and this part picks up its steps
    continues: bool = False
    participants: int | None = Field(None, ge=1, le=MAX_PARTICIPANTS)  # how many take part
    guests: list[Guest] = []
    during: list[Event] = []
    before: Texts = []  # what participants bring or prepare for this block
    after: Texts = []  # what comes of it next
    # field: out of the room (the exercise's when not given)
    setting: Setting | None = None
    meal: Meal | None = None  # the block takes the meal's place
    print: PrintChoice | None = None  # how its canvases print (the kit's choice otherwise)

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        kinds = [k for k in ("exercise", "logistics", "free", "tracks") if getattr(self, k)]
        if len(kinds) != 1:
            found = _(" and ").join(kinds) if kinds else _("none of them")
            raise ValueError(
                _("a block is one of: exercise, logistics, free or tracks; found {found}").format(
                    found=found
                )
            )
        if self.tracks is not None and not self.blocks:
            raise ValueError(_("parallel tracks need their 'blocks' (each with a 'track')"))
        if self.blocks is not None and self.tracks is None:
            raise ValueError(_("'blocks' go with 'tracks' (parallel tracks)"))
        if self.free is not None and self.duration is None:
            raise ValueError(_("a free block needs a duration"))
        if self.params and not (self.exercise or self.logistics):
            raise ValueError(_("only an exercise or logistics block takes params"))
        if self.continues and not self.exercise:
            raise ValueError(_("only an exercise block continues an earlier one"))
        if self.during and self.tracks is not None:
            raise ValueError(_("events ('during') go inside one track's block, not on the tracks"))
        if self.meal and self.logistics in ("lunch", "dinner"):
            raise ValueError(_("'meal' is for a block that takes a meal's place; this one is it"))
        if self.print is not None and not self.exercise:
            raise ValueError(_("only an exercise block takes print"))
        return self

    @property
    def kind(self) -> str:
        for k in ("exercise", "logistics", "free", "tracks"):
            if getattr(self, k):
                return k
        return "free"


LATEST_END = 6 * 60  # a day ending before its start ends past midnight, at 6:00 at the latest


class Day(Model):
    date: Date
    start: Time = _time("9:00")
    end: Time = _time("17:30")  # before the start: past midnight (0:30)
    place: Id | None = None
    title: Text | None = None
    participants: int | None = Field(None, ge=1, le=MAX_PARTICIPANTS)  # the group this day
    arrivals: list[Movement] = []
    departures: list[Movement] = []
    guests: list[DayGuest] = []
    timing: TimingField | None = None
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
        if self.end == self.start or (self.end < self.start and minutes_of(self.end) > LATEST_END):
            raise ValueError(
                _("the day ends ({end}) before it starts ({start})").format(
                    end=f"{self.end:%H:%M}", start=f"{self.start:%H:%M}"
                )
            )
        return self

    @property
    def past_midnight(self) -> bool:
        return self.end < self.start

    def minutes(self, t: dt.time) -> int:
        """A clock time of this day as minutes since its midnight: after midnight, a day that
        runs past it counts on (0:15 is 24:15)."""
        m = minutes_of(t)
        if self.past_midnight and m <= minutes_of(self.end) and m < minutes_of(self.start):
            m += 24 * 60
        return m

    @property
    def start_minutes(self) -> int:
        return minutes_of(self.start)

    @property
    def end_minutes(self) -> int:
        return self.minutes(self.end)


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
    roles: list[Role] = []
    people: list[Person] = []
    notes: Text | None = None
    before: Texts = []  # what participants bring or prepare for the session
    after: Texts = []  # what comes next: the next session, what to keep, what to do
    timing: TimingField | None = None
    checks: Checks | None = None
    days: list[Day] = Field(min_length=1, max_length=MAX_DAYS)


def minutes_of(t: dt.time) -> int:
    """A time of day as minutes since midnight."""
    return t.hour * 60 + t.minute


def block_minutes(block: Block, ex: Exercise | None) -> int:
    """A block's length: its own duration, else the typical one of its exercise (or of the
    variant it runs, when that has its own)."""
    if block.duration is not None:
        return block.duration
    if ex is not None:
        return ex.duration_for(block.variant).typical
    return 0


def is_person_ref(value: str) -> bool:
    """A `lead:` written as an id (lowercase, no space) names a declared person; anything
    else is a name or a role written out."""
    return bool(ID_RE.match(value))
