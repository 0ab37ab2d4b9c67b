"""Jinja2 templates: the built-in ones, and a user's, which run on a budget.

A user's template folder (a library's `templates/`, or `--templates`) replaces built-in
templates by name; a name it does not hold is still found among the built-in ones. User
templates may come from other programmes, so they are:

- read like any file of a pack: inside their folder once links are followed, regular files
  only, at most MAX_TEMPLATE_BYTES;
- run in jinja2's sandbox (no access to Python's insides), with strict undefined names, `*`
  and `**` refused when they would build a huge text, list or number;
- run in a forked child process with a time limit (TEMPLATE_SECONDS of wall time, checked by
  the parent, which kills the child) and a memory limit (TEMPLATE_MEMORY more than the parent
  holds, through resource.setrlimit), and stopped when they write more than MAX_OUTPUT
  characters.

Why a process rather than counting loop turns inside the sandbox: jinja2 compiles a `for` to
a Python loop that the sandbox never sees, so a counter would have to rewrite jinja2's
compiler; a process can be stopped from the outside whatever the template does, and the
kernel bounds its memory. A fork costs a few milliseconds, and only user templates pay it.
Where there is no fork (Windows), user templates run in this process with the sandbox and the
output limit only.

Every error (syntax or while running) is reported with the template's file and line.
"""

from __future__ import annotations

import os
import pickle
import select
import time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from facilitation import processes
from facilitation.errors import Problem, UserError
from facilitation.load.files import is_inside, link_out_problem, read_regular
from facilitation.resources import PACKAGE_ROOT
from facilitation.text.messages import _

MAX_TEMPLATE_BYTES = 200_000
MAX_OUTPUT = 5_000_000  # characters a template may write
TEMPLATE_SECONDS = 5.0
TEMPLATE_MEMORY = 512 * 1024 * 1024  # bytes, above what the process holds when it forks
MAX_POWER = 1_000  # the largest exponent of `**`


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class PackLoader(jinja2.BaseLoader):
    """Templates from a user's folders, read as untrusted files (see the module's text)."""

    def __init__(self, dirs: list[Path]) -> None:
        self.dirs = [Path(d) for d in dirs]

    def find(self, name: str) -> tuple[Path, Path] | None:
        """(file, folder) of a template name in the user's folders, or None."""
        try:
            pieces = split_template_path(name)  # refuses '..'
        except jinja2.TemplateNotFound:
            return None
        for d in self.dirs:
            f = d.joinpath(*pieces)
            if f.exists() or f.is_symlink():
                return f, d
        return None

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        found = self.find(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        f, folder = found
        display = _display(f)
        if not is_inside(f, folder):
            raise UserError(link_out_problem(display))
        raw = read_regular(f, MAX_TEMPLATE_BYTES, display)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(
                Problem(
                    _("the template is not UTF-8 text"),
                    file=display,
                    hint=_("save the file as UTF-8 in your editor"),
                )
            ) from None
        try:
            mtime = f.stat().st_mtime
        except OSError:
            mtime = None

        def uptodate() -> bool:  # read again when the file changes (`watch` keeps the env)
            try:
                return f.stat().st_mtime == mtime
            except OSError:
                return False

        return text, display, uptodate


class _Sandbox(SandboxedEnvironment):
    """The sandbox, refusing `*` and `**` when they would build something huge."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError(_("a power larger than {limit}").format(limit=MAX_POWER))
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    if len(seq) * n > MAX_OUTPUT:
                        raise SecurityError(
                            _("a text or list of more than {limit} items").format(limit=MAX_OUTPUT)
                        )
        return super().call_binop(context, operator, left, right)


def environment(
    template_dirs: list[Path], html: bool, trim_blocks: bool = False
) -> SandboxedEnvironment:
    """The user's folders first, then the built-in templates (a name the user's folders do
    not hold is found among the built-in ones). `trim_blocks`: a line holding only a block
    tag leaves nothing (the compte rendu's HTML)."""
    loader = jinja2.ChoiceLoader(
        [PackLoader(template_dirs), jinja2.FileSystemLoader(str(PACKAGE_ROOT / "templates"))]
    )
    return _Sandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=trim_blocks,
        lstrip_blocks=trim_blocks,
    )


