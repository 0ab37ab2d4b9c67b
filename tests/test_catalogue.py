"""The message catalogue: every message the code marks has its French translation, with the
same placeholders, and the catalogue reads the same from the .po files (a checkout) as from
the .mo that Babel compiles into the wheel."""

from __future__ import annotations

import gettext
import re
from io import BytesIO
from pathlib import Path

import pytest
from conftest import ROOT

from facilitation.text.messages import (
    LOCALE_DIR,
    Catalogue,
    compile_po,
    parse_po,
    po_files,
    read_catalogues,
)

FR = LOCALE_DIR / "fr" / "LC_MESSAGES"
FIELD = re.compile(r"\{[^{}]*\}|%\([a-z]+\)s")


def _extracted() -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, plural) of every message the code marks, by Babel's extraction with
    the project's babel.cfg (what `pybabel extract` finds)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)

    def only_package(dirname: str) -> bool:
        rel = Path(dirname).resolve().relative_to(ROOT)
        return not rel.parts or rel.parts[0] == "facilitation"

    out = []
    for _file, _line, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map, directory_filter=only_package
    ):
        if isinstance(message, tuple):
            out.append((context, message[0], message[1]))
        else:
            out.append((context, message, None))
    return out


@pytest.fixture(scope="module")
def extracted():
    found = _extracted()
    assert len(found) > 500  # the extraction did find the code's messages
    return found


@pytest.fixture(scope="module")
def french():
    catalogue, plural = read_catalogues(po_files(FR))
    assert plural.replace(" ", "") in ("(n>1)", "n>1")  # French: 0 and 1 are singular
    return catalogue


def test_every_message_has_its_french_translation(extracted, french):
    missing = []
    for context, msgid, plural in extracted:
        key = f"{context}\x04{msgid}" if context else msgid
        if plural is None:
            if not french.get(key):
                missing.append(msgid)
        elif not (french.get((key, 0)) and french.get((key, 1))):
            missing.append(f"{msgid} / {plural}")
    assert not missing, "messages without a French translation:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders():
    """A translation that loses or renames a {placeholder} would fail at run time."""
    bad = []
    for po in po_files(FR):
        entries, _rule = parse_po(po.read_text(encoding="utf-8"))
        for e in entries:
            msgid = str(e["msgid"])
            if not msgid:
                continue
            pairs = []
            forms = e.get("msgstr[]")
            if isinstance(forms, list):  # French: [0] for 0 and 1, [1] for more
                pairs = [(msgid, forms[0]), (str(e["msgid_plural"]), forms[1])]
            elif e.get("msgstr"):
                pairs = [(msgid, str(e["msgstr"]))]
            for source, said in pairs:
                want = set(FIELD.findall(source.replace("{{", "").replace("}}", "")))
                got = set(FIELD.findall(said.replace("{{", "").replace("}}", "")))
                if want != got:
                    bad.append(f"{po.name}: {msgid!r} -> {said!r}")
    assert not bad, "\n".join(bad)


def test_french_messages_quote_the_french_way():
    """« » around names in French, never 'x' (the English quotes of the msgids)."""
    entries, _rule = parse_po((FR / "facilitation.po").read_text(encoding="utf-8"))
    bad = []
    for e in entries:
        forms = e.get("msgstr[]") or [e.get("msgstr", "")]
        for said in forms:  # type: ignore[union-attr]
            if re.search(r"(^|[\s(])'[^'\s]", str(said)) and "!r}" not in str(said):
                bad.append(str(said))
    assert not bad, "\n".join(bad)


def test_checkout_reader_matches_the_compiled_catalogue():
    """The .po reader of a checkout and the .mo Babel builds for the wheel agree on every
    message, plural forms and contexts included."""
    pos = po_files(FR)
    mine, plural = read_catalogues(pos)
    compiled = gettext.GNUTranslations(BytesIO(compile_po(pos)))
    ours = Catalogue(mine, plural)
    checked = 0
    for key in mine:
        if isinstance(key, tuple):
            msgid, _index = key
            context, _, bare = msgid.rpartition("\x04")
            for n in (0, 1, 2, 5):
                if context:
                    a = ours.npgettext(context, bare, bare + "s", n)
                    b = compiled.npgettext(context, bare, bare + "s", n)
                else:
                    a, b = ours.ngettext(bare, bare, n), compiled.ngettext(bare, bare, n)
                assert a == b, (msgid, n)
        else:
            context, _, bare = key.rpartition("\x04")
            if context:
                assert ours.pgettext(context, bare) == compiled.pgettext(context, bare)
            else:
                assert ours.gettext(bare) == compiled.gettext(bare), key
        checked += 1
    assert checked > 500
    assert ours.ngettext("{n} sheet", "{n} sheets", 1) == "{n} feuille"
    assert ours.ngettext("{n} sheet", "{n} sheets", 0) == "{n} feuille"
    assert ours.ngettext("{n} sheet", "{n} sheets", 2) == "{n} feuilles"


def test_fragments_add_to_the_main_catalogue(tmp_path):
    """Another branch's fragment (<branch>.po) is read with the main catalogue; the main one
    wins where both translate a message."""
    main = tmp_path / "facilitation.po"
    main.write_text((FR / "facilitation.po").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "autre.po").write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "a new message"\nmsgstr "un nouveau message"\n\n'
        'msgid "error"\nmsgstr "bogue"\n\n'
        'msgid "{n} crate"\nmsgid_plural "{n} crates"\nmsgstr[0] "{n} caisse"\n'
        'msgstr[1] "{n} caisses"\n',
        encoding="utf-8",
    )
    pos = po_files(tmp_path)
    assert [p.name for p in pos] == ["autre.po", "facilitation.po"]
    catalogue, _rule = read_catalogues(pos)
    assert catalogue["a new message"] == "un nouveau message"
    assert catalogue["error"] == "erreur"
    assert catalogue[("{n} crate", 1)] == "{n} caisses"
    compiled = gettext.GNUTranslations(BytesIO(compile_po(pos)))
    assert compiled.gettext("a new message") == "un nouveau message"
    assert compiled.gettext("error") == "erreur"


def test_the_template_lists_the_code_messages(extracted):
    """facilitation/locale/facilitation.pot is what `pybabel extract` gives today."""
    entries, _rule = parse_po((LOCALE_DIR / "facilitation.pot").read_text(encoding="utf-8"))
    in_pot = {(e.get("msgctxt"), e["msgid"]) for e in entries if e["msgid"]}
    in_code = {(c, m) for c, m, _p in extracted}
    assert in_pot == in_code, (
        "regenerate it: pybabel extract -F babel.cfg -o facilitation/locale/facilitation.pot "
        "--no-location --sort-output -w 100 ."
    )


def test_language_is_set_for_the_run():
    from facilitation.text.messages import _, language, ngettext, set_language

    set_language("fr")
    assert language() == "fr" and _("warning") == "attention"
    assert ngettext("{n} page", "{n} pages", 1).format(n=1) == "1 page"
    set_language("en")
    assert _("warning") == "warning"
    assert ngettext("{n} page", "{n} pages", 0).format(n=0) == "0 pages"
