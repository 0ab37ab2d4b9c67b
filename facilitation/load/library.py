"""The exercise library: built-in exercises plus the user's folders, overrides and `extends`.

Search order: folders given with --library (in order), then FACILITATION_LIBRARY, then the
`library:` list of a facilitation.yaml in the working folder, then the built-in exercises.
A user exercise with the id of a built-in one replaces it; `extends: ID` starts from another
exercise and changes only the keys it gives (mappings merge, lists and texts replace).
`extends` naming the exercise's own id starts from the one it shadows.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load.files import is_inside, link_out_problem
from facilitation.load.validation import Locator, error_text, problems_from
from facilitation.load.yamlio import Document, format_path, read_path
from facilitation.model.exercise import ARC_ORDER, Exercise
from facilitation.resources import data_dir
from facilitation.text.aliases import key_names
from facilitation.text.i18n import is_localized
from facilitation.text.messages import _

ENV_VAR = "FACILITATION_LIBRARY"
CONFIG_FILE = "facilitation.yaml"
RESERVED_DIRS = {"cards", "templates", "vocabulary", "sessions", "examples", "out", "kit"}


class Entry:
    """One exercise file, before `extends` is resolved. Built-in files are read when first
    needed (a kit uses a handful of the library); user files are read at once, so that their
    mistakes are reported whatever the command."""

    def __init__(self, ex_id: str, path: Any, display: str, layer: int, folder: Any) -> None:
        self.id = ex_id
        self.path = path
        self.display = display
        self.layer = layer
        self.folder = folder  # the library folder it came from (Path, or a Traversable)
        self._doc: Document | None = None

    @property
    def doc(self) -> Document:
        """The file as read; raises UserError when it cannot be an exercise."""
        if self._doc is None:
            doc = read_path(self.path, display=self.display)
            if not isinstance(doc.data, dict):
                raise UserError(
                    Problem(
                        _("an exercise file must be a mapping of keys"),
                        file=self.display,
                        line=1,
                        hint=_("start with 'title:'"),
                    )
                )
            if "id" in doc.data:
                line, col = doc.where(("id",), key=True)
                raise UserError(
                    Problem(
                        _("remove 'id': an exercise's id is its file name"),
                        file=self.display,
                        line=line,
                        column=col,
                        path="id",
                    )
                )
            self._doc = doc
        return self._doc


@dataclass
class Settings:
    """What the working folder and the environment say about libraries."""

    folders: list[Path] = field(default_factory=list)
    lang: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    chosen_lang: str | None = None  # --lang, FACILITATION_LANG or `lang:`; None: the session's

    @classmethod
    def discover(cls, cli_folders: Iterable[str] = (), cwd: Path | None = None) -> Settings:
        cwd = cwd or Path.cwd()
        folders = [Path(f) for f in cli_folders]
        env = os.environ.get(ENV_VAR, "")
        folders += [Path(p) for p in env.split(os.pathsep) if p.strip()]
        config: dict[str, Any] = {}
        lang = None
        cfg_path = cwd / CONFIG_FILE
        if cfg_path.exists():  # a folder or a FIFO of that name is refused, not skipped
            doc = read_path(cfg_path, display=str(cfg_path))
            config = _check_config(doc)
            for p in config.get("library", []):
                folders.append((cwd / p) if not Path(p).is_absolute() else Path(p))
            lang = config.get("lang")
        for f in folders:
            if not f.is_dir():
                raise UserError(
                    Problem(
                        _("library folder not found"),
                        file=str(f),
                        hint=_("check --library, {variable} or {config}").format(
                            variable=ENV_VAR, config=CONFIG_FILE
                        ),
                    )
                )
        return cls(folders=folders, lang=lang, config=config)


_CONFIG_KEYS = {
    "library": list,
    "lang": str,
    "theme": str,
    "programme": str,
    "paper": str,
    "checks": dict,  # the limits of the warnings, for every session (model.session.Checks)
}


def _check_config(doc: Document) -> dict[str, Any]:
    if not isinstance(doc.data, dict):
        raise UserError(Problem(_("expected a mapping"), file=doc.file, line=1))
    problems = []
    for key, value in doc.data.items():
        line, col = doc.where((key,), key=True)
        if key not in _CONFIG_KEYS:
            problems.append(
                Problem(
                    _("unknown key '{key}'").format(key=key),
                    file=doc.file,
                    line=line,
                    column=col,
                    hint=did_you_mean(key, _CONFIG_KEYS, other_names=key_names()),
                )
            )
        elif not isinstance(value, _CONFIG_KEYS[key]):
            problems.append(
                Problem(
                    {list: _("expected a list"), dict: _("expected a mapping")}.get(
                        _CONFIG_KEYS[key], _("expected a text")
                    ),
                    file=doc.file,
                    line=line,
                    column=col,
                    path=key,
                )
            )
    if doc.data.get("lang") not in (None, "fr", "en"):
        line, col = doc.where(("lang",))
        problems.append(
            Problem(_("expected fr or en"), file=doc.file, line=line, column=col, path="lang")
        )
    if isinstance(doc.data.get("checks"), dict):
        from pydantic import ValidationError

        from facilitation.model.session import Checks

        try:
            Checks.model_validate(doc.data["checks"])
        except ValidationError as exc:
            for e in exc.errors():
                where = ("checks", *e["loc"])
                line, col = doc.where(where, key=e["type"] == "extra_forbidden")
                problems.append(
                    Problem(
                        error_text(e),
                        file=doc.file,
                        line=line,
                        column=col,
                        path=".".join(str(x) for x in where),
                    )
                )
    if problems:
        raise UserError(problems)
    return doc.data


def yaml_files(root: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Exercise files below a user folder, never following links out of it (each one found
    is added to `problems`: it is said, not skipped in silence). Folders are not followed
    through links either, and hidden ones are left alone."""
    out: list[Path] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel = Path(dirpath).relative_to(root)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and not (rel == Path(".") and d in RESERVED_DIRS)
        )
        for name in sorted(filenames):
            if not name.endswith((".yaml", ".yml")) or name.startswith("."):
                continue
            if name == CONFIG_FILE:
                continue
            path = Path(dirpath) / name
            if path.is_symlink() and not is_inside(path, real_root):
                if problems is not None:  # a link out of the pack: never read
                    problems.append(link_out_problem(_display(path, False)))
                continue
            out.append(path)
    return out


