"""French typography, applied to French text before it is printed.

No-break space (U+00A0) before ':' and inside « »; narrow no-break space (U+202F) before
; ! ?; typographic apostrophe; ellipsis. Straight double quotes become « » in French.

Why `for_pdf`: reportlab breaks lines at U+202F (it is in its list of spaces), so a '!' could
land alone at the start of a line. For PDFs the narrow space is written as U+00A0, which
reportlab never breaks at: a slightly wider space, but punctuation stays with its word.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

_SPACE_BEFORE = re.compile(r"[ \t\u00a0\u202f]*([;!?])")
_COLON = re.compile(r"(?<=\S)[ \t\u00a0\u202f]*:(?=\s|$)")
_OPEN = re.compile(r"«[ \t\u00a0\u202f]*")
_CLOSE = re.compile(r"[ \t\u00a0\u202f]*»")
_DQUOTES = re.compile(r'"([^"\n]+)"')
_APOS = re.compile(r"(?<=\w)'(?=\w)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b\S+@\S+\.\w+")


def french(text: str, for_pdf: bool = False) -> str:
    """Apply French spacing and punctuation rules to a text."""
    if not text:
        return text
    # keep URLs and e-mail addresses untouched
    saved: list[str] = []

    def keep(m: re.Match[str]) -> str:
        saved.append(m.group(0))
        return f"\x00{len(saved) - 1}\x00"

    text = _URL.sub(keep, text)
    text = _DQUOTES.sub(lambda m: f"«{m.group(1).strip()}»", text)
    text = _APOS.sub("\u2019", text)
    text = text.replace("...", "…")
    narrow = NBSP if for_pdf else NNBSP

    def before(m: re.Match[str]) -> str:
        start = m.start()
        prev = text[start - 1] if start > 0 else ""
        if not prev or prev in " \n([«" or prev in ";!?":
            # at the start, or a run of marks ('?!'): no space inside the run
            return m.group(0).lstrip(" \t\u00a0\u202f") if prev in ";!?" else m.group(0)
        return narrow + m.group(1)

    text = _SPACE_BEFORE.sub(before, text)
    text = _COLON.sub(NBSP + ":", text)
    text = _OPEN.sub("«" + NBSP, text)
    text = _CLOSE.sub(NBSP + "»", text)
    for i, s in enumerate(saved):
        text = text.replace(f"\x00{i}\x00", s)
    return text


def english(text: str) -> str:
    """English text: typographic apostrophe and ellipsis only."""
    if not text:
        return text
    return _APOS.sub("\u2019", text).replace("...", "…")


def typeset(text: str, lang: str, for_pdf: bool = False) -> str:
    return french(text, for_pdf) if lang == "fr" else english(text)


def number(value: float, lang: str, digits: int | None = None) -> str:
    """A quantity as the language writes it: whole numbers plainly, decimals with a comma in
    French (1,5) and a point in English (1.5); `digits` fixes the decimals (4.2 s)."""
    if digits is None:
        if abs(value - round(value)) < 1e-9:
            return str(int(round(value)))
        text = f"{value:g}"
    else:
        text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text
