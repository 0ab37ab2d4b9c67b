"""Reading a session's retour (what happened, for the compte rendu), checked against the
session, with the file and line of every problem.

The retour of `metz-1.yaml` is `metz-1.retour.yaml`, in the same folder. Its photos are paths
from the session's folder and must stay inside it (after symlinks), be regular JPEG or PNG
files, and have a bounded number of pixels: the header is read here (cheap: no decoding), the
pixels when the compte rendu is written.
"""

from __future__ import annotations

import os
import stat
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load.files import read_regular
from facilitation.load.sessions import LoadedSession, iter_blocks
from facilitation.load.validation import Locator, problems_from
from facilitation.load.yamlio import Document, format_path, read_bytes
from facilitation.model.limits import MAX_FILE_BYTES
from facilitation.model.retour import BlockRetour, Photo, Quote, Retour, parse_place
from facilitation.model.session import Block
from facilitation.model.words import language_name, logistics_label
from facilitation.text.i18n import is_localized
from facilitation.text.messages import _, ngettext

SUFFIX = ".retour.yaml"
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png"}
PHOTO_FORMATS = {"JPEG", "MPO", "PNG"}  # MPO: the JPEG that many phones write
MAX_PHOTO_BYTES = 60_000_000  # a 108-megapixel phone photo is about 30 MB
MAX_PHOTO_PIXELS = 120_000_000  # decoded, 360 MB of RGB at most


def retour_path(session_path: Path) -> Path:
    """Where a session's retour is: beside it, `<name>.retour.yaml`."""
    return session_path.with_name(session_path.stem + SUFFIX)


def find_retour(session_path: Path) -> Path | None:
    """The retour beside a session (.retour.yaml, or .retour.yml), or None."""
    for suffix in (SUFFIX, ".retour.yml"):
        p = session_path.with_name(session_path.stem + suffix)
        if p.exists():
            return p
    return None


@dataclass
class PhotoFile:
    """A photo of the retour, found and its header read."""

    photo: Photo
    path: Path  # resolved, inside the session's folder
    yaml_path: tuple[Any, ...]  # ('blocks', 2, 'photos', 0)
    file: str  # the retour, and the line of the photo's `file:`
    line: int | None
    column: int | None
    width: int
    height: int

    def problem(self, message: str, hint: str | None = None) -> Problem:
        return Problem(
            message,
            file=self.file,
            line=self.line,
            column=self.column,
            path=format_path(self.yaml_path + ("file",)),
            hint=hint,
        )


@dataclass
class EntryRef:
    """One entry of the retour's `blocks`, with the block of the session it is about (its
    path in the session, None for a block that was not planned)."""

    entry: BlockRetour
    index: int
    target: tuple[Any, ...] | None
    block: Block | None


@dataclass
class LoadedRetour:
    retour: Retour
    doc: Document
    path: Path
    entries: list[EntryRef]
    photos: list[PhotoFile]
    consent: list[Problem] = field(default_factory=list)  # what is not cleared (warnings)
    warnings: list[Problem] = field(default_factory=list)

    def where(self, path: tuple[Any, ...]) -> tuple[str, int | None, int | None]:
        return Locator([self.doc]).locate(path)

    def entry_for(self, target: tuple[Any, ...]) -> EntryRef | None:
        return next((e for e in self.entries if e.target == target), None)

    def photo(self, yaml_path: tuple[Any, ...]) -> PhotoFile | None:
        return next((p for p in self.photos if p.yaml_path == yaml_path), None)

    def refusals(self) -> list[Problem]:
        """What is not cleared, as errors: the compte rendu is not written with it."""
        return [replace(p, severity="error") for p in self.consent]


def block_places(loaded: LoadedSession) -> dict[tuple[Any, ...], str]:
    """Each block's place as a retour writes it ('1/3', '1/8/2'), by its path."""
    out = {}
    for path, _block, parent in iter_blocks(loaded.session):
        place = f"{path[1] + 1}/{path[3] + 1}"
        if parent is not None:
            place += f"/{path[5] + 1}"
        out[path] = place
    return out


