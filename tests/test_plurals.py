"""Plurals right everywhere, in both languages: the kits of the five examples (guide,
checklist, agendas, booklet, assembly maps, manifest) and what the command line says hold no
"1 feuilles", "1 sheets", "0 sheet" (English) or "0 feuilles" (French: 0 is singular), and no
"3 feuille"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE_NAMES, ROOT
from pypdf import PdfReader

from facilitation.text.messages import LOCALE_DIR, parse_po

LANGS = ("fr", "en")

NUMBERED = re.compile(r"\{n\} (\w+)")


def word_pairs(lang: str) -> set[tuple[str, str]]:
    """(singular, plural) of the words the program counts things in: the catalogue's plural
    messages ('{n} sheet' / '{n} sheets') and the units of the materials catalogue."""
    out = set()
    po = LOCALE_DIR / "fr" / "LC_MESSAGES" / "facilitation.po"
    entries, _rule = parse_po(po.read_text(encoding="utf-8"))
    for e in entries:
        if "msgid_plural" not in e:
            continue
        forms = (e["msgid"], e["msgid_plural"]) if lang == "en" else e["msgstr[]"]
        one, many = (NUMBERED.search(str(f)) for f in forms)  # type: ignore[union-attr]
        if one and many and one.group(1) != many.group(1):
            out.add((one.group(1), many.group(1)))
    catalogue = yaml.safe_load((ROOT / "cards" / "materials.yaml").read_text(encoding="utf-8"))
    for item in catalogue.values():
        forms = (item.get("unit") or {}).get(lang)
        if forms and forms[0] != forms[1]:
            out.add((forms[0].split()[0], forms[1].split()[0]))
    return out


COUNTED = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?) (\w+)(?![\w-])")  # not a file name


def plural_mistakes(text: str, lang: str) -> list[str]:
    """'1 <plural>', '0 <wrong form>', 'N <singular>' for N > 1."""
    pairs = word_pairs(lang)
    singular = {one for one, many in pairs}
    plural = {many for one, many in pairs}
    found = []
    for m in COUNTED.finditer(" ".join(text.split())):
        number, word = m.group(1), m.group(2)
        if not number.isdigit():
            continue  # 1,5 mètre / 1.5 metres: CLDR rules, checked elsewhere
        n = int(number)
        wrong = (
            (n == 1 and word in plural and word not in singular)
            or (n == 0 and lang == "fr" and word in plural and word not in singular)
            or (n == 0 and lang == "en" and word in singular and word not in plural)
            or (n > 1 and word in singular and word not in plural)
        )
        if wrong:
            found.append(m.group(0))
    return found


def test_the_scan_finds_the_mistakes_it_looks_for():
    assert sorted(plural_mistakes("wrote 1 pages, 0 sheet", "en")) == ["0 sheet", "1 pages"]
    assert sorted(plural_mistakes("1 appareils, 0 feuilles, 3 feutre", "fr")) == [
        "0 feuilles",
        "1 appareils",
        "3 feutre",
    ]
    assert not plural_mistakes("1 appareil, 0 feuille, 3 feutres, 2,5 mètres", "fr")
    assert not plural_mistakes("1 device, 0 sheets, 3 markers", "en")


def _kit_texts(kit: Path) -> str:
    """The kit's texts where it counts things: guide, checklist, agendas, booklet cover,
    the assembly maps, the Markdown and HTML agendas and the manifest."""
    parts = []
    for pdf in sorted(kit.glob("0*.pdf")):
        pages = PdfReader(pdf).pages
        if "livret" in pdf.name or "booklet" in pdf.name or "deroule" in pdf.name:
            pages = pages[:2]
        parts += [p.extract_text() or "" for p in pages]
    for pdf in sorted(kit.glob("*/*-sur-a4.pdf")) + sorted(kit.glob("*/*-on-a4.pdf")):
        parts.append(PdfReader(pdf).pages[0].extract_text() or "")
    for f in sorted(kit.glob("*.md")) + sorted(kit.glob("*.html")) + sorted(kit.glob("*.json")):
        parts.append(f.read_text(encoding="utf-8"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def kits(example_kits):
    """The kits of the five examples, in French and in English, and what the command line
    said while making them (built once for the whole run: conftest.example_kits)."""
    return {(name, lang): example_kits(name, lang) for name in EXAMPLE_NAMES for lang in LANGS}


def test_example_kits_count_right(kits):
    assert len(kits) == 10
    for (name, lang), (folder, said) in kits.items():
        text = _kit_texts(folder)
        assert len(text) > 5000, (name, lang)
        assert not plural_mistakes(text, lang), (name, lang, plural_mistakes(text, lang))
        assert not plural_mistakes(said, lang), (name, lang, said)
        lines = said.strip().splitlines()
        if lang == "fr":
            said_fr = r"^\d+ fichiers écrits dans .* : \d+ PDF, \d+ pages \("
            assert any(re.search(said_fr, x) for x in lines), said
            paper_fr = r"^papier : \d+ feuilles? A4 : votre imprimante$"
            assert any(re.search(paper_fr, x) for x in lines)
        else:
            said_en = r"^wrote \d+ files to .*: \d+ PDFs, \d+ pages \("
            assert any(re.search(said_en, x) for x in lines), said
            assert any(re.search(r"^paper: \d+ A4 sheets?: your printer$", x) for x in lines)


def test_checklist_units_singular_and_plural(tmp_path):
    """One timer, two timers; one pad of sticky notes, two pads."""
    from facilitation.load.library import Library
    from facilitation.load.sessions import load_session
    from facilitation.plan.quantities import material_needs
    from facilitation.plan.schedule import schedule
    from facilitation.text.messages import set_language
    from facilitation.view.checklist import checklist_lines

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "chrono.yaml").write_text(
        "title: Chrono\nduration: 20\nsteps: [{title: Un, minutes: 20, instructions: Faire.}]\n"
        "materials:\n  - {item: timer, quantity: 1, per: facilitator}\n"
        "  - {item: sticky-notes, quantity: 50, per: group}\n"
        "  - {item: kraft-paper, quantity: 1.5}\n"
        "configuration: 3 groupes\n",
        encoding="utf-8",
    )
    session = tmp_path / "s.yaml"
    session.write_text(
        "programme: X\ntitle: Y\nparticipants: 12\nfacilitators: [{who}]\ndays:\n"
        "  - date: 2027-03-12\n    blocks: [{exercise: chrono}]\n",
        encoding="utf-8",
    )

    def lines(lang: str, facilitators: str) -> dict[str, str]:
        session.write_text(
            session.read_text(encoding="utf-8").split("facilitators:")[0]
            + f"facilitators: [{facilitators}]\ndays:\n"
            "  - date: 2027-03-12\n    blocks: [{exercise: chrono}]\n",
            encoding="utf-8",
        )
        set_language(lang)
        plan = schedule(load_session(session, Library([lib])))
        needs = checklist_lines(material_needs(plan, lang), lang)
        return {n.item: f"{n.quantity:g} {n.unit}" for n in needs}

    fr1 = lines("fr", "Alice")
    assert fr1["timer"] == "1 minuteur" and fr1["sticky-notes"] == "150 feuillets"
    assert fr1["kraft-paper"] == "1.5 mètre"  # French: 1,5 takes the singular
    fr2 = lines("fr", "Alice, Bob")
    assert fr2["timer"] == "2 minuteurs"
    en1 = lines("en", "Alice")
    assert en1["timer"] == "1 timer" and en1["kraft-paper"] == "1.5 metres"
    en2 = lines("en", "Alice, Bob")
    assert en2["timer"] == "2 timers"
