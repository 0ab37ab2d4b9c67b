"""Finding exercises: filters and a text search in both languages.

A query finds an exercise when each of its words is in what the exercise says of itself, in
French or English: id, titles, taglines, purposes, outputs, what it makes possible, and its
tags with their labels and synonyms (vocabulary/tags.yaml). Accents, case and punctuation do
not count, so 'debat' finds 'débat', 'brise glace' finds 'brise-glace', 'wrap up' finds the
closing methods and 'feedback' the debrief. Tags are given by id or by a label or synonym in
either language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load.vocabulary import find_tag, tag_words, tags
from facilitation.model.exercise import Exercise
from facilitation.text.aliases import canonical, other_words
from facilitation.text.durations import DurationError, parse_duration
from facilitation.text.i18n import fold
from facilitation.text.messages import _

_PUNCT = re.compile(r"[^\w]+")
ARCS = ("open", "explore", "converge", "close", "energise", "logistics")


def words_of(text: str) -> str:
    """A text as search compares it: folded, punctuation as spaces, spaces single."""
    return " " + " ".join(_PUNCT.sub(" ", fold(text)).split()) + " "


def haystack(ex: Exercise) -> str:
    """Everything an exercise says of itself, in both languages, folded."""
    parts = [ex.id]
    for field in (ex.title, ex.tagline, ex.purpose):
        if field:
            parts.extend(field.values())
    for items in (ex.outputs, ex.makes_possible):
        for item in items:
            parts.extend(item.values())
    known = tags()
    for t in ex.tags:
        parts.append(t)
        if t in known:
            parts.extend(known[t].words())
    return words_of(" ".join(parts))


def matches(query: str, text: str) -> bool:
    """Whether every word of the query starts a word of the text (so 'clos' finds 'closing',
    'débat' finds 'débats', but 'up' does not find 'group')."""
    return all(f" {w}" in text for w in words_of(query).split())


def read_arc(typed: str) -> str:
    """--arc as typed: an arc in English or French ('ouvrir', 'conclure'), or UserError."""
    arc = typed if typed in ARCS else canonical("arc", typed)
    if arc is None:
        raise UserError(
            Problem(
                _("unknown arc '{arc}'").format(arc=typed),
                path="--arc",
                hint=did_you_mean(typed, ARCS, other_names=other_words("arc"), accepted=True)
                or _("one of: {names}").format(names=", ".join(ARCS)),
            )
        )
    return arc


def read_tags(typed: Iterable[str]) -> list[str]:
    """--tag as typed: ids, labels or synonyms in either language, or UserError."""
    out, problems = [], []
    for t in typed:
        found = find_tag(t)
        if found is None:
            problems.append(
                Problem(
                    _("unknown tag '{tag}'").format(tag=t),
                    path="--tag",
                    hint=did_you_mean(t, tags(), other_names=tag_words())
                    or _("see 'facilitation vocabulary tags'"),
                )
            )
        else:
            out.append(found)
    if problems:
        raise UserError(problems)
    return out


def filter_exercises(
    exercises: Iterable[Exercise],
    query: str | None = None,
    tags: Iterable[str] = (),
    arc: str | None = None,
    max_duration: str | None = None,
    group_size: int | None = None,
    lang: str | None = None,
) -> list[Exercise]:
    """The exercises that pass every filter given; `tags` and `arc` as people type them."""
    limit = None
    if max_duration is not None:
        try:
            limit = parse_duration(max_duration)
        except DurationError as exc:
            raise UserError(Problem(str(exc), path="--max-duration")) from None
    wanted = set(read_tags(tags))
    arc = read_arc(arc) if arc else None
    out = []
    for ex in exercises:
        if arc and ex.arc != arc:
            continue
        if wanted and not wanted <= set(ex.tags):
            continue
        if limit is not None and (ex.duration.min or 0) > limit:
            continue
        if group_size is not None:
            g = ex.group_size
            if group_size < g.min or (g.max is not None and group_size > g.max):
                continue
        if query and not matches(query, haystack(ex)):
            continue
        out.append(ex)
    return out