def load_retour(path: Path, loaded: LoadedSession, lang: str | None = None) -> LoadedRetour:
    """Read and check a retour against its session; raise UserError with every problem.
    What is not cleared (photos, named quotes) is kept as `consent` warnings: `check` says
    them, the compte rendu refuses them. With `lang`, texts missing in it are warned."""
    if path.exists() and not path.is_file():  # a folder, a FIFO: never read (it would block)
        raise UserError(Problem(_("the retour is not a regular file"), file=str(path)))
    raw = read_regular(path, MAX_FILE_BYTES, str(path))
    if not any(ln.strip() and not ln.lstrip().startswith(b"#") for ln in raw.splitlines()):
        raise UserError(
            Problem(
                _("the retour is empty"),
                file=str(path),
                line=1,
                hint=_(
                    "say what happened, block by block: 'facilitation new retour' writes a "
                    "retour listing every block of the session (move this one away first)"
                ),
            )
        )
    doc = read_bytes(raw, str(path))
    if not isinstance(doc.data, dict):
        raise UserError(
            Problem(_("a retour file must be a mapping of keys"), file=doc.file, line=1)
        )
    locator = Locator([doc])
    try:
        retour = Retour.model_validate(doc.data)
    except ValidationError as exc:
        raise UserError(problems_from(exc, locator, Retour, data=doc.data)) from None
    problems: list[Problem] = []
    consent: list[Problem] = []
    warnings: list[Problem] = []

    def at(
        p: tuple[Any, ...], message: str, hint: str | None = None, sev: str = "error"
    ) -> Problem:
        file, line, col = locator.locate(p)
        return Problem(
            message, file=file, line=line, column=col, path=format_path(p), hint=hint, severity=sev
        )

    session = loaded.session
    people = loaded.people
    for i, pid in enumerate(retour.named):
        if pid not in people:
            problems.append(
                at(
                    ("named", i),
                    _("unknown person '{id}'").format(id=pid),
                    did_you_mean(pid, people)
                    or _("the people of the session are declared under 'people' (id, name, role)"),
                )
            )

    # --- blocks: which block of the session each entry is about ---------------------------
    places = block_places(loaded)
    by_id = {b.id: p for p, b, _parent in iter_blocks(session) if b.id}
    blocks = {p: b for p, b, _parent in iter_blocks(session)}
    entries: list[EntryRef] = []
    seen: dict[tuple[Any, ...], int] = {}
    for i, entry in enumerate(retour.blocks):
        base = ("blocks", i)
        target = None
        if entry.block is not None:
            target, why, hint = _resolve(entry.block, loaded, by_id)
            if target is None:
                problems.append(at(base + ("block",), why, hint))
                entries.append(EntryRef(entry, i, None, None))
                continue
            block = blocks[target]
            mismatch = _guard(entry, block)
            if mismatch:
                problems.append(
                    at(
                        base + ("block",),
                        _("block {place} of the session is {what}, not {said}").format(
                            place=places[target], what=mismatch[0], said=mismatch[1]
                        ),
                        _(
                            "has the session changed since the retour was written? name the "
                            "block by its place (day/block) or its id"
                        ),
                    )
                )
            if target in seen:
                first = locator.locate(("blocks", seen[target]))[1]
                problems.append(
                    at(
                        base + ("block",),
                        _(
                            "block {place} is written twice in the retour (first on line {line})"
                        ).format(place=places[target], line=first),
                        _("keep one entry per block"),
                    )
                )
            seen[target] = i
        entries.append(EntryRef(entry, i, target, blocks.get(target) if target else None))
        if entry.ran is not None and entry.ran.day is not None:
            if entry.ran.day > len(session.days):
                problems.append(
                    at(
                        base + ("ran", "day"),
                        ngettext(
                            "no day {day}: the session has {n} day",
                            "no day {day}: the session has {n} days",
                            len(session.days),
                        ).format(day=entry.ran.day, n=len(session.days)),
                    )
                )
            elif target is not None and entry.ran.start is None and entry.ran.day != target[1] + 1:
                problems.append(
                    at(
                        base + ("ran",),
                        _("say when it ran on day {day}: 'start'").format(day=entry.ran.day),
                    )
                )
        block = blocks.get(target) if target else None
        if block is not None and block.audience == "facilitators" and _has_content(entry):
            warnings.append(
                at(
                    base,
                    _(
                        "block {place} is for the facilitators only: what the retour says of it "
                        "stays out of the article"
                    ).format(place=places[target or ()]),
                    _("it still counts in the planned-versus-run table"),
                    sev="warning",
                )
            )

    # --- quotes: anonymous unless consent is marked ----------------------------------------
    names = {p.name.strip().lower(): p for p in session.people} | {p.id: p for p in session.people}
    quote_paths = [(("quotes", j), q) for j, q in enumerate(retour.quotes)] + [
        (("blocks", i, "quotes", j), q)
        for i, e in enumerate(retour.blocks)
        for j, q in enumerate(e.quotes)
    ]
    for qp, quote in quote_paths:
        consent.extend(_quote_consent(quote, qp, at, names))

    # --- photos: inside the session's folder, readable, cleared ----------------------------
    root = loaded.path.parent
    photo_paths = [(("photos", j), ph) for j, ph in enumerate(retour.photos)] + [
        (("blocks", i, "photos", j), ph)
        for i, e in enumerate(retour.blocks)
        for j, ph in enumerate(e.photos)
    ]
    photos: list[PhotoFile] = []
    for pp, photo in photo_paths:
        file, line, col = locator.locate(pp + ("file",))
        try:
            resolved, w, h = check_photo(root, photo.file)
        except PhotoProblem as exc:
            problems.append(at(pp + ("file",), exc.message, exc.hint))
            continue
        photos.append(PhotoFile(photo, resolved, pp, file, line, col, w, h))
        if not photo.cleared:
            consent.append(
                at(
                    pp,
                    _("photo '{file}' is not marked as cleared").format(file=photo.file),
                    _(
                        "once everyone recognisable on it has agreed in writing to this use (or "
                        "nobody is recognisable), write 'cleared: true'; else remove it or crop it"
                    ),
                    sev="warning",
                )
            )

    if lang:
        warnings.extend(_language_warnings(doc, lang, locator))
    if problems:
        raise UserError(problems)
    return LoadedRetour(retour, doc, path, entries, photos, consent, warnings)