class Library:
    """All exercises known in a given setting, validated and resolved.

    `exercises` is a mapping by id. Built-in exercises are read and validated when first
    asked for, user exercises at once; iterating over `exercises`, or asking for `problems`,
    reads everything."""

    def __init__(
        self, folders: Iterable[Path] = (), builtin: bool = True, files: Iterable[Path] = ()
    ) -> None:
        self.files = list(files)
        self.folders = list(folders)
        self.builtin = builtin
        self.entries: dict[str, list[Entry]] = {}  # id -> entries, top layer first
        self._resolved: dict[str, Exercise] = {}
        self._failed: dict[str, list[Problem]] = {}
        self._warnings: dict[str, list[Problem]] = {}  # timing lint of each exercise read
        self.locators: dict[str, Locator] = {}
        self._problems: list[Problem] = []  # problems of reading, and of user exercises
        self._unreadable: dict[str, list[Problem]] = {}  # ids whose file could not be read
        self._complete = False
        self.exercises = Exercises(self)
        self._read()
        for ex_id, entries in self.entries.items():
            if not self._is_builtin(entries[0]):
                self._resolve_id(ex_id)

    @classmethod
    def from_settings(cls, settings: Settings) -> Library:
        return cls(settings.folders)

    def _is_builtin(self, entry: Entry) -> bool:
        return self.builtin and entry.layer == self._builtin_layer

    # -- reading ---------------------------------------------------------------------------------
    def _read(self) -> None:
        layers: list[tuple[Any, list[Any]]] = []
        for f in self.files:
            layers.append((f.parent, [f]))
        for folder in self.folders:
            layers.append((folder, yaml_files(folder, self._problems)))
        self._builtin_layer = len(layers)
        if self.builtin:
            root = data_dir("exercises")
            files = sorted(
                (f for f in root.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name
            )
            layers.append((root, files))
        for layer, (folder, files) in enumerate(layers):
            seen: dict[str, str] = {}
            builtin = self.builtin and layer == self._builtin_layer
            for f in files:
                ex_id = f.name.rsplit(".", 1)[0]
                display = _display(f, builtin)
                if ex_id in seen:
                    self._problems.append(
                        Problem(
                            _("the id '{id}' is used twice in one library (also {other})").format(
                                id=ex_id, other=seen[ex_id]
                            ),
                            file=display,
                            hint=_("rename one of the files: the file name is the exercise id"),
                        )
                    )
                    continue
                seen[ex_id] = display
                entry = Entry(ex_id, f, display, layer, folder)
                if not builtin:
                    try:
                        entry.doc  # noqa: B018  (user files are read now)
                    except UserError as exc:
                        self._problems.extend(exc.problems)
                        self._unreadable.setdefault(ex_id, exc.problems)
                        continue
                self.entries.setdefault(ex_id, []).append(entry)

    # -- extends ---------------------------------------------------------------------------------
    def _chain(self, entry: Entry) -> list[Entry]:
        """The entry followed by its ancestors; raises UserError on cycles or unknown parents."""
        chain = [entry]
        seen = {(entry.id, entry.layer)}
        current = entry
        while True:
            parent_id = current.doc.data.get("extends")
            if parent_id is None:
                return chain
            line, col = current.doc.where(("extends",))
            if not isinstance(parent_id, str):
                raise UserError(
                    Problem(
                        _("expected an exercise id"),
                        file=current.doc.file,
                        line=line,
                        column=col,
                        path="extends",
                    )
                )
            candidates = self.entries.get(parent_id, [])
            if parent_id == current.id:
                candidates = [e for e in candidates if e.layer > current.layer]
            parent = candidates[0] if candidates else None
            if parent is None:
                hint = did_you_mean(parent_id, self.entries) or _(
                    "run 'facilitation list' to see the ids"
                )
                if parent_id == current.id:
                    hint = _("no other library has an exercise '{id}' to extend").format(
                        id=parent_id
                    )
                raise UserError(
                    Problem(
                        _("unknown exercise '{id}' to extend").format(id=parent_id),
                        file=current.doc.file,
                        line=line,
                        column=col,
                        path="extends",
                        hint=hint,
                    )
                )
            key = (parent.id, parent.layer)
            if key in seen:
                names = " -> ".join(e.id for e in chain) + f" -> {parent.id}"
                raise UserError(
                    Problem(
                        _("'extends' goes round in a circle: {names}").format(names=names),
                        file=current.doc.file,
                        line=line,
                        column=col,
                        path="extends",
                        hint=_("one of them must not extend the other"),
                    )
                )
            seen.add(key)
            chain.append(parent)
            current = parent

    def _resolve_id(self, ex_id: str) -> Exercise | None:
        """The exercise of that id, resolved once; None (and its problems kept) if broken."""
        if ex_id in self._resolved:
            return self._resolved[ex_id]
        if ex_id in self._failed or ex_id not in self.entries:
            return None
        try:
            ex, loc = self.resolve(self.entries[ex_id][0])
        except UserError as exc:
            self._failed[ex_id] = exc.problems
            return None
        self._resolved[ex_id] = ex
        self.locators[ex_id] = loc
        return ex

    def _resolve_all(self) -> None:
        if not self._complete:
            for ex_id in self.entries:
                self._resolve_id(ex_id)
            self._complete = True

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every exercise in the library (reads them all)."""
        self._resolve_all()
        return self._found()

    def _found(self) -> list[Problem]:
        """The problems found so far: of reading, and of the exercises resolved."""
        return self._problems + [p for ps in self._failed.values() for p in ps]

    @property
    def warnings(self) -> list[Problem]:
        """What may go wrong on the day with the exercises (reads them all): steps that do not
        add up, turns that cannot fit their step at Transfo size."""
        self._resolve_all()
        return [w for ex_id in sorted(self._warnings) for w in self._warnings[ex_id]]

    def problems_of(self, ex_id: str) -> list[Problem]:
        """What is wrong with that exercise (empty when it is fine or unknown)."""
        self._resolve_id(ex_id)
        return self._failed.get(ex_id, [])

    def ids(self) -> list[str]:
        """Every exercise id, without reading the files."""
        return sorted(self.entries)

    def resolve(self, entry: Entry) -> tuple[Exercise, Locator]:
        chain = self._chain(entry)
        data: dict[str, Any] = {}
        for e in reversed(chain):
            data = merge(data, e.doc.data)
            _own_defaults(data, e.doc.data)
        data["extends"] = entry.doc.data.get("extends")
        locator = Locator([e.doc for e in chain])
        data = {**data, "id": entry.id}
        try:
            ex = Exercise.model_validate(data)
        except ValidationError as exc:
            raise UserError(problems_from(exc, locator, Exercise, data=data)) from None
        problems = []

        def bad(path: tuple[Any, ...], msg: str, hint: str | None = None) -> None:
            file, line, col = locator.locate(path)
            problems.append(
                Problem(msg, file=file, line=line, column=col, path=format_path(path), hint=hint)
            )

        for path, msg, hint in ex.cross_problems():
            bad(path, msg, hint)
        check_print_data(ex, bad)
        if problems:
            raise UserError(problems)
        ex.origin = str(entry.doc.file)
        ex.__dict__["folder"] = entry.folder
        ex.__dict__["locator"] = locator  # where its texts are written, for later messages
        self._warnings[entry.id] = timing_warnings(ex, locator)
        return ex, locator

    # -- use -------------------------------------------------------------------------------------
    def check(self, everything: bool = True) -> None:
        """Raise every problem found while loading: of all exercises, or, with
        `everything=False`, of the user's own files and of the exercises used so far."""
        problems = self.problems if everything else self._found()
        if problems:
            raise UserError(problems)

    def get(self, ex_id: str) -> Exercise:
        ex = self._resolve_id(ex_id)
        if ex is not None:
            return ex
        if ex_id in self._failed:  # known but broken
            raise UserError(self._failed[ex_id])
        if ex_id in self._unreadable:  # its file is there, but could not be read
            raise UserError(self._unreadable[ex_id])
        hint = did_you_mean(ex_id, self.entries, other_names=self.titles()) or _(
            "run 'facilitation list' to see the ids"
        )
        raise UserError(Problem(_("unknown exercise '{id}'").format(id=ex_id), hint=hint))

    def titles(self) -> dict[str, list[str]]:
        """Each exercise id with its titles in both languages (for near-miss hints), read
        from the files without validating them."""
        out: dict[str, list[str]] = {}
        for ex_id, entries in self.entries.items():
            try:
                title = entries[0].doc.data.get("title")
            except UserError:
                continue
            if isinstance(title, dict):
                out[ex_id] = [str(t) for t in title.values() if isinstance(t, str)]
            elif isinstance(title, str):
                out[ex_id] = [title]
        return out

    def folder_of(self, ex_id: str) -> Any:
        return self.get(ex_id).__dict__.get("folder")


class Exercises(Mapping[str, Exercise]):
    """The library's exercises by id: looking one up reads only that one (and what it
    extends); going through them all reads everything, in the order of the arc."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    def __getitem__(self, ex_id: str) -> Exercise:
        ex = self._lib._resolve_id(ex_id)
        if ex is None:
            raise KeyError(ex_id)
        return ex

    def __contains__(self, ex_id: object) -> bool:
        return isinstance(ex_id, str) and self._lib._resolve_id(ex_id) is not None

    def _sorted(self) -> list[str]:
        self._lib._resolve_all()
        order = {a: i for i, a in enumerate(ARC_ORDER)}
        done = self._lib._resolved
        return sorted(done, key=lambda k: (order[done[k].arc], k))

    def __iter__(self) -> Iterator[str]:
        return iter(self._sorted())

    def __len__(self) -> int:
        self._lib._resolve_all()
        return len(self._lib._resolved)


def merge(base: Any, over: Any) -> Any:
    """Mappings merge key by key; anything else in `over` replaces `base`. A text or value
    given per language ({fr: ...}) replaces the parent's whole, so that a language it lacks
    falls back to the user's other language, never to the parent's text."""
    if isinstance(base, dict) and isinstance(over, dict) and not is_localized(over):
        out = copy.deepcopy(base)
        for k, v in over.items():
            out[k] = merge(base.get(k), v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(over)


def _own_defaults(merged: dict[str, Any], layer: dict[str, Any]) -> None:
    """A file that gives a parameter's default chooses it: `example` (a value from another
    case, to be warned about) holds only for the default of the file that says it."""
    params = layer.get("parameters")
    if not isinstance(params, dict):
        return
    for name, p in params.items():
        if isinstance(p, dict) and "default" in p and "example" not in p:
            target = merged.get("parameters", {}).get(name)
            if isinstance(target, dict):
                target["example"] = False


def _display(f: Any, builtin: bool) -> str:
    if builtin:
        return f"<built-in>/exercises/{f.name}"
    try:
        return os.path.relpath(f)
    except ValueError:
        return str(f)


def timing_warnings(ex: Exercise, locator: Locator) -> list[Problem]:
    """The exercise's timing lint (Exercise.timing_lint) as warnings with file and line."""
    from facilitation.model.exercise import TRANSFO_SIZE, team_words
    from facilitation.text.messages import ngettext

    out = []
    for path, kind, n in ex.timing_lint(TRANSFO_SIZE):
        if kind == "sum":
            message = _(
                "the steps add up to {total} min, but the typical duration is {typical} min"
            ).format(**n)
            hint = _("change a step's minutes, or the duration")
        else:
            message = ngettext(
                "{teams} × {each} min = {need} min, more than the step's "
                "{minutes} min for {people} person",
                "{teams} × {each} min = {need} min, more than the step's "
                "{minutes} min for {people} people",
                n["people"],
            ).format(**{**n, "teams": team_words(n["per"], n["teams"])})
            hint = _("give the step {need} min, or each team less time").format(need=n["need"])
        file, line, col = locator.locate(path)
        out.append(
            Problem(
                message,
                file=file,
                line=line,
                column=col,
                path=format_path(path),
                hint=hint,
                severity="warning",
            )
        )
    return out


