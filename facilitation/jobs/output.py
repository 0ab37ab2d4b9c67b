"""Writing output files all at once, or not at all.

Why: a bad input found half-way, a full disk, Ctrl-C or SIGTERM must leave nothing
half-written on disk, and two runs into one folder must not mix their files.

How:
- A folder that does not exist yet is built as a hidden temporary folder beside it, then
  renamed into place in one step: it appears whole or not at all.
- Into a folder that exists, files are written in a hidden temporary folder inside it, then
  moved into place one by one (the files they replace kept aside until the end), the last one
  last (the kit's manifest); if a move fails, everything moved is put back as it was.
- A lock file (LOCK_NAME, created with O_EXCL, holding the process id and the machine's name)
  in the folder (beside it while it does not exist) refuses a second run into the same folder
  while the first one works; the lock of a process that has died is taken over.
- SIGINT and SIGTERM (facilitation.processes) raise where the program stands; the temporary
  folder, the lock and the parent folders made for the output are removed on the way out.
  Moving into place and removing are never cut by a signal.
- Every file is proven to lie inside the output folder, links followed.
- A folder that cannot be written (permissions, read-only or full disk) gives one message.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from types import TracebackType

from facilitation import processes
from facilitation.errors import Problem, UserError
from facilitation.text.messages import _

LOCK_NAME = ".facilitation.lock"
TMP_PREFIX = ".facilitation-"
_FAULTS = {
    errno.ENOSPC,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.EFBIG,
    errno.EDQUOT,
    errno.EIO,
}


def fault_reason(exc: OSError) -> str:
    """Why a folder cannot be written, in words."""
    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EROFS: _("the disk is read-only"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EFBIG: _("a file is too large for the disk"),
        errno.EIO: _("the disk failed (input/output error)"),
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc)


def output_fault(exc: BaseException, folder: Path) -> UserError | None:
    """The one clear message for an error of writing into the output folder, or None when
    the error is something else (a bug keeps its traceback)."""
    if not isinstance(exc, OSError) or exc.errno not in _FAULTS:
        return None
    return UserError(
        Problem(
            _("cannot write into the output folder: {reason}; nothing was written").format(
                reason=fault_reason(exc)
            ),
            file=str(folder),
            hint=_("choose another folder with -o, or make room on the disk"),
        )
    )


def safe_name(name: str) -> PurePosixPath:
    """A file name relative to the output folder, or ValueError: no absolute path, no '..',
    no empty part, no control character."""
    p = PurePosixPath(name)
    if (
        not name
        or p.is_absolute()
        or any(part in ("..", ".", "") for part in name.split("/"))
        or any(ord(c) < 32 for c in name)
        or "\\" in name
    ):
        raise ValueError(f"not a file name inside the output folder: {name!r}")
    return p


class Outputs:
    """with Outputs(dir) as out: out.path('x.pdf') ... -> files appear only on success."""

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.written: list[str] = []
        self.created: list[Path] = []  # folders made for the target, removed if it fails
        self.previous: list[str] = []  # files of the previous output to remove (see replaces)
        self.last: list[str] = []  # names moved into place after all the others
        self.lock: Path | None = None
        self.tmp = Path()
        self.tmp_live = False  # a temporary folder of ours exists
        self.exists = False  # whether the target existed (files are moved one by one)
        self.committed = False

    # -- opening --------------------------------------------------------------------------------
    def __enter__(self) -> Outputs:
        processes.on_signal(self._abort)
        try:
            with processes.held():
                self._open()
        except BaseException as exc:
            with processes.held():
                self._close(failed=True)
            processes.forget(self._abort)
            fault = output_fault(exc, self.target)
            if fault is not None:
                raise fault from None
            raise
        return self

    def _open(self) -> None:
        target = self.target
        if target.exists() and not target.is_dir():
            raise UserError(Problem(_("exists and is not a folder"), file=str(target)))
        if target.is_dir():
            self.exists = True
            self.root = target.resolve()
            self._take_lock(self.root / LOCK_NAME)
            self._make_tmp(self.root, TMP_PREFIX)
            return
        if target.is_symlink():  # a link to nothing
            raise UserError(Problem(_("a link to a folder that does not exist"), file=str(target)))
        parent = target.absolute().parent
        missing = [p for p in [parent, *parent.parents] if not p.exists()]
        for p in reversed(missing):
            try:
                p.mkdir()
            except OSError as exc:
                if output_fault(exc, p) is not None:
                    raise
                raise UserError(
                    Problem(
                        _("cannot create the folder: {reason}").format(
                            reason=exc.strerror or str(exc)
                        ),
                        file=str(p),
                    )
                ) from None
            self.created.append(p)
        if not parent.is_dir():
            raise UserError(Problem(_("not a folder"), file=str(parent)))
        self.root = parent.resolve() / target.name
        self._take_lock(parent / f".{target.name}{LOCK_NAME}")
        self._make_tmp(parent, f".{target.name}{TMP_PREFIX}")

    def _make_tmp(self, folder: Path, prefix: str) -> None:
        """The temporary folder, named after this process; those of runs that were killed
        (SIGKILL, a power cut) are removed first: the lock says no run is using them."""
        for entry in os.listdir(folder):
            if not entry.startswith(prefix):
                continue
            old = folder / entry
            pid = entry[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and old.is_dir() and not old.is_symlink() and not _alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=folder))
        self.tmp_live = True

    def _take_lock(self, path: Path) -> None:
        """Put the lock in place whole (written beside it, then linked to its name, which
        fails if it exists: another run never sees it empty); take over the lock of a dead
        process."""
        me = f"{os.getpid()}\n{socket.gethostname()}\n".encode()
        for _attempt in range(5):
            try:
                _create_whole(path, me)
            except FileExistsError:
                owner = _lock_owner(path)
                if owner is not None:
                    raise _busy(self.target, path, owner) from None
                _remove_stale(path)
                continue
            self.lock = path
            return
        raise _busy(self.target, path, None)

    # -- writing --------------------------------------------------------------------------------
    def path(self, name: str, last: bool = False) -> Path:
        """Where to write the file `name` (relative, with '/'); `last`: moved into place after
        every other file (a manifest, so that a kit is never without it)."""
        rel = safe_name(name)
        p = self.tmp.joinpath(*rel.parts)
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.parent.resolve().is_relative_to(self.tmp.resolve()):
            raise ValueError(f"{name!r} leads outside the output folder")
        if name not in self.written:  # asked twice (e.g. by the kit after another process)
            self.written.append(name)
        if last and name not in self.last:
            self.last.append(name)
        return p

    def replaces(self, names: Iterable[str]) -> None:
        """Files of the previous output (read from its manifest and checked by the caller) to
        remove when this one is in place, unless it writes them again."""
        self.previous = list(dict.fromkeys(names))

    # -- closing --------------------------------------------------------------------------------
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        error: BaseException | None = None
        try:
            with processes.held():
                if exc is None and processes.pending_signal() is None:
                    try:
                        self._commit()
                    except BaseException as failure:  # put back as it was: see _commit_into
                        error = failure
        finally:
            with processes.held():
                self._close(failed=not self.committed)
                processes.forget(self._abort)
        fault = output_fault(exc or error, self.target) if (exc or error) else None
        if fault is not None:
            raise fault from None
        if error is not None:
            raise error

    def _commit(self) -> None:
        order = [n for n in self.written if n not in self.last] + self.last
        if not self.exists:
            self._commit_new(order)
        else:
            self._commit_into(order)
        self.committed = True
        processes.mark_written()

    def _abort(self) -> None:
        """What a signal leaves: nothing of this output (it is called outside `held()`, so
        never in the middle of moving files into place)."""
        self._close(failed=not self.committed)

    def _commit_new(self, order: list[str]) -> None:
        """Rename the temporary folder into place, in one step."""
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.tmp, 0o777 & ~mask)  # mkdtemp made it private
        try:
            os.rename(self.tmp, self.target)
        except OSError as exc:
            if exc.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.EISDIR, errno.ENOTDIR):
                raise UserError(
                    Problem(
                        _("another program wrote into this folder meanwhile: nothing was written"),
                        file=str(self.target),
                        hint=_("run the command again"),
                    )
                ) from None
            raise
        self.tmp_live = False  # moved: nothing left to remove

    def _commit_into(self, order: list[str]) -> None:
        """Move each file into place; on any failure put back everything as it was."""
        aside = Path(tempfile.mkdtemp(prefix="previous-", dir=self.tmp))
        undo: list[tuple[Path, Path | None, Path | None]] = []  # (dest, new's source, old)
        made: list[Path] = []
        try:
            for n, name in enumerate(order):
                dest = self._dest(name, made)
                old = None
                if os.path.lexists(dest):
                    if dest.is_dir() and not dest.is_symlink():
                        raise UserError(
                            Problem(
                                _("a folder stands where the file {name} goes").format(name=name),
                                file=str(dest),
                                hint=_("move that folder away, or choose another folder"),
                            )
                        )
                    old = aside / f"{n}"
                    os.replace(dest, old)
                undo.append((dest, None, old))
                src = self.tmp.joinpath(*safe_name(name).parts)
                os.replace(src, dest)
                undo[-1] = (dest, src, old)
            keep = set(order)
            for m, name in enumerate(self.previous):
                if name in keep:
                    continue
                dest = self.root.joinpath(*safe_name(name).parts)
                if dest.parent.resolve().is_relative_to(self.root) and _is_file(dest):
                    old = aside / f"gone-{m}"
                    os.replace(dest, old)
                    undo.append((dest, None, old))
        except BaseException:
            for dest, src, old in reversed(undo):
                if src is not None:
                    os.replace(dest, src)
                if old is not None:
                    os.replace(old, dest)
            for d in reversed(made):
                _rmdir(d)
            raise
        for dest, src, old in undo:  # folders left empty by removed files go too
            if src is None and old is not None:
                parent = dest.parent
                while parent != self.root and parent.is_relative_to(self.root):
                    if not _rmdir(parent):
                        break
                    parent = parent.parent

    def _dest(self, name: str, made: list[Path]) -> Path:
        """The place of a file in the output folder, its folders made, proven inside."""
        dest = self.root.joinpath(*safe_name(name).parts)
        folder = self.root
        for part in safe_name(name).parts[:-1]:
            folder = folder / part
            if not os.path.lexists(folder):
                folder.mkdir()
                made.append(folder)
            elif not folder.is_dir():
                raise UserError(
                    Problem(
                        _("a file stands where the folder of {name} goes").format(name=name),
                        file=str(folder),
                        hint=_("move that file away, or choose another folder"),
                    )
                )
        if not dest.parent.resolve().is_relative_to(self.root):
            raise UserError(
                Problem(
                    _("{name} would be written outside the output folder (a link)").format(
                        name=name
                    ),
                    file=str(dest.parent),
                    hint=_("remove the link, or choose another folder"),
                )
            )
        return dest

    def _close(self, failed: bool) -> None:
        """Remove the temporary folder and the lock; after a failure, the folders made."""
        if self.tmp_live:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp_live = False
        if self.lock is not None:
            try:
                os.unlink(self.lock)
            except OSError:
                pass
            self.lock = None
        if failed:
            for p in reversed(self.created):
                if not _rmdir(p):
                    break
            self.created = []


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
STALE_EMPTY_SECONDS = 10  # a lock still empty after this long belongs to a run that died


def _create_whole(path: Path, content: bytes) -> None:
    """Create `path` holding `content`, or FileExistsError; it never exists empty or half
    written. Why: a second run that found the lock between its creation and its writing
    took it for the stale lock of a dead run, and both wrote into the folder. Where hard links
    are not supported, the file is created with O_EXCL and written at once (an empty lock is
    then taken as live for a few seconds: see _lock_owner)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.new")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o644)
    except OSError:
        fd = None
    if fd is not None:
        try:
            os.write(fd, content)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
            return
        except FileExistsError:
            raise
        except OSError:  # no hard links on this disk: O_EXCL below
            pass
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
    try:
        os.write(fd, content)
    finally:
        os.close(fd)


