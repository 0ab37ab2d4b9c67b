"""`facilitation watch SESSION`: the timeline, the warnings and the agendas, rebuilt each time
the session file (or a file of the user's libraries) is saved.

How it notices a save: it polls. Every quarter of a second it looks at the size, the
modification time and the inode of the few files that matter (the session, the YAML files of
the libraries in use, facilitation.yaml); a change, once the file has stopped changing, starts
a rebuild. Why polling rather than the operating system's notifications (watchfiles and the
like): it needs no compiled dependency, it sees the saves of every editor (those that write a
new file and rename it over the old one, too), and it works the same on network and synced
folders (SMB shares, Nextcloud), where notifications often never come. Looking at a few dozen
files four times a second costs nothing measurable.

Why rebuilding is fast: the library is read once and kept while its files do not change; the
timeline and the warnings show as soon as the session is read and timed (milliseconds); the
agendas are then written by this process, already warm, and a forked one when there is a
second core (the run-sheet, the longest, on one; the rest on the other). A bad save prints its
problems and keeps the last good agendas on disk (they are replaced all at once, or not at
all).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitation.errors import UserError
from facilitation.jobs.agenda import FORMATS, agenda_parts
from facilitation.jobs.output import Outputs
from facilitation.jobs.shared import run_shared
from facilitation.load.library import CONFIG_FILE, Library, Settings, yaml_files
from facilitation.load.printdata import set_user_dirs
from facilitation.load.sessions import load_session
from facilitation.plan.schedule import schedule
from facilitation.text.messages import _, language, ngettext
from facilitation.text.typography import number
from facilitation.view.timeline import timeline_lines

POLL = 0.25  # seconds between two looks at the files
SETTLE = 0.05  # a file still changing after this is looked at again before a rebuild

Stamp = tuple[tuple[str, int, int, int] | None, ...]


@dataclass
class Rebuild:
    """What one rebuild gave: whether the session was good, the text to show (the timeline
    and the warnings, or the problems), the agenda files written, and how long the timeline
    and the whole rebuild took."""

    ok: bool
    text: str
    seconds: float  # the whole rebuild, agendas written
    timeline_seconds: float = 0.0  # the session read and timed, warnings found
    written: list[str] = field(default_factory=list)
    warnings: int = 0
    agendas_done: bool = False


class Watcher:
    """Rebuilds a session's timeline, warnings and agendas when its files change."""

    def __init__(
        self,
        session: Path,
        settings: Settings,
        out_dir: Path,
        lang: str,
        formats: tuple[str, ...] = FORMATS,
        paper: str = "a4",
        template_dirs: list[Path] | None = None,
    ) -> None:
        self.session = Path(session)
        self.settings = settings
        self.out_dir = Path(out_dir)
        self.lang = lang
        self.formats = formats
        self.paper = paper
        self.template_dirs = template_dirs or []
        self._library: Library | None = None
        self._library_stamp: Stamp | None = None

    # -- what to look at -------------------------------------------------------------------------
    def library_files(self) -> list[Path]:
        files = []
        for folder in self.settings.folders:
            files += yaml_files(folder)
            cards = folder / "cards"
            if cards.is_dir():
                files += sorted(cards.rglob("*.yaml"))
        config = Path.cwd() / CONFIG_FILE
        if config.is_file():
            files.append(config)
        return files

    @staticmethod
    def stamp(files: list[Path]) -> Stamp:
        out = []
        for f in files:
            try:
                st = os.stat(f)
            except OSError:
                out.append(None)
                continue
            out.append((str(f), st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(out)

    def stamp_all(self) -> Stamp:
        return self.stamp([self.session]) + self.stamp(self.library_files())

    # -- one rebuild -----------------------------------------------------------------------------
    def library(self) -> Library:
        """The library, read again only when one of its files changed."""
        stamp = self.stamp(self.library_files())
        if self._library is None or stamp != self._library_stamp:
            set_user_dirs(self.settings.folders)  # their cards/ may have changed too
            self._library = Library.from_settings(self.settings)
            self._library_stamp = stamp
        return self._library

    def rebuild(self, early: Callable[[Rebuild], Any] | None = None) -> Rebuild:
        """Read and time the session, then write its agendas. `early` is given the timeline
        and warnings as soon as they are known, before the agendas are written."""
        start = time.perf_counter()
        try:
            library = self.library()
            library.check(everything=False)
            plan = schedule(load_session(self.session, library), self.lang)
            lines = timeline_lines(plan, self.lang) + [w.format() for w in plan.warnings]
            result = Rebuild(
                True,
                "\n".join(lines),
                0.0,
                time.perf_counter() - start,
                warnings=len(plan.warnings),
            )
            if early:
                early(result)
            with Outputs(self.out_dir) as out:
                parts = agenda_parts(
                    plan,
                    self.lang,
                    self.paper,
                    formats=self.formats,
                    template_dirs=self.template_dirs,
                )
                order = sorted(range(len(parts)), key=lambda i: (parts[i][0] != "runsheet", i))
                done = run_shared(parts, order, out, lambda label: None)  # type: ignore[arg-type]
        except UserError as exc:
            self._library = None  # read everything again next time: the mistake may be there
            ordered = sorted(exc.problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0))
            text = "\n".join(p.format() for p in ordered)
            return Rebuild(False, text, time.perf_counter() - start)
        result.written = [str(self.out_dir / w.name) for ws in done for w in ws]
        result.seconds = time.perf_counter() - start
        result.agendas_done = True
        return result

    # -- the loop --------------------------------------------------------------------------------
    def run(
        self,
        on_rebuild: Callable[[Rebuild], Any],
        stop: threading.Event | None = None,
        poll: float = POLL,
        early: Callable[[Rebuild], Any] | None = None,
    ) -> None:
        """Rebuild now, then after each save, until `stop` is set (or Ctrl-C); `early` sees
        each timeline before its agendas are written, `on_rebuild` each whole rebuild."""
        stop = stop or threading.Event()
        seen = self.stamp_all()
        on_rebuild(self.rebuild(early))
        while not stop.wait(poll):
            now = self.stamp_all()
            if now == seen:
                continue
            while not stop.wait(SETTLE):  # let the editor finish writing
                again = self.stamp_all()
                if again == now:
                    break
                now = again
            seen = now
            on_rebuild(self.rebuild(early))


def report_timeline(result: Rebuild, session: Path, clock: str) -> str:
    """What the terminal shows as soon as the session is read: its timeline and warnings,
    or its problems."""
    if not result.ok:
        return "\n".join(
            [
                _("{clock} {file}: not rebuilt, the file has problems:").format(
                    clock=clock, file=session
                ),
                result.text,
                _("(the agendas on disk are those of the last good save)"),
            ]
        )
    head = _("{clock} {file}: timed in {ms} ms").format(
        clock=clock, file=session, ms=round(result.timeline_seconds * 1000)
    )
    n = result.warnings
    return "\n".join([head, result.text, ngettext("{n} warning", "{n} warnings", n).format(n=n)])


def report_agendas(result: Rebuild) -> str:
    """What the terminal adds once the agendas are written."""
    folder = os.path.dirname(result.written[0]) if result.written else ""
    return ngettext(
        "{n} agenda file rebuilt in {seconds} s: {folder}",
        "{n} agenda files rebuilt in {seconds} s: {folder}",
        len(result.written),
    ).format(n=len(result.written), seconds=number(result.seconds, language(), 2), folder=folder)
