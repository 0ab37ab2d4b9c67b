"""Finding exercises: filters and the table that `facilitation list` prints."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from facilitation.text.durations import DurationError, parse_duration
from facilitation.errors import Problem, UserError
from facilitation.text.i18n import ARCS, tr, word
from facilitation.model.exercise import Exercise
from facilitation.render.terminal import group_range


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


def short_range(ex: Exercise, lang: str) -> str:
    """'45 min (20–75)': the typical duration, then the range in minutes."""
    from facilitation.text.durations import format_duration

    d = ex.duration
    typical = format_duration(d.typical, lang).replace("\u00a0", " ")
    if d.min == d.max == d.typical:
        return typical
    return f"{typical} ({d.min}–{d.max})"


def table(exercises: list[Exercise], lang: str, width: int = 110) -> str:
    if not exercises:
        return word("no_match", lang) + "\n"
    head = [
        word("id", lang),
        word("title", lang),
        word("duration", lang),
        word("group", lang),
        word("arc", lang),
    ]
    rows = [
        [
            ex.id,
            tr(ex.title, lang),
            short_range(ex, lang),
            group_range(ex, lang),
            ARCS[ex.arc][lang],
        ]
        for ex in exercises
    ]
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
    fixed = sum(widths) - widths[1] + 2 * 4
    widths[1] = max(12, min(widths[1], width - fixed))
    lines = []
    for r in [head, ["-" * w for w in widths], *rows]:
        cells = []
        for i, cell in enumerate(r):
            if len(cell) > widths[i]:
                cell = cell[: widths[i] - 1] + "…"
            cells.append(cell.ljust(widths[i]))
        lines.append("  ".join(cells).rstrip())
    lines.append(f"{len(exercises)} {word('exercises', lang)}")
    return "\n".join(lines) + "\n"
