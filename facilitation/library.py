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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.model.exercise import ARC_ORDER, Exercise
from facilitation.resources import data_dir
from facilitation.validation import Locator, problems_from
from facilitation.yamlio import Document, format_path, read_path

ENV_VAR = "FACILITATION_LIBRARY"
CONFIG_FILE = "facilitation.yaml"
RESERVED_DIRS = {"cards", "templates", "sessions", "examples", "out", "kit"}


@dataclass
class Entry:
    """One exercise file as read, before `extends` is resolved."""

    id: str
    doc: Document
    layer: int
    folder: Any  # the library folder it came from (Path, or a Traversable for built-ins)


@dataclass
class Settings:
    """What the working folder and the environment say about libraries."""

    folders: list[Path] = field(default_factory=list)
    lang: str | None = None
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def discover(cls, cli_folders: Iterable[str] = (), cwd: Path | None = None) -> Settings:
        cwd = cwd or Path.cwd()
        folders = [Path(f) for f in cli_folders]
        env = os.environ.get(ENV_VAR, "")
        folders += [Path(p) for p in env.split(os.pathsep) if p.strip()]
        config: dict[str, Any] = {}
        lang = None
        cfg_path = cwd / CONFIG_FILE
        if cfg_path.is_file():
            doc = read_path(cfg_path, display=str(cfg_path))
            config = _check_config(doc)
            for p in config.get("library", []):
                folders.append((cwd / p) if not Path(p).is_absolute() else Path(p))
            lang = config.get("lang")
        for f in folders:
            if not f.is_dir():
                raise UserError(
                    Problem(
                        "library folder not found",
                        file=str(f),
                        hint=f"check --library, {ENV_VAR} or {CONFIG_FILE}",
                    )
                )
        return cls(folders=folders, lang=lang, config=config)


_CONFIG_KEYS = {"library": list, "lang": str, "theme": str, "programme": str, "paper": str}


def _check_config(doc: Document) -> dict[str, Any]:
    if not isinstance(doc.data, dict):
        raise UserError(Problem("expected a mapping", file=doc.file, line=1))
    problems = []
    for key, value in doc.data.items():
        line, col = doc.where((key,), key=True)
        if key not in _CONFIG_KEYS:
            problems.append(
                Problem(
                    f"unknown key '{key}'",
                    file=doc.file,
                    line=line,
                    column=col,
                    hint=did_you_mean(key, _CONFIG_KEYS),
                )
            )
        elif not isinstance(value, _CONFIG_KEYS[key]):
            problems.append(
                Problem(
                    f"expected {_CONFIG_KEYS[key].__name__}",
                    file=doc.file,
                    line=line,
                    column=col,
                    path=key,
                )
            )
    if doc.data.get("lang") not in (None, "fr", "en"):
        problems.append(Problem("expected fr or en", file=doc.file, path="lang"))
    if problems:
        raise UserError(problems)
    return doc.data


def _yaml_files(root: Path) -> list[Path]:
    """Exercise files below a user folder, never following links out of it."""
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
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                continue  # a link out of the pack: never read
            out.append(path)
    return out


