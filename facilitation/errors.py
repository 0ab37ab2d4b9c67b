"""Errors a person can act on.

Why: two families. A `UserError` is bad input: it carries one or more `Problem`s, each with
file, line, column, field path, what was expected and what was found, and the CLI prints them
without a traceback. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field


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
        where = self.file or ""
        if self.line is not None and where:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        head = f"{where}: {self.severity}: " if where else f"{self.severity}: "
        if self.path:
            head += f"{self.path}: "
        text = head + self.message
        if self.hint:
            text += f"\n    hint: {self.hint}"
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


def did_you_mean(word: str, choices: Iterable[str], n: int = 1) -> str | None:
    """A close known name for a near-miss, as a hint, or None."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=n, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