def _resolve(
    ref: str, loaded: LoadedSession, by_id: dict[str, tuple[Any, ...]]
) -> tuple[tuple[Any, ...] | None, str, str | None]:
    """(the block's path in the session, or None with why and a hint)."""
    session = loaded.session
    place = parse_place(ref)
    if place is None:
        if ref in by_id:
            return by_id[ref], "", None
        hint = did_you_mean(ref, by_id) or (
            _("the session's block ids: {ids}").format(ids=", ".join(sorted(by_id)))
            if by_id
            else _("no block of the session has an 'id': name blocks by their place, like \"1/3\"")
        )
        return None, _("no block with the id '{id}' in the session").format(id=ref), hint
    d, b, c = place
    if not 1 <= d <= len(session.days):
        n = len(session.days)
        return (
            None,
            ngettext(
                "no day {day}: the session has {n} day", "no day {day}: the session has {n} days", n
            ).format(day=d, n=n),
            None,
        )
    day = session.days[d - 1]
    if not 1 <= b <= len(day.blocks):
        n = len(day.blocks)
        return (
            None,
            ngettext(
                "day {day} has {n} block, no block {block}",
                "day {day} has {n} blocks, no block {block}",
                n,
            ).format(day=d, n=n, block=b),
            _("count the day's blocks from 1, breaks and meals included"),
        )
    path: tuple[Any, ...] = ("days", d - 1, "blocks", b - 1)
    if c is None:
        return path, "", None
    inner = day.blocks[b - 1].blocks
    if not inner:
        return (
            None,
            _(
                "block {day}/{block} is not parallel tracks: it has no block {day}/{block}/{inner}"
            ).format(day=d, block=b, inner=c),
            None,
        )
    if not 1 <= c <= len(inner):
        n = len(inner)
        return (
            None,
            ngettext(
                "the parallel tracks {day}/{block} hold {n} block, no block {inner}",
                "the parallel tracks {day}/{block} hold {n} blocks, no block {inner}",
                n,
            ).format(day=d, block=b, n=n, inner=c),
            None,
        )
    return path + ("blocks", c - 1), "", None


def _guard(entry: BlockRetour, block: Block) -> tuple[str, str] | None:
    """(what the block is, what the retour says) when the retour's guard does not match, in
    the run's language ('« debat-mouvant »', 'des ateliers en parallèle')."""
    if entry.exercise and entry.exercise != block.exercise:
        return _what(block), _("'{name}'").format(name=entry.exercise)
    if entry.logistics and entry.logistics != block.logistics:
        return _what(block), _("'{name}'").format(name=logistics_label(entry.logistics))
    return None


def _what(block: Block) -> str:
    if block.exercise:
        return _("'{name}'").format(name=block.exercise)
    if block.logistics:
        return _("'{name}'").format(name=logistics_label(block.logistics))
    return _("parallel tracks") if block.tracks else _("a free block")


def _has_content(entry: BlockRetour) -> bool:
    return bool(entry.story or entry.produced or entry.quotes or entry.photos)


