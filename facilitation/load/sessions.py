"""Loading a session file against the library: references are checked, with lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load.library import Library
from facilitation.load.validation import Locator, problems_from
from facilitation.load.yamlio import Document, format_path, read_path
from facilitation.model.exercise import Exercise, check_value
from facilitation.model.session import Block, Session, block_minutes, minutes_of
from facilitation.text.dates import hm
from facilitation.text.i18n import is_localized
from facilitation.text.messages import _

LOGISTICS_IDS = {"welcome": "accueil", "break": "pause", "lunch": "dejeuner", "travel": "trajet"}


@dataclass
class LoadedSession:
    session: Session
    doc: Document
    library: Library
    path: Path

    def where(self, path: tuple[Any, ...]) -> tuple[str, int | None, int | None]:
        return Locator([self.doc]).locate(path)

    def exercise_for(self, block: Block) -> Exercise | None:
        if block.exercise:
            return self.library.exercises.get(block.exercise)
        if block.logistics:
            return self.library.exercises.get(LOGISTICS_IDS[block.logistics])
        return None


def iter_blocks(session: Session) -> Any:
    """(path, block, parent tracks block or None) for every block, tracks' blocks included."""
    for d, day in enumerate(session.days):
        for b, block in enumerate(day.blocks):
            path = ("days", d, "blocks", b)
            yield path, block, None
            for c, child in enumerate(block.blocks or []):
                yield path + ("blocks", c), child, block


def _unknown_ids(doc: Document, library: Library) -> list[Problem]:
    """Unknown exercise ids, found in the raw file, so that they are reported together with
    the format's errors rather than after they are fixed."""
    out = []

    def walk(blocks: Any, path: tuple[Any, ...]) -> None:
        if not isinstance(blocks, list):
            return
        for i, b in enumerate(blocks):
            if not isinstance(b, dict):
                continue
            ex = b.get("exercise")
            if isinstance(ex, str) and ex not in library.exercises:
                file, line, col = Locator([doc]).locate(path + (i, "exercise"))
                hint = did_you_mean(ex, library.ids()) or "run 'facilitation list'"
                out.append(
                    Problem(
                        f"unknown exercise '{ex}'",
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(path + (i, "exercise")),
                        hint=hint,
                    )
                )
            walk(b.get("blocks"), path + (i, "blocks"))

    days = doc.data.get("days") if isinstance(doc.data, dict) else None
    for d, day in enumerate(days if isinstance(days, list) else []):
        if isinstance(day, dict):
            walk(day.get("blocks"), ("days", d, "blocks"))
    return out


