"""Everything the program says goes through one gettext catalogue, in French and English.

Messages are written in English in the code and marked with `_()` (or `ngettext()` when a
number decides the form: "1 appareil", "2 appareils"); the French catalogue is
`facilitation/locale/fr/LC_MESSAGES/*.po` (the main `facilitation.po` and fragments, read as
one; the main catalogue wins when two give the same message). The wheel carries them compiled
(facilitation.mo, made with Babel by setup.py when the package is built); a checkout reads the
.po files directly, with the small reader below.

Why a reader of our own in a checkout: importing Babel's catalogue tools and parsing with them
takes longer than the whole of `facilitation --help`; the format is simple, and a test checks
that this reader and Babel's compiled catalogue give the same translation for every message.

The language is set once per run (`set_language`), from --lang, FACILITATION_LANG, the
`lang:` of facilitation.yaml or the session's `language`, in that order; French when none.
Why one global language: a run speaks one language, and every layer then says its words
without a `lang` argument passed down to it.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

DOMAIN = "facilitation"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "fr"
MAIN_PO = f"{DOMAIN}.po"

_state: dict[str, gettext.NullTranslations | str | None] = {
    "lang": DEFAULT,
    "translations": None,  # read on first use
}


class Catalogue(gettext.GNUTranslations):
    """A GNU catalogue built from messages already read (no .mo file)."""

    def __init__(self, messages: dict[object, str], plural: str) -> None:
        super().__init__()
        self._catalog = messages  # type: ignore[attr-defined]
        self.plural = gettext.c2py(plural)  # type: ignore[attr-defined]
        self._charset = "UTF-8"  # type: ignore[attr-defined]


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of a language (English: the messages as written)."""
    if lang == "en":
        return gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    pos = po_files(folder)
    mo = folder / f"{DOMAIN}.mo"
    newest = max((p.stat().st_mtime for p in pos), default=0.0)
    if mo.is_file() and mo.stat().st_mtime >= newest:
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if pos:
        messages, plural = read_catalogues(pos)
        return Catalogue(messages, plural)
    return gettext.NullTranslations()


def po_files(folder: Path) -> list[Path]:
    """The .po files of a language: the fragments in name order, the main catalogue last (it
    wins over a fragment that translates the same message)."""
    pos = sorted(folder.glob("*.po"))
    return [p for p in pos if p.name != MAIN_PO] + [p for p in pos if p.name == MAIN_PO]


# -- reading .po files -----------------------------------------------------------------------
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(.)")
_KEY_RE = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+\"(.*)\"\s*$")


def _unquote(s: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), s)


def parse_po(text: str) -> tuple[list[dict[str, object]], str | None]:
    """The entries of a .po text (dicts with msgctxt, msgid, msgid_plural, msgstr or
    msgstr[n] as a list), fuzzy and obsolete ones left out, and its plural rule if it has one."""
    entries: list[dict[str, object]] = []
    plural: str | None = None
    current: dict[str, object] = {}
    fuzzy = False
    last: tuple[str, int | None] | None = None

    def close() -> None:
        nonlocal current, fuzzy, last
        if "msgid" in current and not fuzzy:
            entries.append(current)
        current, fuzzy, last = {}, False, None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("#"):
            if last is not None:  # a comment starts the next entry
                close()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            if last is None:
                continue
            key, index = last
            piece = _unquote(line[1:-1])
            if index is None:
                current[key] = str(current[key]) + piece
            else:
                forms = current[key]
                assert isinstance(forms, list)
                forms[index] += piece
            continue
        m = _KEY_RE.match(line)
        if not m:
            continue
        key, index, value = m.group(1), m.group(2), _unquote(m.group(3))
        if key in ("msgctxt", "msgid") and last is not None and last[0].startswith("msgstr"):
            close()  # an entry without a blank line before it
        if index is not None:
            forms = current.setdefault("msgstr[]", [])
            assert isinstance(forms, list)
            i = int(index)
            while len(forms) <= i:
                forms.append("")
            forms[i] = value
            last = ("msgstr[]", i)
        else:
            current[key] = value
            last = (key, None)
    close()
    for e in entries:
        if e.get("msgid") == "" and "msgctxt" not in e:
            for header in str(e.get("msgstr", "")).splitlines():
                if header.lower().startswith("plural-forms:"):
                    m = re.search(r"plural\s*=\s*([^;]+)", header)
                    if m:
                        plural = m.group(1).strip()
    return entries, plural


