"""Everything the program says goes through one gettext catalogue, in French and English.

Messages are written in English in the code and marked with `_()` (or `ngettext()` when a
number decides the form: "1 appareil", "2 appareils"); the French catalogue is
`facilitation/locale/fr/LC_MESSAGES/*.po` (one file, or several that are read as one). The
wheel carries them compiled (facilitation.mo, made by setup.py when the package is built); a
checkout compiles the .po files in memory the first time they are needed, with Babel.

The language is set once per run (`set_language`), from --lang, FACILITATION_LANG, the
`lang:` of facilitation.yaml or the session's `language`, in that order; French when none.
Why one global language: a run speaks one language, and every layer then says its words
without a `lang` argument passed down to it.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

DOMAIN = "facilitation"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "fr"

_state: dict[str, gettext.NullTranslations | str] = {
    "lang": DEFAULT,
    "translations": gettext.NullTranslations(),
}


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of a language (English: the messages as written)."""
    if lang == "en":
        return gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    pos = sorted(folder.glob("*.po"))
    mo = folder / f"{DOMAIN}.mo"
    newest = max((p.stat().st_mtime for p in pos), default=0.0)
    if mo.is_file() and mo.stat().st_mtime >= newest:
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if pos:
        return gettext.GNUTranslations(BytesIO(compile_po(pos)))
    return gettext.NullTranslations()


def compile_po(pos: list[Path]) -> bytes:
    """.po catalogues compiled together to .mo bytes (Babel); the first file gives the
    header (its plural rule)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = None
    for po in pos:
        with po.open("rb") as f:
            part = read_po(f)
        if catalog is None:
            catalog = part
            continue
        for message in part:
            if message.id and message.string:
                catalog[message.id] = message
    out = BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def set_language(lang: str) -> None:
    """Speak `lang` (fr or en) from now on."""
    _state["lang"] = lang
    _state["translations"] = translations(lang)


def language() -> str:
    return str(_state["lang"])


def _(message: str) -> str:
    """A message in the run's language."""
    t = _state["translations"]
    assert isinstance(t, gettext.NullTranslations)
    return t.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that a number needs ("1 sheet", "2 sheets"), in the run's
    language, by that language's plural rule (French: 0 and 1 are singular)."""
    t = _state["translations"]
    assert isinstance(t, gettext.NullTranslations)
    return t.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on a context (a word used in two senses)."""
    t = _state["translations"]
    assert isinstance(t, gettext.NullTranslations)
    return t.pgettext(context, message)


def gettext_in(lang: str, message: str) -> str:
    """A message in a given language, for an output printed in a language of its own (an
    agenda in English from a French run)."""
    return translations(lang).gettext(message)


def ngettext_in(lang: str, singular: str, plural: str, n: int) -> str:
    """ngettext in a given language (see gettext_in)."""
    return translations(lang).ngettext(singular, plural, n)