def _quote_consent(
    quote: Quote, qp: tuple[Any, ...], at: Any, names: dict[str, Any]
) -> list[Problem]:
    out = []
    if quote.name and not quote.consent:
        out.append(
            at(
                qp + ("name",),
                _("the quote is signed '{name}' without a mark of consent").format(name=quote.name),
                _(
                    "write 'consent: true' once they agreed to be named; else remove 'name' (a "
                    "quote is anonymous), or describe who spoke under 'who'"
                ),
                sev="warning",
            )
        )
    if quote.who and not quote.consent:
        for text in quote.who.values():
            person = names.get(text.strip().lower()) or names.get(text.strip())
            if person is not None:
                out.append(
                    at(
                        qp + ("who",),
                        _(
                            "'who' names {name}, a person of the session: a quote is anonymous"
                        ).format(name=person.name),
                        _(
                            "describe who spoke without naming them ('une ambassadrice'), or "
                            "write 'name' with 'consent: true'"
                        ),
                        sev="warning",
                    )
                )
                break
    return out


class PhotoProblem(Exception):
    """What is wrong with a photo file, and a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_photo(root: Path, rel: str) -> tuple[Path, int, int]:
    """The resolved file and its size in pixels, or PhotoProblem.

    The rule of pictures everywhere: a path inside the folder, after symlinks; regular files
    only (a FIFO or a device would block or never end); JPEG or PNG; the header read to know
    the format and the size, and the size bounded before anything is decoded."""
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts:
        raise PhotoProblem(
            _("photo '{file}' must be a path inside the session's folder").format(file=rel),
            _("no absolute paths and no '..'; put the photos in a folder beside the session"),
        )
    real_root = root.resolve()
    try:
        resolved = (root / p).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL in the name
        raise PhotoProblem(
            _("photo '{file}' not found").format(file=rel),
            _("paths are written from the session's folder ({folder})").format(folder=root),
        ) from None
    if not resolved.is_relative_to(real_root):
        raise PhotoProblem(
            _("photo '{file}' leads outside the session's folder").format(file=rel),
            _("copy the photo into the session's folder: links out of it are not followed"),
        )
    try:
        st = os.stat(resolved)
    except OSError:
        raise PhotoProblem(_("photo '{file}' cannot be read").format(file=rel)) from None
    if not stat.S_ISREG(st.st_mode):
        raise PhotoProblem(_("photo '{file}' is not a regular file").format(file=rel))
    if resolved.suffix.lower() not in PHOTO_SUFFIXES:
        raise PhotoProblem(
            _("photo '{file}' is not a JPEG or PNG file").format(file=rel),
            _("save it as JPEG (.jpg) or PNG (.png)"),
        )
    if st.st_size > MAX_PHOTO_BYTES:
        raise PhotoProblem(
            _("photo '{file}' is too large ({mb} MB; at most {max} MB)").format(
                file=rel, mb=st.st_size // 1_000_000, max=MAX_PHOTO_BYTES // 1_000_000
            ),
            _("export a smaller copy of it"),
        )
    too_many = _("photo '{file}' has more than the {max} million pixels a photo may have").format(
        file=rel, max=MAX_PHOTO_PIXELS // 1_000_000
    )
    too_many_hint = _("export a smaller copy of it (2000 pixels wide is plenty for the web)")
    try:
        from PIL import Image

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(resolved) as im:  # reads the header only
                fmt, (w, h) = im.format, im.size
    except Exception as exc:
        if type(exc).__name__ == "DecompressionBombError":
            raise PhotoProblem(too_many, too_many_hint) from None
        raise PhotoProblem(
            _("photo '{file}' cannot be read as an image").format(file=rel),
            _("the file is damaged or is not an image: export it again as JPEG"),
        ) from None
    if fmt not in PHOTO_FORMATS:
        raise PhotoProblem(
            _("photo '{file}' is a {format} image, not JPEG or PNG").format(file=rel, format=fmt),
            _("save it as JPEG (.jpg) or PNG (.png)"),
        )
    if w * h > MAX_PHOTO_PIXELS or w <= 0 or h <= 0:
        raise PhotoProblem(
            _(
                "photo '{file}' is {w} × {h} pixels: more than the {max} million pixels a photo "
                "may have"
            ).format(file=rel, w=w, h=h, max=MAX_PHOTO_PIXELS // 1_000_000),
            too_many_hint,
        )
    return resolved, w, h


def _language_warnings(doc: Document, lang: str, locator: Locator) -> list[Problem]:
    """Texts written per language ({fr: ..., en: ...}) that lack the compte rendu's."""
    out: list[Problem] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if is_localized(value):
            if not value.get(lang):
                file, line, col = locator.locate(path)
                out.append(
                    Problem(
                        _(
                            "no {lang} text here: the compte rendu prints the other one, marked"
                        ).format(lang=language_name(lang)),
                        file=file,
                        line=line,
                        column=col,
                        path=format_path(path),
                        severity="warning",
                    )
                )
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    walk(doc.data, ())
    return out
