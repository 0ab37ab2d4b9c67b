"""Loading a session file against the library: references are checked, with lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load.library import Library
from facilitation.load.validation import Locator, error_text, problems_from
from facilitation.load.yamlio import Document, format_path, read_path
from facilitation.model.exercise import Exercise, check_value
from facilitation.model.session import (
    Block,
    Checks,
    Event,
    Person,
    Role,
    Session,
    block_minutes,
    is_person_ref,
)
from facilitation.resources import data_dir
from facilitation.text.dates import hm
from facilitation.text.i18n import is_localized
from facilitation.text.messages import _

LOGISTICS_IDS = {
    "welcome": "accueil",
    "break": "pause",
    "lunch": "dejeuner",
    "travel": "trajet",
    "dinner": "diner",
}

# The limits of the warnings when neither the session nor facilitation.yaml sets them.
DEFAULT_CHECKS = Checks(break_after=120, day_limit=10 * 60, min_hole=5)


@cache
def builtin_roles() -> dict[str, Role]:
    """The roles of vocabulary/roles.yaml, by id."""
    doc = read_path(data_dir("vocabulary") / "roles.yaml", display="vocabulary/roles.yaml")
    return {k: Role.model_validate({"id": k, **v}) for k, v in (doc.data or {}).items()}


@dataclass
class LoadedSession:
    session: Session
    doc: Document
    library: Library
    path: Path
    checks: Checks = field(default_factory=lambda: DEFAULT_CHECKS)  # limits in force

    def where(self, path: tuple[Any, ...]) -> tuple[str, int | None, int | None]:
        return Locator([self.doc]).locate(path)

    def exercise_for(self, block: Block | Event) -> Exercise | None:
        if block.exercise:
            return self.library.exercises.get(block.exercise)
        if block.logistics:
            return self.library.exercises.get(LOGISTICS_IDS[block.logistics])
        return None

    @property
    def roles(self) -> dict[str, Role]:
        """Built-in roles, with the session's own added or replacing them by id."""
        return {**builtin_roles(), **{r.id: r for r in self.session.roles}}

    @property
    def people(self) -> dict[str, Person]:
        return {p.id: p for p in self.session.people}

    def setting_of(self, block: Block) -> str:
        """Where a block happens: 'field' (out of the room) or 'room'."""
        if block.setting:
            return block.setting
        if block.logistics == "travel":
            return "field"
        ex = self.exercise_for(block)
        return ex.setting if ex is not None else "room"


def iter_blocks(session: Session) -> Any:
    """(path, block, parent tracks block or None) for every block, tracks' blocks included."""
    for d, day in enumerate(session.days):
        for b, block in enumerate(day.blocks):
            path = ("days", d, "blocks", b)
            yield path, block, None
            for c, child in enumerate(block.blocks or []):
                yield path + ("blocks", c), child, block


def continued_paths(session: Session) -> dict[tuple[Any, ...], tuple[Any, ...] | None]:
    """For each block that says `continues: true`, the path of the block it carries on: the
    last earlier block of the same exercise in the same track (or outside tracks, for a block
    outside them); None when there is none."""
    out: dict[tuple[Any, ...], tuple[Any, ...] | None] = {}
    last: dict[tuple[str, str | None], tuple[Any, ...]] = {}
    for path, block, _parent in iter_blocks(session):
        if not block.exercise:
            continue
        key = (block.exercise, block.track)
        if block.continues:
            out[path] = last.get(key)
        last[key] = path
    return out


def iter_events(session: Session) -> Any:
    """(path, event, block) for every event inside a block."""
    for path, block, _parent in iter_blocks(session):
        for e, event in enumerate(block.during):
            yield path + ("during", e), event, block


def effective_checks(session: Session, config: dict[str, Any] | None) -> Checks:
    """The limits in force: the session's, else facilitation.yaml's, else the defaults."""
    values = DEFAULT_CHECKS.model_dump()
    if config:
        values.update({k: v for k, v in Checks.model_validate(config).model_dump().items() if v})
    if session.checks:
        values.update({k: v for k, v in session.checks.model_dump().items() if v is not None})
    return Checks.model_validate(values)


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
            walk(b.get("during"), path + (i, "during"))

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


