"""Child processes that never outlive their parent.

Why: the kit shares its work with a forked process, and user templates render in one; if the
parent is stopped (Ctrl-C, SIGTERM, a crash), a child that goes on writing files into a folder
that is being removed would leave half a kit behind. On Linux the kernel kills the child when
its parent dies (prctl PR_SET_PDEATHSIG); everywhere, the parent kills its children when it
leaves, and a child dies at once on SIGINT and SIGTERM rather than cleaning up on its own.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_PR_SET_PDEATHSIG = 1


def fork() -> int:
    """os.fork(), the child tied to its parent (see the module's text). Returns 0 in the
    child and the child's pid in the parent."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        _tie_to(parent)
    return pid


def _tie_to(parent: int) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent kills its children itself
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def stop(pid: int) -> None:
    """Kill a child and reap it (it may have ended already)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


# -- signals --------------------------------------------------------------------------------
class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised where the program stands (see install_signal_handlers).
    `written` says that the output was complete and in place when the signal was acted on."""

    def __init__(self, signum: int, written: bool = False) -> None:
        super().__init__(signum)
        self.signum = signum
        self.written = written


_signals: dict[str, Any] = {"installed": False, "held": 0, "pending": None, "raised": False}


def install_signal_handlers() -> None:
    """SIGINT and SIGTERM raise Interrupted, so that what is being written is removed on the
    way out (jobs/output.py). A signal that comes while `held()` is waited on until it ends;
    once one has been raised, the next ones are ignored, so that the cleaning is not cut."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)
    _signals["installed"] = True


def _on_signal(signum: int, frame: Any) -> None:
    if _signals["raised"]:
        return
    if _signals["held"]:
        _signals["pending"] = _signals["pending"] or signum
        return
    _signals["raised"] = True
    raise Interrupted(signum)


@contextmanager
def held(written: Callable[[], bool] = lambda: False) -> Iterator[None]:
    """Hold SIGINT and SIGTERM during a step that must not be cut (moving a folder into
    place, removing one); a signal that came meanwhile is raised when the step ends (after
    it, if the step failed). `written()` says whether the output is in place by then."""
    _signals["held"] += 1
    done = False
    try:
        yield
        done = True
    finally:
        _signals["held"] -= 1
        pending = _signals["pending"]
        if pending and not _signals["held"] and not _signals["raised"]:
            _signals["pending"] = None
            _signals["raised"] = True
            if done:  # else the step's own error goes on, and the program leaves with it
                raise Interrupted(pending, written=written())


def pending_signal() -> int | None:
    """A signal received while held and not yet raised."""
    return _signals["pending"] if not _signals["raised"] else None