def check_print_data(ex: Exercise, bad: Any) -> None:
    """References from an exercise to the print data: materials of the catalogue, card
    layouts and canvas layouts. Calls `bad(path, message, hint)` for each."""
    from facilitation.load.printdata import canvas_layout_ids, card_layouts, catalogue
    from facilitation.load.vocabulary import check_vocabulary

    known = catalogue()
    labels = {k: list(v.label.values()) for k, v in known.items()}
    for i, m in enumerate(ex.materials):
        if m.label is None and m.item not in known:
            bad(
                ("materials", i, "item"),
                _("unknown material '{item}' and no label for it").format(item=m.item),
                did_you_mean(m.item, known, other_names=labels)
                or _(
                    "add a label: {{fr: ..., en: ...}}, or see 'facilitation vocabulary materials'"
                ),
            )
    cards = card_layouts()
    canvases = canvas_layout_ids()
    for i, s in enumerate(ex.supports):
        if s.kind == "cards":
            if s.layout not in cards:
                card_labels = {k: list(v.label.values()) for k, v in cards.items()}
                bad(
                    ("supports", i, "layout"),
                    _("unknown card layout '{layout}'").format(layout=s.layout),
                    did_you_mean(s.layout, cards, other_names=card_labels)
                    or _("known: {names}").format(names=", ".join(sorted(cards))),
                )
            elif s.source is None and cards[s.layout].needs_source:
                bad(("supports", i, "source"), _("a card set needs a source parameter"))
        elif s.layout not in ("floor-sign", "poster") and s.layout not in canvases:
            bad(
                ("supports", i, "layout"),
                _("unknown canvas layout '{layout}'").format(layout=s.layout),
                did_you_mean(s.layout, canvases) or _("add it as cards/canvases/<id>.yaml"),
            )
    check_vocabulary(ex, bad)
