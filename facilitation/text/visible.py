"""Characters that are not text: control characters, and the invisible ones that change what
text around them looks like.

Why: files come from other programmes, and what they hold ends up on a terminal (in a message
that names a key or a value) and in PDFs. An escape character (ESC) lets a file clear the
screen, change the terminal's title or colour what follows; a right-to-left override makes a
line read otherwise than it is written (U+202E); a line separator (U+2028) breaks a message in
two. Texts refuse them where they are read (load/yamlio.py); whatever reaches a message anyway
(a key, a command-line value, a file name) is shown with these characters written as escapes.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and the C1 controls; the bidirectional embeddings,
# overrides and isolates; line and paragraph separators.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_HIDDEN_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def hidden_characters(text: str, tabs_and_newlines: bool = True) -> list[str]:
    """The characters of `text` that are not text, in order, each once (tab, newline and
    carriage return allowed unless told)."""
    pattern = _HIDDEN if tabs_and_newlines else _HIDDEN_ALL
    found = pattern.findall(text.replace("\r", "") if tabs_and_newlines else text)
    return list(dict.fromkeys(found))


def code_point(c: str) -> str:
    """U+001B."""
    return f"U+{ord(c):04X}"


def visible(text: str, newlines: bool = True) -> str:
    """`text` with the characters that are not text written as escapes (\\x1b, \\u202e), so
    that a message shows them rather than obeys them; newlines and tabs kept unless told."""
    pattern = _HIDDEN if newlines else _HIDDEN_ALL

    def escape(m: re.Match[str]) -> str:
        c = m.group(0)
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return pattern.sub(escape, text)
