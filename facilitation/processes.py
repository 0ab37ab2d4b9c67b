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
import sys
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
        _children.clear()
        _cleanups.clear()
        _state["raise"] = False
        _tie_to(parent)
    else:
        _children.add(pid)
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
    wait(pid)


def wait(pid: int) -> None:
    """Wait for a child to end."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    _children.discard(pid)


# -- signals --------------------------------------------------------------------------------
_state: dict[str, Any] = {
    "held": 0,
    "pending": None,
    "ending": False,
    "say": None,
    "written": False,
    "raise": False,  # a command that runs until stopped: a signal raises KeyboardInterrupt
}
_children: set[int] = set()
_cleanups: list[Callable[[], None]] = []


def install_signal_handlers(say: Callable[[bool], None] | None = None) -> None:
    """On SIGINT and SIGTERM: kill the children, run the cleanups (remove what was being
    written), call `say(written)` and leave at once with 128 + the signal's number.

    Why not raise an exception where the program stands, as Python does for Ctrl-C: some
    libraries catch every exception (reportlab's paragraph parser does) and turn it into
    another error, or swallow it, so a run could go on after a SIGTERM. A signal that comes
    during a step that must not be cut (`held()`) is acted on when the step ends."""
    _state["say"] = say
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)


def install_interrupt_handlers() -> None:
    """For a command that runs until it is stopped (`watch`): SIGINT and SIGTERM raise
    KeyboardInterrupt where the program stands, so that the work in progress is undone on
    the way out (an output's own cleanup, a child stopped by its parent) and the command
    says it stopped and leaves with 0. A signal during a step that must not be cut (`held()`)
    is raised when the step ends. Forked children still die at once (see fork)."""
    _state["raise"] = True
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _on_signal)


def _on_signal(signum: int, frame: Any) -> None:
    if _state["ending"]:
        return
    if _state["held"]:
        _state["pending"] = _state["pending"] or signum
        return
    if _state["raise"]:
        raise KeyboardInterrupt
    _end(signum)


def _end(signum: int) -> None:
    _state["ending"] = True
    for pid in list(_children):
        stop(pid)
    for cleanup in reversed(_cleanups):
        try:
            cleanup()
        except Exception:  # noqa: BLE001  (leaving anyway: clean what can be cleaned)
            pass
    say = _state["say"]
    if say is not None:
        try:
            say(_state["written"])
        except Exception:  # noqa: BLE001
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001
            pass
    os._exit(128 + int(signum))


@contextmanager
def held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM during a step that must not be cut (moving files into place,
    removing a folder); a signal that came meanwhile is acted on when the step ends."""
    _state["held"] += 1
    try:
        yield
    finally:
        _state["held"] -= 1
        pending = _state["pending"]
        if pending and not _state["held"]:
            _state["pending"] = None
            if _state["raise"]:
                raise KeyboardInterrupt
            _end(pending)


def pending_signal() -> int | None:
    """A signal received while held and not yet acted on."""
    return _state["pending"]


def on_signal(cleanup: Callable[[], None]) -> None:
    """Run `cleanup()` if a signal ends the program (until `forget(cleanup)`)."""
    _cleanups.append(cleanup)


def forget(cleanup: Callable[[], None]) -> None:
    if cleanup in _cleanups:
        _cleanups.remove(cleanup)


def mark_written() -> None:
    """An output is complete and in place: a signal from now on is said to come after it."""
    _state["written"] = True