def read_catalogues(pos: list[Path]) -> tuple[dict[object, str], str]:
    """Messages of several .po files as one gettext catalogue (keys as GNUTranslations keeps
    them: msgid, (msgid, n) for plural forms, 'context\\x04msgid' with a context); untranslated
    messages are left out, so that they read as written. Returns (catalogue, plural rule)."""
    catalogue: dict[object, str] = {}
    plural = "n != 1"
    for po in pos:
        entries, rule = parse_po(po.read_text(encoding="utf-8"))
        if rule and (po.name == MAIN_PO or plural == "n != 1"):
            plural = rule
        for e in entries:
            msgid = str(e["msgid"])
            if not msgid:
                continue
            if "msgctxt" in e:
                msgid = f"{e['msgctxt']}\x04{msgid}"
            forms = e.get("msgstr[]")
            if isinstance(forms, list):
                if all(forms):
                    for i, form in enumerate(forms):
                        catalogue[(msgid, i)] = form
            elif e.get("msgstr"):
                catalogue[msgid] = str(e["msgstr"])
    return catalogue, plural


def compile_po(pos: list[Path]) -> bytes:
    """.po catalogues compiled together to .mo bytes with Babel (at build time), by the same
    rules as read_catalogues: the main catalogue gives the header (its plural rule) and wins
    over a fragment that translates the same message."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    ordered = [p for p in po_files(pos[0].parent) if p in pos]
    main = [p for p in ordered if p.name == MAIN_PO]
    base = main[0] if main else ordered[0]
    rest = [p for p in ordered if p != base]
    with base.open("rb") as f:
        catalog = read_po(f)
    for po in rest:
        with po.open("rb") as f:
            part = read_po(f)
        for message in part:
            if not message.id or not message.string or message.fuzzy:
                continue
            kept = catalog.get(message.id, message.context)
            if kept is not None and _translated(kept.string):
                continue
            catalog[message.id] = message
    out = BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


# -- speaking ---------------------------------------------------------------------------------
def set_language(lang: str) -> None:
    """Speak `lang` (fr or en) from now on."""
    _state["lang"] = lang
    _state["translations"] = translations(lang)


def language() -> str:
    return str(_state["lang"])


def _current() -> gettext.NullTranslations:
    t = _state["translations"]
    if t is None:
        t = _state["translations"] = translations(language())
    assert isinstance(t, gettext.NullTranslations)
    return t


def _(message: str) -> str:
    """A message in the run's language."""
    return _current().gettext(message)


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it now (help texts, tables of
    words): translate it with _() when it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that a number needs ("1 sheet", "2 sheets"), in the run's
    language, by that language's plural rule (French: 0 and 1 are singular)."""
    return _current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on a context (a word used in two senses)."""
    return _current().pgettext(context, message)


def plural_index(n: float) -> int:
    """Which form a number takes in the run's language (0: singular, 1: plural), by the
    catalogue's own plural rule: for words that are data rather than messages (the units of
    the materials catalogue). A decimal takes the form of its whole part in French (1,5
    mètre) and the plural in English (1.5 metres), as CLDR says."""
    t = _current()
    whole = int(n)
    if n != whole and language() == "en":
        return 1
    rule = getattr(t, "plural", None)
    if rule is None:
        return 0 if whole == 1 else 1
    return 1 if rule(whole) else 0
