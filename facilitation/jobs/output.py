"""Writing output files all at once, or not at all.

Why: a bad input found half-way must leave nothing half-written on disk. Files are written
into a temporary folder beside the target and moved into place only when everything worked.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from facilitation.errors import Problem, UserError
from facilitation.text.messages import _


class Outputs:
    """with Outputs(dir) as out: out.path('x.pdf') ... -> files appear only on success."""

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.written: list[str] = []
        self.created: list[Path] = []  # folders made for the target, removed if it fails

    def __enter__(self) -> Outputs:
        parent = self.target.resolve().parent
        if self.target.exists() and not self.target.is_dir():
            raise UserError(Problem(_("exists and is not a folder"), file=str(self.target)))
        missing = [p for p in [parent, *parent.parents] if not p.exists()]
        for p in reversed(missing):
            try:
                p.mkdir()
            except OSError as exc:
                self._remove_created()
                raise UserError(
                    Problem(
                        _("cannot create the folder: {reason}").format(reason=exc.strerror),
                        file=str(p),
                    )
                ) from None
            self.created.append(p)
        if not parent.is_dir():
            self._remove_created()
            raise UserError(Problem(_("not a folder"), file=str(parent)))
        self.tmp = Path(tempfile.mkdtemp(prefix=".facilitation-", dir=parent))
        return self

    def _remove_created(self) -> None:
        for p in reversed(self.created):
            try:
                p.rmdir()
            except OSError:
                break

    def path(self, name: str) -> Path:
        p = self.tmp / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if name not in self.written:  # asked twice (e.g. by the kit after another process)
            self.written.append(name)
        return p

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.target.mkdir(parents=True, exist_ok=True)
                for name in self.written:
                    dest = self.target / name
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(self.tmp / name, dest)
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
            if exc_type is not None:
                self._remove_created()
