"""Finding exercises: filters and the table that `facilitation list` prints."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from facilitation.errors import Problem, UserError
from facilitation.model.exercise import Exercise
from facilitation.text.durations import DurationError, parse_duration


def _fold(text: str) -> str:
    """Lowercase without accents, so 'debat' finds 'débat'."""
    norm = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in norm if not unicodedata.combining(c))


def _haystack(ex: Exercise) -> str:
    parts = [ex.id, *ex.tags]
    for field in (ex.title, ex.tagline, ex.purpose):
        if field:
            parts.extend(field.values())
    return _fold(" ".join(parts))


def filter_exercises(
    exercises: Iterable[Exercise],
    query: str | None = None,
    tags: Iterable[str] = (),
    arc: str | None = None,
    max_duration: str | None = None,
    group_size: int | None = None,
    lang: str = "fr",
) -> list[Exercise]:
    limit = None
    if max_duration is not None:
        try:
            limit = parse_duration(max_duration)
        except DurationError as exc:
            raise UserError(Problem(str(exc), path="--max-duration")) from None
    words = _fold(query).split() if query else []
    out = []
    for ex in exercises:
        if arc and ex.arc != arc:
            continue
        if tags and not set(tags) <= set(ex.tags):
            continue
        if limit is not None and (ex.duration.min or 0) > limit:
            continue
        if group_size is not None:
            g = ex.group_size
            if group_size < g.min or (g.max is not None and group_size > g.max):
                continue
        if words and not all(w in _haystack(ex) for w in words):
            continue
        out.append(ex)
    return out
