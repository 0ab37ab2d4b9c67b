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
from facilitation.text.messages import N_, _, ngettext
from facilitation.text.visible import code_point, hidden_characters

MAX_BYTES = MAX_FILE_BYTES
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_KEY = 200  # characters in one key

Path_ = tuple[str | int, ...]
# control characters (an escape written "\x1b" in quotes), right-to-left overrides, line
# separators: nothing a person means to print, and a terminal obeys some of them
_HIDDEN_HINT = N_(
    "remove it: it would print as nothing or as a box, and some such characters change how a "
    "terminal or an editor shows the text"
)

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
                _("the file is not UTF-8 text (byte {byte})").format(
                    byte=f"0x{raw[exc.start]:02x}"
                ),
                file=file,
                line=line,
                hint=_("save the file as UTF-8 in your editor"),
            )
        ) from None
    return text


def invalid_yaml(what: str) -> str:
    """'invalid YAML: ...', with the reader's words translated where we know them."""
    known = {
        "found character that cannot start any token": _(
            "a character that cannot start a value (a text starting with @, ` or % must be "
            "put in quotes)"
        ),
        "found undefined alias": _("an alias (*name) that no anchor (&name) defines"),
        "found unexpected end of stream": _("the file ends inside a quoted text or a bracket"),
        "found unexpected ':'": _("an unexpected ':'"),
        "could not find expected ':'": _("a key without its ':'"),
        "did not find expected key": _("a line that is not a key at this indentation"),
        "did not find expected ',' or ']'": _("a list in [ ] that is not closed"),
        "did not find expected ',' or '}'": _("a mapping in {{ }} that is not closed"),
        "did not find expected '-' indicator": _("a list item that is not at its indentation"),
        "did not find expected node content": _("a value is missing"),
        "found unknown escape character": _("an unknown escape (\\x) in a quoted text"),
        "expected <block end>, but found '<block sequence start>'": _(
            "a list item at the wrong indentation"
        ),
        "found a tab character that violates indentation": _("a tab where YAML wants spaces"),
        "found duplicate anchor": _("an anchor (&name) given twice"),
    }
    for english, said in known.items():
        if what.startswith(english):
            return _("invalid YAML: {problem}").format(problem=said)
    return _("invalid YAML: {problem}").format(problem=what or _("the reader cannot go on"))


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
            Problem(
                _("the file is empty"), file=file, hint=_("a YAML mapping with at least a title")
            )
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
                    _("the file holds more than one YAML document"),
                    exc.problem_mark,
                    _("remove the '---' line: one exercise or session per file"),
                )
            ) from None
        raise UserError(_problem(file, invalid_yaml(str(exc.problem)), exc.problem_mark)) from None
    except yaml.MarkedYAMLError as exc:
        what = exc.problem or exc.context or ""
        hint = None
        if "mapping values are not allowed" in what:  # libyaml and PyYAML word it apart
            what = _("invalid YAML: {problem}").format(
                problem=_("a ': ' where no key can start (bad indentation, or an unquoted text)")
            )
            hint = _("a text containing ': ' must be quoted, or written on its own line after '>-'")
        elif "tab" in what:
            what = _("invalid YAML: {problem}").format(problem=_("a tab where YAML wants spaces"))
            hint = _("indent with spaces, not tabs")
        else:
            what = invalid_yaml(what)
        raise UserError(_problem(file, what, exc.problem_mark or exc.context_mark, hint)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        pos = max(0, min(int(exc.position), len(text)))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        c = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        raise UserError(
            Problem(
                _("a character that cannot be printed ({code}) in the file").format(
                    code=code_point(c[:1] or "?")
                ),
                file=file,
                line=line,
                column=col,
                hint=_(_HIDDEN_HINT),
            )
        ) from None
    except yaml.YAMLError as exc:
        raise UserError(Problem(invalid_yaml(str(exc)), file=file)) from None
    if node is None:
        raise UserError(Problem(_("the file is empty"), file=file))
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
                _("the file expands to more than {n} values").format(n=MAX_NODES),
                node,
                _(
                    "it probably nests aliases (&anchor / *alias) many times over; "
                    "write it out plainly"
                ),
            )
            raise UserError(self.problems)
        if depth > MAX_DEPTH:
            self._fail(_("the file nests too deeply (or an alias refers to itself)"), node)
            raise UserError(self.problems)
        if path not in self.marks:
            self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _ALLOWED:
            self._fail(
                _("YAML tag '{tag}' is not allowed").format(
                    tag=node.tag.replace("tag:yaml.org,2002:", "!!")
                ),
                node,
                _("exercise files hold plain text, numbers, lists and mappings only"),
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
                self._fail(
                    _("merge keys ('<<') are not supported"), key_node, _("write the keys out")
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(_("a key must be a plain word"), key_node)
                continue
            key = str(key_node.value)
            hidden = hidden_characters(key, tabs_and_newlines=False)
            if hidden:
                self._fail(
                    _("a character that cannot be printed ({code}) in a key").format(
                        code=code_point(hidden[0])
                    ),
                    key_node,
                    _(_HIDDEN_HINT),
                )
                continue
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
                hint = _("keep only one of them")
                if node.flow_style:
                    hint = _("inside {{ }}, a text holding a comma or ': ' must be put in quotes")
                message = _("duplicate key '{key}'").format(key=key)
                if first:
                    message = _("duplicate key '{key}' (first given on line {line})").format(
                        key=key, line=first[0]
                    )
                self._fail(message, key_node, hint)
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
        hidden = hidden_characters(value)
        if hidden:
            self._fail(
                _("a character that cannot be printed ({code}) in a text").format(
                    code=code_point(hidden[0])
                ),
                node,
                _(_HIDDEN_HINT),
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