def render(env: SandboxedEnvironment, name: str, data: dict[str, Any]) -> str:
    """Render a template: a user's in a child process on a budget, a built-in one here."""
    loader = env.loader
    found = None
    if isinstance(loader, jinja2.ChoiceLoader):
        for x in loader.loaders:
            if isinstance(x, PackLoader):
                found = found or x.find(name)
    if found is not None and hasattr(os, "fork"):
        return _in_child(lambda: _render(env, name, data), _display(found[0]))
    return _render(env, name, data)


def _render(env: SandboxedEnvironment, name: str, data: dict[str, Any]) -> str:
    try:
        template = env.get_template(name)
        out: list[str] = []
        size = 0
        for chunk in template.generate(**data):
            size += len(chunk)
            if size > MAX_OUTPUT:
                file, line = _where(None, template.filename or name)
                raise UserError(
                    Problem(
                        _("the template writes more than {limit} characters: stopped").format(
                            limit=MAX_OUTPUT
                        ),
                        file=file,
                        hint=_("a loop that runs too many times: simplify the template"),
                    )
                )
            out.append(chunk)
        return "".join(out)
    except UserError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(
            Problem(
                _("template syntax error: {message}").format(message=exc.message),
                file=exc.filename or name,
                line=exc.lineno,
            )
        ) from None
    except MemoryError:
        file, line = _where(None, name)
        raise UserError(_memory_problem(file)) from None
    except Exception as exc:  # noqa: BLE001  (any error of a template is the template's)
        file, line = _where(exc.__traceback__, name)
        if isinstance(exc, jinja2.UndefinedError):
            message = _("the template uses a name it is not given: {message}")
            hint = _("check the spelling of the name in the template")
        elif isinstance(exc, SecurityError):
            message = _("the template was refused: {message}")
            hint = _("templates run in a sandbox: they may only read what they are given")
        elif isinstance(exc, jinja2.TemplateNotFound):
            message = _("the template includes '{message}', which does not exist")
            hint = None
        elif isinstance(exc, RecursionError):
            message = _("the template calls itself without end ({message})")
            hint = None
        else:
            message = _("the template failed: {message}")
            hint = None
        text = exc.message if isinstance(exc, jinja2.TemplateError) else str(exc)
        text = text or type(exc).__name__
        if isinstance(exc, jinja2.TemplateNotFound):
            text = exc.name if isinstance(exc.name, str) else text
        raise UserError(
            Problem(message.format(message=text), file=file, line=line, hint=hint)
        ) from None


def _where(tb: Any, default: str) -> tuple[str, int | None]:
    """The file and line of the innermost template frame of a traceback."""
    found: tuple[str, int | None] = (default, None)
    while tb is not None:
        code = tb.tb_frame.f_code.co_filename
        if code.endswith(".j2") or code == default:
            found = (code, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _memory_problem(file: str) -> Problem:
    return Problem(
        _("the template needs more than {limit} MB of memory: stopped").format(
            limit=TEMPLATE_MEMORY // (1024 * 1024)
        ),
        file=file,
        hint=_("a loop that builds too much: simplify the template"),
    )


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", "rb") as f:
            held = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = held + TEMPLATE_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        seconds = int(TEMPLATE_SECONDS) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    except (ImportError, OSError, ValueError):  # not Linux: the time limit still holds
        pass


def _in_child(work: Any, file: str) -> str:
    """work() in a forked child, within TEMPLATE_SECONDS and TEMPLATE_MEMORY."""
    read_end, write_end = os.pipe()
    pid = processes.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_end)
            _limit_memory()
            try:
                payload: tuple[str, Any] = ("ok", work())
            except UserError as exc:
                payload = ("user", exc.problems)
            except MemoryError:
                payload = ("memory", None)
            data = pickle.dumps(payload)
            with os.fdopen(write_end, "wb") as f:
                f.write(data)
        except BaseException:  # noqa: BLE001  (the parent reports a child that said nothing)
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    try:
        deadline = time.monotonic() + TEMPLATE_SECONDS
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise UserError(
                    Problem(
                        _("the template ran for more than {seconds:g} s and was stopped").format(
                            seconds=TEMPLATE_SECONDS
                        ),
                        file=file,
                        hint=_("a loop that never ends, or loops inside loops: simplify it"),
                    )
                )
            ready, _w, _x = select.select([read_end], [], [], left)
            if ready:
                chunk = os.read(read_end, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_end)
        processes.stop(pid)
    if not chunks:
        raise UserError(_memory_problem(file))
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "user":
        raise UserError(value)
    if kind == "memory":
        raise UserError(_memory_problem(file))
    return str(value)
