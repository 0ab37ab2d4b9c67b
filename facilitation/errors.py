"""Errors a person can act on.

Why: two families. A `UserError` is bad input: it carries one or more `Problem`s, each with
file, line, column, field path, what was expected and what was found, and the CLI prints them
without a traceback. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from facilitation.text.i18n import fold
from facilitation.text.messages import _, language
from facilitation.text.visible import visible


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one file."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""  # field path such as steps[2].minutes
    hint: str | None = None
    severity: str = "error"  # error | warning

    def format(self) -> str:
        """'file:line:column: error: path: message', then the hint, in the run's language
        (the place stays as editors read it). Characters that are not text (an escape, a
        right-to-left override, from a key or a value of a hostile file) are shown as
        escapes, never sent to the terminal as they are."""
        where = visible(self.file or "", newlines=False)
        if self.line is not None and where:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        severity = _("warning") if self.severity == "warning" else _("error")
        message = visible(self.message)
        if self.path:
            message = _("{path}: {message}").format(
                path=visible(self.path, newlines=False), message=message
            )
        text = _("{severity}: {message}").format(severity=severity, message=message)
        if where:
            text = f"{where}: {text}"
        if self.hint:
            text += "\n    " + _("hint: {hint}").format(hint=visible(self.hint))
        return text


@dataclass
class UserError(Exception):
    """Bad input: print the problems, exit non-zero, no traceback."""

    problems: list[Problem] = field(default_factory=list)

    def __init__(self, problems: Problem | Iterable[Problem] | str, **where: object) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, **where)]  # type: ignore[arg-type]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(p.format() for p in self.problems)


def suggest(
    word: str,
    choices: Iterable[str],
    other_names: Mapping[str, Iterable[str]] | None = None,
    accepted: bool = False,
) -> list[str]:
    """Known names close to a near-miss, best first. `other_names` gives, for a name, the
    other words it goes by (a French key name, a label in either language): the word typed
    may be close to one of those, or to one word of a label ('paperboard' in 'Grandes
    feuilles (paperboard)'); the name is then suggested, or with `accepted` (the other words
    are accepted as they are, like 'ouvrir' for an arc) the word itself in a French run.
    Accents and case do not count."""
    names = sorted(set(choices))
    typed = fold(word).strip()
    accepted = accepted and language() == "fr"  # in English, the English value
    pool: dict[str, tuple[str, str]] = {}  # folded candidate -> (name, word to suggest)
    for name in names:
        pool.setdefault(fold(name), (name, name))
    for name in names:
        for other in (other_names or {}).get(name, ()):
            f = fold(other).strip()
            pool.setdefault(f, (name, other if accepted else name))
            for part in f.replace("(", " ").replace(")", " ").replace(",", " ").split():
                if len(part) >= 4:
                    pool.setdefault(part, (name, name))
    if typed in pool:
        return [pool[typed][1]]
    out: list[str] = []
    for cand in difflib.get_close_matches(typed, list(pool), n=6, cutoff=0.6):
        if pool[cand][1] not in out:
            out.append(pool[cand][1])
    return out


def did_you_mean(
    word: str,
    choices: Iterable[str],
    n: int = 1,
    other_names: Mapping[str, Iterable[str]] | None = None,
    accepted: bool = False,
) -> str | None:
    """A close known name for a near-miss, as a hint, or None (see `suggest`)."""
    close = suggest(word, choices, other_names, accepted)[:n]
    if not close:
        return None
    return mean(close)


def mean(names: list[str]) -> str:
    """'did you mean 'x'?' (or 'x' or 'y'), in the run's language."""
    quoted = [_("'{name}'").format(name=c) for c in names]
    return _("did you mean {names}?").format(names=_(" or ").join(quoted))


def placed(exc: UserError, where: tuple[str | None, int | None, int | None] | None) -> UserError:
    """`exc` with `where` (file, line, column) given to its problems that do not say where
    they are (or name that file without a line): a problem found while drawing knows a card,
    its caller knows the file."""
    if not where or not where[0]:
        return exc
    file, line, column = where
    return UserError(
        [
            p
            if p.file and (p.file != file or p.line is not None)
            else Problem(
                p.message,
                file=file,
                line=line,
                column=column,
                path=p.path,
                hint=p.hint,
                severity=p.severity,
            )
            for p in exc.problems
        ]
    )