def load_session(path: Path, library: Library) -> LoadedSession:
    """Read and check a session file; raise UserError with every problem."""
    doc = read_path(path, display=str(path))
    if not isinstance(doc.data, dict):
        raise UserError(Problem("a session file must be a mapping of keys", file=doc.file, line=1))
    locator = Locator([doc])
    try:
        session = Session.model_validate(doc.data)
    except ValidationError as exc:
        problems = problems_from(exc, locator, Session) + _unknown_ids(doc, library)
        raise UserError(problems) from None
    problems: list[Problem] = []

    def bad(p: tuple[Any, ...], message: str, hint: str | None = None) -> None:
        file, line, col = locator.locate(p)
        problems.append(
            Problem(message, file=file, line=line, column=col, path=format_path(p), hint=hint)
        )

    if not known_timezone(session.timezone):
        bad(
            ("timezone",),
            _("unknown time zone '{zone}'").format(zone=session.timezone),
            _("for example Europe/Paris"),
        )
    group_ids = {g.id for g in session.groups}
    place_ids = {p.id for p in session.places}
    for d, day in enumerate(session.days):
        if day.place and day.place not in place_ids:
            bad(
                ("days", d, "place"),
                f"unknown place '{day.place}'",
                did_you_mean(day.place, place_ids),
            )
    for p, block, parent in iter_blocks(session):
        if block.exercise:
            if block.exercise not in library.exercises:
                broken = library.problems_of(block.exercise)
                if broken:  # the exercise exists but its file is wrong: say what is wrong there
                    problems.extend(q for q in broken if q not in problems)
                    continue
                hint = did_you_mean(block.exercise, library.ids()) or (
                    "run 'facilitation list' to see the ids"
                )
                bad(p + ("exercise",), f"unknown exercise '{block.exercise}'", hint)
                continue
            ex = library.exercises[block.exercise]
            for name, value in block.params.items():
                if name not in ex.parameters:
                    known = ", ".join(ex.parameters) or "none"
                    bad(
                        p + ("params", name),
                        f"exercise '{ex.id}' has no parameter '{name}'",
                        did_you_mean(name, ex.parameters) or f"its parameters: {known}",
                    )
                    continue
                per_lang = value if is_localized(value) else {"*": value}
                for lang_key, v in per_lang.items():
                    why = check_value(ex.parameters[name], v)
                    if why:
                        where = "" if lang_key == "*" else f" ({lang_key})"
                        bad(p + ("params", name), why + where)
            if block.variant and block.variant not in {v.id for v in ex.variants}:
                bad(
                    p + ("variant",),
                    f"exercise '{ex.id}' has no variant '{block.variant}'",
                    did_you_mean(block.variant, [v.id for v in ex.variants]),
                )
        if block.logistics and LOGISTICS_IDS[block.logistics] not in library.exercises:
            bad(p + ("logistics",), f"no logistics entry '{LOGISTICS_IDS[block.logistics]}'")
        if block.place and block.place not in place_ids:
            bad(
                p + ("place",),
                f"unknown place '{block.place}'",
                did_you_mean(block.place, place_ids),
            )
        if parent is None:
            if block.track:
                bad(p + ("track",), "'track' is only for blocks inside parallel tracks")
            if block.tracks:
                ids = [t.id for t in block.tracks]
                for t, track in enumerate(block.tracks):
                    if track.id in ids[:t]:
                        bad(p + ("tracks", t, "id"), f"track '{track.id}' is declared twice")
                    if track.group and track.group not in group_ids:
                        bad(
                            p + ("tracks", t, "group"),
                            f"unknown group '{track.group}'",
                            did_you_mean(track.group, group_ids) or "declare it under 'groups'",
                        )
        else:
            ids = [t.id for t in parent.tracks or []]
            if block.tracks:
                bad(p + ("tracks",), "parallel tracks cannot be nested")
            elif block.track is None:
                bad(
                    p, "a block inside parallel tracks needs a 'track'", f"one of: {', '.join(ids)}"
                )
            elif block.track not in ids:
                bad(
                    p + ("track",),
                    f"no track '{block.track}' in these parallel tracks",
                    did_you_mean(block.track, ids) or f"the tracks are: {', '.join(ids)}",
                )
    if problems:
        raise UserError(problems)
    loaded = LoadedSession(session, doc, library, path)
    check_pins(loaded)
    return loaded


def known_timezone(name: str) -> bool:
    """Whether the system knows a time zone (the .ics agenda needs it)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def check_pins(loaded: LoadedSession) -> None:
    """Pinned blocks that cannot all hold (one ends after the next starts): an error."""
    problems = []
    lib = loaded
    for d, day in enumerate(loaded.session.days):
        prev: tuple[int, int, int] | None = None  # (index, start, end)
        for b, block in enumerate(day.blocks):
            if block.at is None:
                continue
            start = minutes_of(block.at)
            end = start + block_minutes(block, lib.exercise_for(block))
            if start < minutes_of(day.start):
                file, line, col = loaded.where(("days", d, "blocks", b, "at"))
                problems.append(
                    Problem(
                        f"pinned at {hm(start)}, before the day starts ({day.start:%H:%M})",
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(("days", d, "blocks", b, "at")),
                    )
                )
            if prev is not None and start < prev[2]:
                file, line, col = loaded.where(("days", d, "blocks", b, "at"))
                problems.append(
                    Problem(
                        f"two pinned blocks collide: this one starts at {hm(start)}, but the block "
                        f"pinned at {hm(prev[1])} (block {prev[0] + 1}) runs until {hm(prev[2])}",
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(("days", d, "blocks", b, "at")),
                        hint="move one of the pins, or shorten the earlier block",
                    )
                )
            prev = (b, start, end)
    if problems:
        raise UserError(problems)
