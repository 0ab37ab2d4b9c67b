"""Print data from cards/: paper sheets, card formats, card layouts, themes, the materials
catalogue and canvas layouts, read into validated models.

Built-in files first; a library folder's cards/ may add entries or replace them by id
(cards/sheets.yaml, formats.yaml, layouts.yaml, themes.yaml, materials.yaml, and one file per
canvas in cards/canvases/). Every problem is reported with its file and line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from facilitation.errors import Problem, UserError, did_you_mean, placed
from facilitation.load.files import is_inside, link_out_problem
from facilitation.load.validation import Locator, problems_from
from facilitation.load.yamlio import Document, format_path, read_path
from facilitation.model.printdata import (
    CanvasLayout,
    CardFormat,
    CardLayout,
    CatalogueItem,
    PaperUse,
    Sheet,
    Theme,
    ThemePatch,
)
from facilitation.model.types import ID_RE
from facilitation.resources import data_dir
from facilitation.text.messages import _

M = TypeVar("M", bound=BaseModel)

_USER_DIRS: list[Path] = []


def set_user_dirs(dirs: list[Any]) -> None:
    """Library folders whose cards/ subfolder adds to or replaces the built-in print data."""
    _USER_DIRS[:] = [Path(d) for d in dirs]
    for f in (_table, _validated, _canvas_files, canvas_layout, theme):
        f.cache_clear()


def user_dirs() -> list[Path]:
    return list(_USER_DIRS)


def _sources(name: str) -> list[tuple[Any, str, Path | None]]:
    """(file, display name, library folder) of a table, built-in first, then each library
    folder's (the first folder given wins, so it comes last)."""
    out: list[tuple[Any, str, Path | None]] = [
        (data_dir("cards").joinpath(f"{name}.yaml"), f"<built-in>/cards/{name}.yaml", None)
    ]
    for d in reversed(_USER_DIRS):
        f = d / "cards" / f"{name}.yaml"
        if f.exists() or f.is_symlink():  # a pipe or a dangling link is said, not skipped
            _inside(f, d)
            out.append((f, _display(f), d))
    return out


def _inside(f: Path, folder: Path) -> None:
    """A library's print data file must lie inside the library, links followed."""
    if not is_inside(f, folder):
        raise UserError(link_out_problem(_display(f)))


def _display(f: Path) -> str:
    try:
        return os.path.relpath(f)
    except ValueError:
        return str(f)


def _id_problem(doc: Document, key: Any) -> Problem | None:
    if isinstance(key, str) and ID_RE.fullmatch(key):
        return None
    line, col = doc.where((key,), key=True)
    return Problem(
        _("'{id}' is not a valid id").format(id=key),
        file=doc.file,
        line=line,
        column=col,
        hint=_("use lowercase letters, digits and dashes, like 'grand-format'"),
    )


