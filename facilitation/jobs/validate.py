"""`facilitation validate`: check files and folders, report every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.load.library import Library
from facilitation.load.printdata import set_user_dirs
from facilitation.load.yamlio import read_path
from facilitation.text.messages import _, ngettext


def _is_session(path: Path) -> bool:
    try:
        doc = read_path(path)
    except UserError:
        return False
    return isinstance(doc.data, dict) and "days" in doc.data


def validate_paths(paths: list[Path], settings: Any) -> str:
    """Validate; return a one-line report, or raise UserError with every problem."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    n_ex = n_sessions = 0
    if not paths:
        lib = Library(settings.folders)
        problems.extend(lib.problems)
        warnings.extend(lib.warnings)
        n_ex = len(lib.exercises)
    exercise_files: list[Path] = []
    session_files: list[Path] = []
    retour_files: list[Path] = []
    for p in paths:
        if p.is_dir():
            set_user_dirs([p, *settings.folders])  # its own cards/ (canvases...) too
            lib = Library([p, *settings.folders])
            problems.extend(_within(lib.problems, p))
            warnings.extend(_within(lib.warnings, p))
            n_ex += sum(len(e) and 1 for e in lib.entries.values() if e[0].layer == 0)
            continue
        if not p.exists():
            problems.append(Problem(_("no such file or folder"), file=str(p)))
            continue
        if p.name.endswith((".retour.yaml", ".retour.yml")):  # checked against its session
            retour_files.append(p)
            continue
        (session_files if _is_session(p) else exercise_files).append(p)
    if exercise_files:
        lib = Library(settings.folders, files=exercise_files)
        for f in exercise_files:
            problems.extend(_within(lib.problems, f))
            warnings.extend(_within(lib.warnings, f))
        n_ex += len(exercise_files)
    if session_files:
        from facilitation.load.sessions import load_session

        lib = Library(settings.folders)
        for f in session_files:
            try:
                load_session(f, lib)
                n_sessions += 1
            except UserError as exc:
                problems.extend(exc.problems)
    n_retours = _validate_retours(retour_files, settings, problems)
    if problems:
        raise UserError(sorted(problems + warnings, key=_place))
    parts = [ngettext("{n} exercise", "{n} exercises", n_ex).format(n=n_ex)]
    if n_sessions:
        parts.append(ngettext("{n} session", "{n} sessions", n_sessions).format(n=n_sessions))
    if n_retours:
        parts.append(ngettext("{n} retour", "{n} retours", n_retours).format(n=n_retours))
    items = ", ".join(parts)
    if not warnings:
        return _("ok: {items}, no problem found").format(items=items)
    # worth reading, but the files are valid
    lines = [w.format() for w in sorted(warnings, key=_place)]
    n = len(warnings)
    report = ngettext(
        "ok: {items} valid, {n} warning", "ok: {items} valid, {n} warnings", n
    ).format(items=items, n=n)
    return "\n".join([*lines, report])


def _place(q: Problem) -> tuple[str, int, int]:
    return (q.file or "", q.line or 0, q.column or 0)


def _validate_retours(files: list[Path], settings: Any, problems: list[Problem]) -> int:
    """Each retour checked against the session beside it (metz-1.retour.yaml: metz-1.yaml)."""
    if not files:
        return 0
    from facilitation.load.retour import load_retour
    from facilitation.load.sessions import load_session

    lib = Library(settings.folders)
    n = 0
    for f in files:
        stem = f.name.rsplit(".retour.", 1)[0]
        session = next(
            (f.with_name(stem + s) for s in (".yaml", ".yml") if f.with_name(stem + s).is_file()),
            None,
        )
        if session is None:
            problems.append(
                Problem(
                    _("no session beside this retour (looked for {name})").format(
                        name=stem + ".yaml"
                    ),
                    file=str(f),
                    hint=_("a retour sits beside its session, named after it"),
                )
            )
            continue
        try:
            load_retour(f, load_session(session, lib))
            n += 1
        except UserError as exc:
            problems.extend(exc.problems)
    return n


def _within(problems: list[Problem], path: Path) -> list[Problem]:
    """The problems found in a file, or in the files below a folder."""
    root = path.resolve()
    out = []
    for q in problems:
        if q.file is None:
            continue
        f = Path(q.file).resolve()
        if f == root or f.is_relative_to(root):
            out.append(q)
    return out
