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
                hint = did_you_mean(ex, library.ids(), other_names=library.titles()) or _(
                    "run 'facilitation list' to see the ids"
                )
                out.append(
                    Problem(
                        _("unknown exercise '{id}'").format(id=ex),
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


def read_session(path: Path) -> Document:
    """A session file as read, before it is checked (to learn its `language` first)."""
    return read_path(path, display=str(path))


def written_language(doc: Document) -> str | None:
    """The `language` a session file gives, when it is one we speak."""
    lang = doc.data.get("language") if isinstance(doc.data, dict) else None
    return lang if lang in ("fr", "en") else None


def load_session(path: Path, library: Library, doc: Document | None = None) -> LoadedSession:
    """Read and check a session file; raise UserError with every problem."""
    doc = doc or read_session(path)
    if not isinstance(doc.data, dict):
        raise UserError(
            Problem(_("a session file must be a mapping of keys"), file=doc.file, line=1)
        )
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

    group_ids = {g.id for g in session.groups}
    place_ids = {p.id for p in session.places}
    for d, day in enumerate(session.days):
        if day.place and day.place not in place_ids:
            bad(
                ("days", d, "place"),
                _("unknown place '{place}'").format(place=day.place),
                did_you_mean(day.place, place_ids),
            )
    for p, block, parent in iter_blocks(session):
        if block.exercise:
            if block.exercise not in library.exercises:
                broken = library.problems_of(block.exercise)
                if broken:  # the exercise exists but its file is wrong: say what is wrong there
                    problems.extend(q for q in broken if q not in problems)
                    continue
                hint = did_you_mean(
                    block.exercise, library.ids(), other_names=library.titles()
                ) or _("run 'facilitation list' to see the ids")
                bad(p + ("exercise",), _("unknown exercise '{id}'").format(id=block.exercise), hint)
                continue
            ex = library.exercises[block.exercise]
            for name, value in block.params.items():
                if name not in ex.parameters:
                    known = ", ".join(ex.parameters) or _("none")
                    bad(
                        p + ("params", name),
                        _("exercise '{id}' has no parameter '{name}'").format(id=ex.id, name=name),
                        did_you_mean(name, ex.parameters)
                        or _("its parameters: {names}").format(names=known),
                    )
                    continue
                per_lang = value if is_localized(value) else {"*": value}
                for lang_key, v in per_lang.items():
                    why = check_value(ex.parameters[name], v)
                    if why:
                        if lang_key != "*":
                            why = _("{problem} ({lang})").format(problem=why, lang=lang_key)
                        bad(p + ("params", name), why)
            if block.variant and block.variant not in {v.id for v in ex.variants}:
                bad(
                    p + ("variant",),
                    _("exercise '{id}' has no variant '{variant}'").format(
                        id=ex.id, variant=block.variant
                    ),
                    did_you_mean(block.variant, [v.id for v in ex.variants]),
                )
        if block.logistics and LOGISTICS_IDS[block.logistics] not in library.exercises:
            bad(
                p + ("logistics",),
                _("no logistics entry '{id}'").format(id=LOGISTICS_IDS[block.logistics]),
            )
        if block.place and block.place not in place_ids:
            bad(
                p + ("place",),
                _("unknown place '{place}'").format(place=block.place),
                did_you_mean(block.place, place_ids),
            )
        if parent is None:
            if block.track:
                bad(p + ("track",), _("'track' is only for blocks inside parallel tracks"))
            if block.tracks:
                ids = [t.id for t in block.tracks]
                for t, track in enumerate(block.tracks):
                    if track.id in ids[:t]:
                        bad(
                            p + ("tracks", t, "id"),
                            _("track '{id}' is declared twice").format(id=track.id),
                        )
                    if track.group and track.group not in group_ids:
                        bad(
                            p + ("tracks", t, "group"),
                            _("unknown group '{id}'").format(id=track.group),
                            did_you_mean(track.group, group_ids) or _("declare it under 'groups'"),
                        )
        else:
            ids = [t.id for t in parent.tracks or []]
            if block.tracks:
                bad(p + ("tracks",), _("parallel tracks cannot be nested"))
            elif block.track is None:
                bad(
                    p,
                    _("a block inside parallel tracks needs a 'track'"),
                    _("one of: {names}").format(names=", ".join(ids)),
                )
            elif block.track not in ids:
                bad(
                    p + ("track",),
                    _("no track '{id}' in these parallel tracks").format(id=block.track),
                    did_you_mean(block.track, ids)
                    or _("the tracks are: {names}").format(names=", ".join(ids)),
                )
    if problems:
        raise UserError(problems)
    loaded = LoadedSession(session, doc, library, path)
    check_pins(loaded)
    return loaded


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
                        _("pinned at {time}, before the day starts ({start})").format(
                            time=hm(start), start=f"{day.start:%H:%M}"
                        ),
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
                        _(
                            "two pinned blocks collide: this one starts at {start}, but the block "
                            "pinned at {other} (block {n}) runs until {end}"
                        ).format(
                            start=hm(start), other=hm(prev[1]), n=prev[0] + 1, end=hm(prev[2])
                        ),
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(("days", d, "blocks", b, "at")),
                        hint=_("move one of the pins, or shorten the earlier block"),
                    )
                )
            prev = (b, start, end)
    if problems:
        raise UserError(problems)