def validate_entry(doc: Document, path: tuple[Any, ...], raw: Any, model: type[M]) -> M:
    """One entry of a data file as a model, or UserError at its lines."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise UserError(problems_from(exc, Locator([doc]), model, data=raw, prefix=path)) from None


def _read_mapping(file: Any, display: str) -> Document:
    doc = read_path(file, display=display)
    if not isinstance(doc.data, dict):
        raise UserError(Problem(_("expected a mapping of ids"), file=display, line=1))
    return doc


@cache
def _table(name: str) -> dict[str, tuple[dict[str, Any], Document, Path | None]]:
    """The raw entries of a table by id, with the document and library folder each comes
    from, after overrides (ids checked, entries validated by the callers)."""
    out: dict[str, tuple[dict[str, Any], Document, Path | None]] = {}
    problems: list[Problem] = []
    for file, display, folder in _sources(name):
        doc = _read_mapping(file, display)
        for key, raw in doc.data.items():
            bad = _id_problem(doc, key)
            if bad:
                problems.append(bad)
                continue
            out[key] = (raw, doc, folder)
    if problems:
        raise UserError(problems)
    return out


def _models(
    name: str, model: type[M], prepare: Callable[[str, M], M] | None = None
) -> dict[str, M]:
    """The entries of a table as models, validated once a run (until the library folders
    change): a copy of the mapping, the same models. Why: the materials catalogue was asked for
    hundreds of times by a kit, and validated again each time (0.18 s of a small kit)."""
    return dict(_validated(name, model, prepare))


@cache
def _validated(
    name: str, model: type[M], prepare: Callable[[str, M], M] | None = None
) -> dict[str, M]:
    out: dict[str, M] = {}
    problems: list[Problem] = []
    for key, (raw, doc, _folder) in _table(name).items():
        try:
            item = validate_entry(doc, (key,), raw, model)
        except UserError as exc:
            problems.extend(exc.problems)
            continue
        out[key] = prepare(key, item) if prepare else item
    if problems:
        raise UserError(problems)
    return out


def _unknown(message: str, name: str, known: Any) -> UserError:
    return UserError(
        Problem(
            message.format(name=name),
            hint=did_you_mean(name, known)
            or _("known: {names}").format(names=", ".join(sorted(known))),
        )
    )


# -- paper ------------------------------------------------------------------------------------
def sheets() -> dict[str, Sheet]:
    return _models("sheets", Sheet)


def sheet(name: str) -> Sheet:
    table = sheets()
    key = name.lower()
    if key not in table:
        raise _unknown(_("unknown paper '{name}'"), name, table)
    return table[key]


def sheet_mm(name: str) -> tuple[float, float]:
    """Width and height of a paper in millimetres, portrait."""
    s = sheet(name)
    return s.width, s.height


def paper_uses() -> dict[str, PaperUse]:
    """How small each use of a canvas may print (cards/paper.yaml): wall, group, form."""
    from facilitation.text.messages import _

    table = _models("paper", PaperUse)
    missing = [u for u in ("wall", "group", "form") if u not in table]
    if missing:
        raise UserError(
            Problem(
                _("cards/paper.yaml gives no rule for: {uses}").format(uses=", ".join(missing)),
                hint=_("give each of wall, group and form a min_scale"),
            )
        )
    return table


# -- cards ------------------------------------------------------------------------------------
def card_formats() -> dict[str, CardFormat]:
    return _models("formats", CardFormat, _with_id)


def _with_id(key: str, f: CardFormat) -> CardFormat:
    return f.model_copy(update={"id": key})


def card_format(name: str) -> CardFormat:
    """A card format by id, or a size written 60x90 (millimetres)."""
    import re

    table = card_formats()
    key = name.lower()
    if key in table:
        return table[key]
    m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$", key)
    if m:
        try:
            return CardFormat(
                id=key.replace(" ", ""),
                width=float(m.group(1)),
                height=float(m.group(2)),
                label=f"{key} mm",
                safe=4,
            )
        except ValidationError as exc:
            from facilitation.load.validation import message_for

            err = exc.errors()[0]
            why = (
                err["msg"].removeprefix("Value error, ")
                if err["type"] == "value_error"
                else message_for(err)
            )
            raise UserError(
                Problem(
                    _("card size '{name}': {problem}").format(name=name, problem=why),
                    hint=_("cards from 20 to 600 mm a side"),
                )
            ) from None
    raise UserError(
        Problem(
            _("unknown card format '{name}'").format(name=name),
            hint=did_you_mean(key, table)
            or _("known: {names}, or a size such as 60x90").format(names=", ".join(table)),
        )
    )


def card_layouts() -> dict[str, CardLayout]:
    return _models("layouts", CardLayout)


# -- themes -----------------------------------------------------------------------------------
@cache
def theme(name: str = "default") -> Theme:
    """A theme by id, `extends` resolved (mappings merge key by key)."""
    table = _table("themes")
    patches = _models("themes", ThemePatch)
    seen: list[str] = []

    def where(n: str, key: str) -> tuple[str | None, int | None, int | None]:
        """Where theme `n` writes `key` (its `extends`, its `logo`)."""
        doc = table[n][1]
        line, col = doc.where((n, key))
        return doc.file, line, col

    def resolve(n: str, child: str | None = None) -> dict[str, Any]:
        if n not in patches:
            exc = _unknown(_("unknown theme '{name}'"), n, patches)
            raise placed(exc, where(child, "extends")) if child else exc
        if n in seen:
            raise UserError(
                Problem(
                    _("themes extend each other in a circle: {names}").format(
                        names=" -> ".join(seen + [n])
                    ),
                    *where(seen[-1], "extends"),
                )
            )
        seen.append(n)
        data = patches[n].model_dump(exclude_none=True, exclude_unset=True)
        parent = data.pop("extends", None)
        return _merge(resolve(parent, n), data) if parent else data

    data = resolve(name)
    raw, doc, folder = table[name]
    resolved = validate_entry(doc, (name,), data, Theme)
    _check_icons(resolved, name, doc)
    logo_by = next((n for n in seen if patches[n].logo), None)  # the theme that names it
    return resolved.model_copy(
        update={
            "id": name,
            "folder": folder,
            "logo_where": where(logo_by, "logo") if logo_by else None,
        }
    )


def _check_icons(th: Theme, name: str, doc: Document) -> None:
    """Every pictogram a theme names is one the package ships: said with its line."""
    from facilitation.load.icons import icon_names

    known = icon_names()
    named: list[tuple[tuple[Any, ...], str]] = [
        ((name, "arcs", k, "icon"), a.icon) for k, a in th.arcs.items() if a.icon
    ]
    named += [((name, "kinds", k, "icon"), v.icon) for k, v in th.kinds.items()]
    named += [((name, "families", k), v) for k, v in th.families.items()]
    problems = []
    for path, icon in named:
        if icon not in known:
            line, col = doc.where(path)
            problems.append(
                Problem(
                    _("unknown pictogram '{icon}'").format(icon=icon),
                    doc.file,
                    line,
                    col,
                    path=format_path(path),
                    hint=did_you_mean(icon, known)
                    or _("known: {names}").format(names=", ".join(sorted(known))),
                )
            )
    if problems:
        raise UserError(problems)


def theme_ids() -> list[str]:
    return sorted(_table("themes"))


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    return over


# -- materials --------------------------------------------------------------------------------
def catalogue() -> dict[str, CatalogueItem]:
    return _models("materials", CatalogueItem)


# -- canvas layouts ---------------------------------------------------------------------------
@cache
def _canvas_files() -> dict[str, tuple[Any, str]]:
    found: dict[str, tuple[Any, str]] = {}
    builtin = data_dir("cards").joinpath("canvases")
    for f in sorted(builtin.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".yaml"):
            found[f.name[:-5]] = (f, f"<built-in>/cards/canvases/{f.name}")
    for d in reversed(_USER_DIRS):
        folder = d / "cards" / "canvases"
        if folder.is_dir():
            for f in sorted(folder.glob("*.yaml")):
                _inside(f, d)
                found[f.stem] = (f, _display(f))
    return found


def canvas_layout_ids() -> list[str]:
    return sorted(_canvas_files())


@cache
def canvas_layout(layout_id: str) -> CanvasLayout:
    files = _canvas_files()
    if layout_id not in files:
        raise UserError(
            Problem(
                _("unknown canvas layout '{layout}'").format(layout=layout_id),
                hint=did_you_mean(layout_id, files)
                or _("known: {names}").format(names=", ".join(sorted(files))),
            )
        )
    f, display = files[layout_id]
    if not ID_RE.fullmatch(layout_id):
        raise UserError(
            Problem(
                _("'{id}' is not a valid canvas id (the file's name)").format(id=layout_id),
                file=display,
                hint=_("use lowercase letters, digits and dashes"),
            )
        )
    doc = read_path(f, display=display)
    if not isinstance(doc.data, dict):
        raise UserError(Problem(_("a canvas layout is a mapping of keys"), file=display, line=1))
    layout = validate_entry(doc, (), doc.data, CanvasLayout)
    return layout.model_copy(update={"id": layout_id})
