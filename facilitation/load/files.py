"""Reading a file a pack names: inside its folder, a regular file, and never more than a limit.

Why: packs from other programmes are untrusted, and a file is not always what its name says.
A FIFO named `x.yaml` blocks whoever opens it for reading until someone writes to it; a
device never ends; a 3 GB file fills the memory before anyone can say it is too large; a link
can lead anywhere on the disk. So a file is opened without blocking, checked to be a regular
file on the descriptor itself (no gap between the check and the read), and read with a bound.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.text.messages import _, language, ngettext
from facilitation.text.typography import number

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("a special file")


def _not_regular(mode: int, display: str, field: str) -> UserError:
    return UserError(
        Problem(
            _("this is {kind}, not a file: it is not read").format(kind=_kind(mode)),
            file=display,
            path=field,
            hint=_("give the name of an ordinary file"),
        )
    )


def too_large(limit: int, display: str | None, field: str = "") -> UserError:
    """The error for a file over its limit (sizes in kB or MB as people read them)."""
    return UserError(
        Problem(
            _("the file is too large (more than {limit}); nothing was read past that").format(
                limit=human_size(limit)
            ),
            file=display,
            path=field,
            hint=_("a file this large is almost certainly not the one meant"),
        )
    )


def human_size(n: int) -> str:
    """A size as people read it, in the run's language (2 MB, 2 Mo; 1.5 kB, 1,5 ko)."""
    lang = language()
    if n >= 1_000_000:
        return _("{size} MB").format(size=number(n / 1_000_000, lang))
    if n >= 1_000:
        return _("{size} kB").format(size=number(n / 1_000, lang))
    return ngettext("{n} byte", "{n} bytes", n).format(n=n)


def read_regular(source: Any, limit: int, display: str | None = None, field: str = "") -> bytes:
    """The bytes of a regular file, at most `limit` of them, or a UserError.

    `source` is a Path, or an importlib Traversable (built-in data inside an installed
    package, which is trusted and read as it is). `field` says where the file is named when
    another file names it (a picture, a logo)."""
    name = display or str(source)
    if not isinstance(source, (str, os.PathLike)):
        raw = source.read_bytes()  # built-in data in a zipped package
        if len(raw) > limit:
            raise too_large(limit, name, field)
        return bytes(raw)
    loc: dict[str, Any] = {"file": name, "path": field}
    try:
        fd = os.open(source, _FLAGS)
    except FileNotFoundError:
        raise UserError(Problem(_("no such file"), **loc)) from None
    except IsADirectoryError:
        raise _not_regular(stat.S_IFDIR, name, field) from None
    except OSError as exc:
        raise UserError(
            Problem(
                _("cannot read the file ({reason})").format(reason=exc.strerror or exc),
                **loc,
            )
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(mode, name, field)
        chunks: list[bytes] = []
        left = limit + 1  # one byte more than allowed says "too large" without reading on
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1 << 20))
            except BlockingIOError:  # a regular file never blocks; be safe all the same
                raise _not_regular(mode, name, field) from None
            except OSError as exc:
                raise UserError(
                    Problem(
                        _("cannot read the file ({reason})").format(reason=exc.strerror or exc),
                        **loc,
                    )
                ) from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        if len(raw) > limit:
            raise too_large(limit, name, field)
        return raw
    finally:
        os.close(fd)


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, links followed, lies inside `root` (links followed too)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links, or a path the system refuses
        return False


def link_out_problem(display: str, field: str = "") -> Problem:
    """A file of a pack that is a link to somewhere outside the pack: never read."""
    return Problem(
        _("this file is a link that leads outside its library folder: it is not read"),
        file=display,
        path=field,
        hint=_("copy the file into the folder, or give its own folder with --library"),
    )
