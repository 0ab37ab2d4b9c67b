"""A retour: what happened at a session, written after it, for the compte rendu.

It sits beside the session file (`metz-1.yaml` -> `metz-1.retour.yaml`) and says, per block,
what the group produced, a few participants' words, photos with their captions and credits,
and how the block ran when that differs from the plan (shortened, moved, dropped); for the
whole session, the debrief's remarks, the decisions, what comes next and the next session's
dates.

A block is named by its `id:` in the session, or by its place: `"1/3"` is the third block of
day 1, `"1/8/2"` the second block inside the parallel tracks that are block 8 of day 1.
Why both: an id survives blocks being added or moved in the session, a place needs nothing
written in the session beforehand; `new retour` writes the id where a block has one.

Personal data: a photo appears only when it says `cleared: true` (everyone recognisable gave
their consent for this use); a quote is anonymous (`who` describes, never names), and a quote
with a `name` needs `consent: true`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from facilitation.model.exercise import Logistics
from facilitation.model.limits import MAX_DAYS, MAX_PARTICIPANTS
from facilitation.model.session import Date, Texts, Time
from facilitation.model.types import ID_RE, Id, Minutes, Model, Text
from facilitation.text.i18n import is_localized
from facilitation.text.messages import _

PLACE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*(?:/\s*(\d+)\s*)?$")


def parse_place(ref: str) -> tuple[int, int, int | None] | None:
    """(day, block, inner block) from '1/3' or '1/8/2' (1-based), or None for an id."""
    m = PLACE_RE.match(ref)
    if not m:
        return None
    inner = m.group(3)
    return int(m.group(1)), int(m.group(2)), int(inner) if inner else None


def _block_ref(value: Any) -> str:
    if isinstance(value, str) and (parse_place(value) or ID_RE.match(value.strip())):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            _('write a block\'s place in quotes, with a slash: "day/block", like "1/3"')
        )
    raise ValueError(
        _(
            "expected a block's id (like 'debat') or its place, day/block (like \"1/3\", or "
            '"1/8/2" inside parallel tracks)'
        )
    )


BlockRef = Annotated[
    str,
    PlainValidator(_block_ref),
    PlainSerializer(lambda v: v),
    WithJsonSchema({"type": "string", "examples": ["debat", "1/3", "1/8/2"]}),
]


def _quote(value: Any) -> Any:
    """A quote written as a plain text (or a text per language) is an anonymous quote."""
    if isinstance(value, str) or is_localized(value):
        return {"text": value}
    return value


class Quote(Model):
    """Participants' words. Anonymous: `who` says who spoke without naming them ("une
    ambassadrice", "a resident met at the market"). `name` (a name, or the id of a person of
    the session) needs `consent: true`."""

    text: Text
    who: Text | None = None
    name: str | None = None
    consent: bool = False


QuoteField = Annotated[Quote, BeforeValidator(_quote)]


class Photo(Model):
    """A photo, its path from the session's folder, its caption and credit. It appears only
    with `cleared: true`: everyone recognisable has given their consent for this use (or
    nobody is recognisable)."""

    file: str
    caption: Text
    credit: Text | None = None  # the retour's `credit` when not given
    alt: Text | None = None  # what the photo shows, for those who cannot see it (else: caption)
    cleared: bool = False


class Ran(Model):
    """How a block really ran, where it differs from the plan: another day (its number in the
    session), another start, another end or length. What is not given is as planned."""

    day: int | None = Field(None, ge=1, le=MAX_DAYS)
    start: Time | None = None
    end: Time | None = None
    duration: Minutes | None = None

    @model_validator(mode="after")
    def _something(self) -> Ran:
        if self.end is not None and self.duration is not None:
            raise ValueError(_("give the end or the duration, not both"))
        if self.day is None and self.start is None and self.end is None and self.duration is None:
            raise ValueError(_("say what changed: day, start, end or duration"))
        return self


class BlockRetour(Model):
    """What happened during one block. Without `block`, a block that was not planned: it
    needs a `title` and when it ran (`ran: {day, start, duration}`)."""

    block: BlockRef | None = None
    # guards: what the block is in the session (new retour writes them); a mismatch says
    # that the session changed since the retour was written
    exercise: Id | None = None
    logistics: Logistics | None = None
    title: Text | None = None  # a title as run (for a block not planned: its title)
    story: Text | None = None  # what was done, how it went
    produced: Texts = []  # what the group produced
    quotes: list[QuoteField] = []
    photos: list[Photo] = []
    ran: Ran | None = None
    dropped: bool = False
    why: Text | None = None  # why it changed

    @model_validator(mode="after")
    def _consistent(self) -> BlockRetour:
        if self.dropped and self.ran is not None:
            raise ValueError(_("a dropped block did not run: remove 'ran' or 'dropped'"))
        if self.block is None:
            if self.dropped:
                raise ValueError(_("say which block was dropped: 'block' (its id or day/block)"))
            if self.title is None:
                raise ValueError(
                    _(
                        "say which block this is ('block': its id or day/block), or give the "
                        "'title' of a block that was not planned"
                    )
                )
            ran = self.ran
            if (
                ran is None
                or ran.day is None
                or ran.start is None
                or (ran.end is None and ran.duration is None)
            ):
                raise ValueError(
                    _(
                        "a block that was not planned needs 'ran' with its day, start and "
                        "duration (or end)"
                    )
                )
        return self


def _dates(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


class NextSession(Model):
    """The next session: its dates, and what it is about, where."""

    dates: Annotated[list[Date], BeforeValidator(_dates), Field(max_length=MAX_DAYS)] = []
    title: Text | None = None
    place: Text | None = None


class Retour(Model):
    """The retour of a session."""

    author: str | None = None  # who signs the compte rendu ("L'équipe de la Transfo")
    credit: Text | None = None  # the credit of photos that have none of their own
    participants: int | None = Field(None, ge=0, le=MAX_PARTICIPANTS)  # how many were there
    intro: Text | None = None  # the context and the practical case, for readers
    goals: Texts = []  # the learning goals
    named: list[Id] = []  # the session's people the compte rendu names (they agreed)
    photos: list[Photo] = []  # photos of the whole session
    quotes: list[QuoteField] = []  # words not tied to one block
    blocks: list[BlockRetour] = []
    debrief: Texts = []  # the debrief's remarks
    decisions: Texts = []
    next: Texts = []  # next steps
    next_session: NextSession | None = None