class Library:
    """All exercises known in a given setting, validated and resolved."""

    def __init__(
        self, folders: Iterable[Path] = (), builtin: bool = True, files: Iterable[Path] = ()
    ) -> None:
        self.files = list(files)
        self.folders = list(folders)
        self.builtin = builtin
        self.entries: dict[str, list[Entry]] = {}  # id -> entries, top layer first
        self.exercises: dict[str, Exercise] = {}
        self.locators: dict[str, Locator] = {}
        self.problems: list[Problem] = []
        self._read()
        self._resolve_all()

    @classmethod
    def from_settings(cls, settings: Settings) -> Library:
        return cls(settings.folders)

    # -- reading ---------------------------------------------------------------------------------
    def _read(self) -> None:
        layers: list[tuple[Any, list[Any]]] = []
        for f in self.files:
            layers.append((f.parent, [f]))
        for folder in self.folders:
            layers.append((folder, _yaml_files(folder)))
        if self.builtin:
            root = data_dir("exercises")
            files = sorted(
                (f for f in root.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name
            )
            layers.append((root, files))
        for layer, (folder, files) in enumerate(layers):
            seen: dict[str, str] = {}
            for f in files:
                ex_id = f.name.rsplit(".", 1)[0]
                display = _display(f, layer == len(layers) - 1 and self.builtin)
                if ex_id in seen:
                    self.problems.append(
                        Problem(
                            f"the id '{ex_id}' is used twice in one library (also {seen[ex_id]})",
                            file=display,
                            hint="rename one of the files: the file name is the exercise id",
                        )
                    )
                    continue
                seen[ex_id] = display
                try:
                    doc = read_path(f, display=display)
                except UserError as exc:
                    self.problems.extend(exc.problems)
                    continue
                if not isinstance(doc.data, dict):
                    self.problems.append(
                        Problem(
                            "an exercise file must be a mapping of keys",
                            file=display,
                            line=1,
                            hint="start with 'title:'",
                        )
                    )
                    continue
                if "id" in doc.data:
                    line, col = doc.where(("id",), key=True)
                    self.problems.append(
                        Problem(
                            "remove 'id': an exercise's id is its file name",
                            file=display,
                            line=line,
                            column=col,
                            path="id",
                        )
                    )
                    continue
                self.entries.setdefault(ex_id, []).append(Entry(ex_id, doc, layer, folder))

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
                        "expected an exercise id",
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
                hint = (
                    did_you_mean(parent_id, self.entries)
                    or "run 'facilitation list' to see the ids"
                )
                if parent_id == current.id:
                    hint = f"no other library has an exercise '{parent_id}' to extend"
                raise UserError(
                    Problem(
                        f"unknown exercise '{parent_id}' to extend",
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
                        f"'extends' goes round in a circle: {names}",
                        file=current.doc.file,
                        line=line,
                        column=col,
                        path="extends",
                        hint="one of them must not extend the other",
                    )
                )
            seen.add(key)
            chain.append(parent)
            current = parent

    def _resolve_all(self) -> None:
        for ex_id, entries in self.entries.items():
            top = entries[0]
            try:
                ex, loc = self.resolve(top)
            except UserError as exc:
                self.problems.extend(exc.problems)
                continue
            self.exercises[ex_id] = ex
            self.locators[ex_id] = loc
        order = {a: i for i, a in enumerate(ARC_ORDER)}
        self.exercises = dict(
            sorted(self.exercises.items(), key=lambda kv: (order[kv[1].arc], kv[0]))
        )

    def resolve(self, entry: Entry) -> tuple[Exercise, Locator]:
        chain = self._chain(entry)
        data: dict[str, Any] = {}
        for e in reversed(chain):
            data = merge(data, e.doc.data)
        data["extends"] = entry.doc.data.get("extends")
        locator = Locator([e.doc for e in chain])
        try:
            ex = Exercise.model_validate({**data, "id": entry.id})
        except ValidationError as exc:
            raise UserError(problems_from(exc, locator, Exercise)) from None
        problems = []
        for path, msg, hint in ex.cross_problems():
            file, line, col = locator.locate(path)
            problems.append(
                Problem(msg, file=file, line=line, column=col, path=format_path(path), hint=hint)
            )
        from facilitation.materials import catalogue

        known = catalogue()
        for i, m in enumerate(ex.materials):
            if m.label is None and m.item not in known:
                file, line, col = locator.locate(("materials", i, "item"))
                problems.append(
                    Problem(
                        f"unknown material '{m.item}' and no label for it",
                        file=file,
                        line=line,
                        column=col,
                        path=f"materials[{i}].item",
                        hint=did_you_mean(m.item, known) or "add a label: {fr: ..., en: ...}",
                    )
                )
        if problems:
            raise UserError(problems)
        ex.origin = str(entry.doc.file)
        ex.__dict__["folder"] = entry.folder
        return ex, locator

    # -- use -------------------------------------------------------------------------------------
    def check(self) -> None:
        """Raise every problem found while loading."""
        if self.problems:
            raise UserError(self.problems)

    def get(self, ex_id: str) -> Exercise:
        if ex_id in self.exercises:
            return self.exercises[ex_id]
        if ex_id in self.entries:  # known but broken
            self.check()
        hint = did_you_mean(ex_id, self.exercises) or "run 'facilitation list' to see the ids"
        raise UserError(Problem(f"unknown exercise '{ex_id}'", hint=hint))

    def folder_of(self, ex_id: str) -> Any:
        return self.exercises[ex_id].__dict__.get("folder")


def merge(base: Any, over: Any) -> Any:
    """Mappings merge key by key; anything else in `over` replaces `base`."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = copy.deepcopy(base)
        for k, v in over.items():
            out[k] = merge(base.get(k), v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(over)


def _display(f: Any, builtin: bool) -> str:
    if builtin:
        return f"<built-in>/exercises/{f.name}"
    try:
        return os.path.relpath(f)
    except ValueError:
        return str(f)