def _lock_owner(path: Path) -> int | None:
    """The live process holding a lock, or None when the lock is stale (its process died,
    or the file has been empty or unreadable as a lock for some seconds). A lock from another
    machine, or one that is not a regular file, is taken as live (-1 when there is no process
    id to say)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError:
        return -1
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return -1
        lines = os.read(fd, 200).decode("utf-8", "replace").split("\n")
    finally:
        os.close(fd)
    try:
        pid = int(lines[0])
    except ValueError:  # being written (see _create_whole), else left by a run that died
        import time

        return -1 if time.time() - st.st_mtime < STALE_EMPTY_SECONDS else None
    host = lines[1] if len(lines) > 1 else ""
    if host and host != socket.gethostname():
        return pid
    if pid == os.getpid() or not _alive(pid):
        return None
    return pid


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would stop it there: take it as alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _remove_stale(path: Path) -> None:
    """Move a stale lock aside and remove it; if a live one took its place meanwhile, it is
    put back."""
    aside = path.with_name(f"{path.name}.stale-{os.getpid()}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    if _lock_owner(aside) is not None:  # not the stale one: a run took the lock meanwhile
        try:
            os.link(aside, path)
        except OSError:
            pass
    os.unlink(aside)


def _busy(target: Path, lock: Path, pid: int | None) -> UserError:
    return UserError(
        Problem(
            _("another facilitation run is writing into this folder (process {pid})").format(
                pid=pid if pid is not None and pid > 0 else "?"
            ),
            file=str(target),
            hint=_("wait until it has finished; if none is running, delete {lock}").format(
                lock=lock
            ),
        )
    )


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _rmdir(path: Path) -> bool:
    try:
        path.rmdir()
    except OSError:
        return False
    return True


def format_list(value: str, formats: tuple[str, ...]) -> tuple[str, ...]:
    """`--format md,pdf` as the formats it names, in the order given (`all`: every one of
    `formats`), or a UserError naming the one it does not know."""
    parts = tuple(p.strip().lower() for p in value.split(",") if p.strip())
    if "all" in parts:
        return formats
    bad = [p for p in parts if p not in formats]
    if bad or not parts:
        raise UserError(
            Problem(
                _("unknown format '{format}'").format(format=bad[0] if bad else value),
                path="--format",
                hint=_("choose among {formats} (comma-separated) or all").format(
                    formats=", ".join(formats)
                ),
            )
        )
    return parts