def load_session(
    path: Path,
    library: Library,
    checks: dict[str, Any] | None = None,
    doc: Document | None = None,
) -> LoadedSession:
    """Read and check a session file; raise UserError with every problem. `checks` are the
    limits of the warnings from facilitation.yaml (the session's own win); `doc` is the file
    already read (read_session), when it was read to learn its language."""
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

    if not known_timezone(session.timezone):
        bad(
            ("timezone",),
            _("unknown time zone '{zone}'").format(zone=session.timezone),
            _("for example Europe/Paris"),
        )
    group_ids = {g.id for g in session.groups}
    place_ids = {p.id for p in session.places}
    roles = {**builtin_roles(), **{r.id: r for r in session.roles}}
    person_ids = [p.id for p in session.people]

    def check_role(p: tuple[Any, ...], role: str | None) -> None:
        if role and role not in roles:
            bad(
                p,
                _("unknown role '{role}'").format(role=role),
                did_you_mean(role, roles)
                or _("declare it under 'roles', or use one of: {ids}").format(
                    ids=", ".join(sorted(roles))
                ),
            )

    def check_leads(p: tuple[Any, ...], leads: list[str]) -> None:
        for i, lead in enumerate(leads):
            if is_person_ref(lead) and lead not in person_ids:
                bad(
                    p + (i,) if len(leads) > 1 else p,
                    _("unknown person '{id}'").format(id=lead),
                    did_you_mean(lead, person_ids)
                    or _("declare them under 'people' (id, name, role), or write their name"),
                )

    def check_place(p: tuple[Any, ...], place: str | None) -> None:
        if place and place not in place_ids:
            bad(p, _("unknown place '{place}'").format(place=place), did_you_mean(place, place_ids))

    for i, person in enumerate(session.people):
        if person.id in person_ids[:i]:
            bad(("people", i, "id"), _("person '{id}' is declared twice").format(id=person.id))
        check_role(("people", i, "role"), person.role)
    role_ids = [r.id for r in session.roles]
    for i, role in enumerate(session.roles):
        if role.id in role_ids[:i]:
            bad(("roles", i, "id"), _("role '{id}' is declared twice").format(id=role.id))
    previous = None
    for d, day in enumerate(session.days):
        check_place(("days", d, "place"), day.place)
        for g, guest in enumerate(day.guests):
            check_role(("days", d, "guests", g, "role"), guest.role)
        if previous is not None and day.date == previous:
            bad(
                ("days", d, "date"),
                _("day {n} has the same date as the day before ({date})").format(
                    n=d + 1, date=day.date.isoformat()
                ),
                _("each day has its own date; a day off in between is fine"),
            )
        elif previous is not None and day.date < previous:
            bad(
                ("days", d, "date"),
                _("day {n} ({date}) comes before the day above it ({before})").format(
                    n=d + 1, date=day.date.isoformat(), before=previous.isoformat()
                ),
                _("write the days in the order of their dates"),
            )
        previous = day.date
    for p, event, _block in iter_events(session):
        check_place(p + ("place",), event.place)
        check_leads(p + ("lead",), event.lead)
        for g, guest in enumerate(event.guests):
            check_role(p + ("guests", g, "role"), guest.role)
        if event.exercise and event.exercise not in library.exercises:
            hint = did_you_mean(event.exercise, library.ids(), other_names=library.titles()) or _(
                "run 'facilitation list' to see the ids"
            )
            bad(p + ("exercise",), _("unknown exercise '{id}'").format(id=event.exercise), hint)
    block_ids: dict[str, tuple[Any, ...]] = {}
    for p, block, parent in iter_blocks(session):
        check_leads(p + ("lead",), block.lead)
        for g, guest in enumerate(block.guests):
            check_role(p + ("guests", g, "role"), guest.role)
        if block.id:
            if block.id in block_ids:
                bad(p + ("id",), _("block id '{id}' is used twice").format(id=block.id))
            block_ids[block.id] = p
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
        if block.logistics and LOGISTICS_IDS[block.logistics] not in library.exercises:
            bad(
                p + ("logistics",),
                _("no logistics entry '{id}'").format(id=LOGISTICS_IDS[block.logistics]),
            )
        elif block.exercise or block.logistics:
            ex = library.exercises[block.exercise or LOGISTICS_IDS[block.logistics or ""]]
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
    for p, before in continued_paths(session).items():
        block = _block_at(session, p)
        if before is None:
            bad(
                p + ("continues",),
                _("no earlier block of '{exercise}' for this one to continue").format(
                    exercise=block.exercise
                ),
                _("remove 'continues', or check the exercise of the block it carries on"),
            )
        elif block.params:
            line = locator.locate(before)[1]
            bad(
                p + ("params",),
                _("a continued activity takes its content from its first block"),
                _("give these params on the block it continues (line {line})").format(line=line),
            )
    try:
        limits = effective_checks(session, checks)
    except ValidationError as exc:
        problems += [
            Problem(
                _("checks: {problem}").format(problem=error_text(e)),
                file="facilitation.yaml",
                path="checks." + ".".join(str(x) for x in e["loc"]),
            )
            for e in exc.errors()
        ]
    if problems:
        raise UserError(problems)
    loaded = LoadedSession(session, doc, library, path, limits)
    check_pins(loaded)
    return loaded


def _block_at(session: Session, path: tuple[Any, ...]) -> Block:
    node: Any = session.days[path[1]]
    rest = path[2:]
    while rest:
        node = node.blocks[rest[1]]
        rest = rest[2:]
    return node  # type: ignore[no-any-return]


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
            start = day.minutes(block.at)
            end = start + block_minutes(block, lib.exercise_for(block))
            if start < day.start_minutes:
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
