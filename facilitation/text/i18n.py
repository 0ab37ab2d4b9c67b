"""Languages of the texts in files: each is stored per language, read with a visible fallback.
(The words of the interface are the message catalogue's: text/messages.py.)

A text in a file is either one string (the same in every language) or a mapping
{fr: ..., en: ...}. Reading a text in a language that it lacks gives the other language,
marked "[fr] ..." so the gap shows on screen and on paper.
"""

from __future__ import annotations

import unicodedata
from typing import Any

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
ANY = "*"  # key of a language-neutral text


def fold(text: str) -> str:
    """Lowercase without accents, so that 'Durée' and 'duree', 'débat' and 'debat' match."""
    norm = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(c for c in norm if not unicodedata.combining(c))


def is_localized(value: Any) -> bool:
    """A mapping whose keys are all language codes: {fr: ..., en: ...}."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGS)


def pick(value: Any, lang: str) -> tuple[Any, str | None]:
    """(value in `lang`, the language actually used when it is a fallback, else None)."""
    if isinstance(value, dict) and (ANY in value or is_localized(value)):
        if ANY in value:
            return value[ANY], None
        if lang in value and value[lang] not in (None, ""):
            return value[lang], None
        for other in LANGS:
            if other in value and value[other] not in (None, ""):
                return value[other], other
        return "", None
    return value, None


def tr(value: Any, lang: str) -> str:
    """A text in `lang`, or in another language with a visible '[xx] ' mark."""
    if value is None:
        return ""
    text, fallback = pick(value, lang)
    if text is None:
        return ""
    return f"[{fallback}] {text}" if fallback else str(text)


def has(value: Any, lang: str) -> bool:
    """Whether a text exists in `lang` itself (not by fallback)."""
    if value is None:
        return True
    _, fallback = pick(value, lang)
    return fallback is None
