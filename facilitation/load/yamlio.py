"""Reading YAML safely, with the line and column of every value.

Why: error messages must point at the line a person wrote, and packs from other programmes
are untrusted. So YAML is composed with a SafeLoader subclass and turned into plain Python
values by our own walk, which: refuses tags that would build objects, refuses duplicate keys,
keeps times like 9:30 and dates as written (no base-60 integers), keeps yes/no/on/off as words,
and stops early on alias bombs ("billion laughs") instead of expanding them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from facilitation.errors import Problem, UserError
from facilitation.load.files import read_regular, too_large
from facilitation.model.limits import MAX_FILE_BYTES, MAX_TEXT
from facilitation.text.messages import _, ngettext

MAX_BYTES = MAX_FILE_BYTES
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_KEY = 200  # characters in one key

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_ALLOWED = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's SafeLoader when built


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A SafeLoader of our own (libyaml's when available): never a patched global loader."""


@dataclass
class Document:
    """Plain data from one YAML file and where each value stood in it."""

    data: Any
    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # value positions
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # key positions

    def where(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column for a path, or for its nearest parent that has one."""
        p = tuple(path)
        if key and p in self.key_marks:
            return self.key_marks[p]
        while True:
            if p in self.marks:
                return self.marks[p]
            if p in self.key_marks:
                return self.key_marks[p]
            if not p:
                return (None, None)
            p = p[:-1]


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _problem(file: str, message: str, mark: Any = None, hint: str | None = None) -> Problem:
    line = col = None
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    return Problem(message, file=file, line=line, column=col, hint=hint)


def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(
            Problem(
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                file=file,
                line=line,
                hint="save the file as UTF-8 in your editor",
            )
        ) from None
    return text


def read_path(path: Path | Any, display: str | None = None) -> Document:
    """Read a file (a Path or an importlib Traversable) into a Document: a regular file
    only (a pipe or a device is refused, never waited on), and never more than MAX_BYTES."""
    name = display or str(path)
    return read_bytes(read_regular(path, MAX_BYTES, name), name)


def read_bytes(raw: bytes, file: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise too_large(MAX_BYTES, file)
    return read_text(_decode(raw, file), file)


def read_text(text: str, file: str) -> Document:
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise UserError(
            Problem("the file is empty", file=file, hint="a YAML mapping with at least a title")
        )
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            raise UserError(
                _problem(
                    file,
                    "the file holds more than one YAML document",
                    exc.problem_mark,
                    "remove the '---' line: one exercise or session per file",
                )
            ) from None
        raise UserError(_problem(file, f"invalid YAML: {exc.problem}", exc.problem_mark)) from None
    except yaml.MarkedYAMLError as exc:
        what = exc.problem or exc.context or "invalid YAML"
        hint = None
        if "mapping values are not allowed" in what:  # libyaml and PyYAML word it apart
            what = "a ': ' where no key can start (bad indentation, or an unquoted text)"
            hint = "a text containing ': ' must be quoted, or written on its own line after '>-'"
        elif "tab" in what:
            hint = "indent with spaces, not tabs"
        raise UserError(
            _problem(file, f"invalid YAML: {what}", exc.problem_mark or exc.context_mark, hint)
        ) from None
    except yaml.YAMLError as exc:
        raise UserError(Problem(f"invalid YAML: {exc}", file=file)) from None
    if node is None:
        raise UserError(Problem("the file is empty", file=file))
    builder = _Builder(file)
    data = builder.build(node, (), 0)
    if builder.problems:
        raise UserError(builder.problems)
    return Document(data=data, file=file, marks=builder.marks, key_marks=builder.key_marks)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.count = 0
        self.problems: list[Problem] = []
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self._ctor = yaml.constructor.SafeConstructor()

    def _fail(self, message: str, node: yaml.Node, hint: str | None = None) -> None:
        self.problems.append(_problem(self.file, message, node.start_mark, hint))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            self._fail(
                f"the file expands to more than {MAX_NODES} values",
                node,
                "it probably nests aliases (&anchor / *alias) many times over; "
                "write it out plainly",
            )
            raise UserError(self.problems)
        if depth > MAX_DEPTH:
            self._fail("the file nests too deeply (or an alias refers to itself)", node)
            raise UserError(self.problems)
        if path not in self.marks:
            self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _ALLOWED:
            self._fail(
                f"YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
                node,
                "exercise files hold plain text, numbers, lists and mappings only",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail("merge keys ('<<') are not supported", key_node, "write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail("a key must be a plain word", key_node)
                continue
            key = str(key_node.value)
            if len(key) > MAX_KEY:
                self._fail(
                    ngettext(
                        "a key of {n} character: at most {limit}",
                        "a key of {n} characters: at most {limit}",
                        len(key),
                    ).format(n=len(key), limit=MAX_KEY),
                    key_node,
                    _("a text holding ': ' must be put in quotes"),
                )
                continue
            kpath = path + (key,)
            if key in out:
                first = self.key_marks.get(kpath)
                hint = "keep only one of them"
                if node.flow_style:
                    hint = "inside { }, a text holding a comma or ': ' must be put in quotes"
                self._fail(
                    f"duplicate key '{key}'"
                    + (f" (first given on line {first[0]})" if first else ""),
                    key_node,
                    hint,
                )
                continue
            self.key_marks[kpath] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, kpath, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if len(value) > MAX_TEXT:
            self._fail(
                ngettext(
                    "a text of {n} character: at most {limit} in one value",
                    "a text of {n} characters: at most {limit} in one value",
                    len(value),
                ).format(n=len(value), limit=MAX_TEXT),
                node,
                _("a card, a step or a note this long cannot be printed; shorten it or split it"),
            )
            return None
        if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            low = value.lower()
            if low == "true":
                return True
            if low == "false":
                return False
            return value  # yes / no / on / off stay words
        if ":" in value:  # YAML 1.1 base-60 (9:30 -> 570): keep as written
            return value
        try:
            if tag == "tag:yaml.org,2002:int":
                return self._ctor.construct_yaml_int(node)
            return self._ctor.construct_yaml_float(node)
        except (ValueError, yaml.YAMLError):
            return value
