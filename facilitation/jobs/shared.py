"""Independent pieces of work shared between this process and a forked one.

A kit is half platypus documents and half cards and canvases; side by side on two cores they
take about half the time. The forked process dies with this one (facilitation.processes):
whatever stops the run (bad input, Ctrl-C, SIGTERM, a crash), it never goes on writing.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any

from facilitation import processes
from facilitation.errors import UserError
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs, output_fault

Task = tuple[str, Callable[[Outputs], list[Job]]]  # (label, write): one piece of work


def run_shared(
    tasks: list[Task], order: list[int], out: Outputs, done: Callable[[str], None]
) -> list[list[Job]]:
    """Run every task, on two processes when the machine has a second core; return their
    jobs in the tasks' own order, whoever ran them, so that the kit is the same either way.

    How: the task numbers wait in a pipe; this process and a forked one each take the next
    number until the pipe is empty (a read of one record from a pipe never splits between
    readers). The other process sends back its jobs, or the bad input it met, through a
    second pipe. If anything stops this process, the other one is killed before the error
    goes on (and the kernel kills it if this one is killed outright, on Linux).
    """
    results: list[list[Job] | None] = [None] * len(tasks)
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "fork") or len(tasks) < 2:
        for i in order:
            results[i] = tasks[i][1](out)
            done(tasks[i][0])
        return [r or [] for r in results]
    queue_r, queue_w = os.pipe()
    os.write(queue_w, b"".join(i.to_bytes(2, "big") for i in order))  # < 64 kB: never blocks
    os.close(queue_w)

    def take() -> int | None:
        rec = os.read(queue_r, 2)
        return int.from_bytes(rec, "big") if len(rec) == 2 else None

    back_r, back_w = os.pipe()
    pid = processes.fork()
    if pid == 0:  # the other process: take work until there is none, send back, leave
        os.close(back_r)
        code = 0
        try:
            mine: dict[int, list[Job]] = {}
            try:
                while (i := take()) is not None:
                    mine[i] = tasks[i][1](out)
                payload: tuple[str, Any] = ("ok", mine)
            except UserError as exc:
                payload = ("user", exc.problems)
            except BaseException as exc:
                fault = output_fault(exc, out.target)
                if fault is not None:  # the output folder is full or read-only: said once
                    payload = ("user", fault.problems)
                else:  # a bug: its traceback goes to stderr, as it would here
                    import traceback

                    traceback.print_exc()
                    payload = ("bug", None)
                    code = 1
            with os.fdopen(back_w, "wb") as f:
                pickle.dump(payload, f)
        finally:
            os._exit(code)
    os.close(back_w)
    try:
        while (i := take()) is not None:
            results[i] = tasks[i][1](out)
            done(tasks[i][0])
            if _has_spoken(back_r):  # the other one stopped early (bad input): stop too
                break
        with os.fdopen(back_r, "rb") as f:
            data = f.read()
        processes.wait(pid)
    except BaseException:
        processes.stop(pid)  # bad input or a signal here: the other process stops at once
        raise
    finally:
        os.close(queue_r)
    kind, value = pickle.loads(data) if data else ("bug", None)
    if kind == "ok" and any(r is None for r in results):  # left early, yet no error: finish
        for i in order:
            if results[i] is None and i not in value:
                results[i] = tasks[i][1](out)
                done(tasks[i][0])
    if kind == "user":
        raise UserError(value)
    if kind == "bug":
        raise RuntimeError("printing part of the kit failed (see above)")
    for i, jobs in value.items():
        results[i] = jobs
        for j in jobs:
            out.path(j.name)  # written by the other process: keep it with the outputs
        done(tasks[i][0])
    return [r or [] for r in results]


def _has_spoken(fd: int) -> bool:
    """Whether the other process has written its answer (it does so once, at its end)."""
    import select

    try:
        return bool(select.select([fd], [], [], 0)[0])
    except (OSError, ValueError):
        return False
