"""`facilitation cards`: real PDFs read back."""

import filecmp
from pathlib import Path

import pytest
from pdfcheck import boxes, check_fonts_embedded, has_trimbox_on_every_page, metadata, text
from pypdf import PdfReader

MM = 72 / 25.4


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    from click.testing import CliRunner

    from facilitation.cli import main

    out = tmp_path_factory.mktemp("cards")
    r = CliRunner().invoke(
        main,
        ["cards", "debat-mouvant", "chapeaux-de-bono", "personas", "-o", str(out)],
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    return out


def test_files_and_pages(decks):
    names = sorted(p.name for p in decks.iterdir())
    assert "debat-mouvant-cartes-a5.pdf" in names
    assert "debat-mouvant-fiche-a5.pdf" in names  # the whole method: A6 cannot hold it
    assert "debat-mouvant-panneaux-a4.pdf" in names
    assert "chapeaux-de-bono-cartes-poker.pdf" in names
    assert "personas-cartes-a6.pdf" in names
    hats = PdfReader(str(decks / "chapeaux-de-bono-cartes-poker.pdf"))
    assert len(hats.pages) == 2  # six hats on one sheet, then the backs


def test_trimbox_on_every_page_and_cards_of_the_declared_size(decks):
    for pdf in decks.glob("*.pdf"):
        assert has_trimbox_on_every_page(pdf), pdf.name
    media, trim, bleed = boxes(decks / "debat-mouvant-cartes-a5.pdf")[0]
    # statements print on A5 cards to be read across the room: one a sheet, 148 x 210 mm
    assert round((trim[2] - trim[0]) / MM, 2) == 148.0
    assert round((trim[3] - trim[1]) / MM, 2) == 210.0
    assert bleed == trim


def test_fonts_embedded_subset_and_print_preferences(decks):
    for pdf in decks.glob("*.pdf"):
        assert check_fonts_embedded(pdf)
    prefs = metadata(decks / "debat-mouvant-cartes-a5.pdf")["/ViewerPreferences"]
    assert "/PrintScaling" in prefs and "/None" in prefs
    assert "/DuplexFlipLongEdge" in prefs


def test_texts_printed_whole(decks):
    t = " ".join(text(decks / "debat-mouvant-cartes-a5.pdf").split())
    for statement in ("L’innovation, ça coûte cher.", "Les labos d’innovation"):
        assert statement in t
    hats = text(decks / "chapeaux-de-bono-cartes-poker.pdf")
    for hat in (
        "Chapeau blanc",
        "Chapeau rouge",
        "Chapeau noir",
        "Chapeau jaune",
        "Chapeau vert",
        "Chapeau bleu",
    ):
        assert hat in hats
    signs = text(decks / "debat-mouvant-panneaux-a4.pdf")
    assert "OUI" in signs and "NON" in signs


def test_byte_identical_runs(decks, tmp_path, run):
    assert (
        run("cards", "debat-mouvant", "chapeaux-de-bono", "personas", "-o", tmp_path).exit_code == 0
    )
    for f in decks.iterdir():
        assert filecmp.cmp(f, tmp_path / f.name, shallow=False), f.name


def pack(tmp_path: Path, statements: list[str], extra: str = "") -> Path:
    lib = tmp_path / "lib"
    lib.mkdir(exist_ok=True)
    items = "\n".join(
        f"        - {s!r}" if "'" not in s else f'        - "{s}"' for s in statements
    )
    (lib / "debat-test.yaml").write_text(
        "extends: debat-mouvant\nparameters:\n  statements:\n    default:\n      fr:\n"
        + items
        + "\n"
        + extra,
        encoding="utf-8",
    )
    return lib


def test_markup_characters_print_as_typed_with_french_spacing(tmp_path, run):
    lib = pack(tmp_path, ["R&D <urgent> « vite » !", "R&D <urgent> «vite»!"])
    out = tmp_path / "out"
    r = run("cards", "debat-test", "--library", lib, "-o", out)
    assert r.exit_code == 0, r.output
    t = text(out / "debat-test-cartes-a5.pdf")
    flat = " ".join(t.replace("\u00a0", " ").split())
    # both print exactly so: French spaces added where missing, markup characters kept
    assert flat.count("R&D <urgent> « vite » !") == 2
    for line in t.splitlines():  # the no-break spaces keep « vite » ! on one line
        if "vite" in line:
            assert "«" in line and "»" in line and "!" in line


def test_french_punctuation_never_starts_a_line(tmp_path, run):
    words = "mot " * 9
    lib = pack(tmp_path, [f"{words}vraiment ? {words}oui ! {words}non ; fin : suite"])
    out = tmp_path / "out"
    assert run("cards", "debat-test", "--library", lib, "-o", out).exit_code == 0
    for line in text(out / "debat-test-cartes-a5.pdf").splitlines():
        assert not line.strip().startswith(("?", "!", ";", ":", "»"))


def test_text_too_long_is_named_not_clipped(tmp_path, run):
    lib = pack(tmp_path, ["Une affirmation courte.", "trop " * 990])  # under 5 000 characters
    out = tmp_path / "out"
    r = run("cards", "debat-test", "--library", lib, "-o", out)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "debat-test / affirmations #2" in r.output and "ne tient pas" in r.output  # French
    assert not out.exists()


def test_missing_glyphs_reported_before_rendering(tmp_path, run):
    lib = pack(tmp_path, ["Un chat 猫 ici"])
    out = tmp_path / "out"
    r = run("cards", "debat-test", "--library", lib, "-o", out)
    assert r.exit_code == 1 and "U+732B" in r.output and not out.exists()


@pytest.mark.parametrize("duplex", ["short", "none", "fold"])
def test_other_duplex_modes(duplex, tmp_path, run):
    r = run(
        "cards",
        "debat-mouvant",
        "--duplex",
        duplex,
        "--format",
        "mini",
        "--sheet",
        "letter",
        "--copies",
        "3",
        "-o",
        tmp_path,
    )
    assert r.exit_code == 0, r.output
    pdf = PdfReader(str(tmp_path / "debat-mouvant-cartes-mini.pdf"))
    assert [round(float(x)) for x in pdf.pages[0].mediabox[2:]] == [612, 792]
    # 9 cards (3 copies x 3 statements): one sheet holds 12 mini cards, or 6 folded pairs
    expected = {"short": 2, "none": 1, "fold": 2}[duplex]
    assert len(pdf.pages) == expected


def test_bleed_grows_the_bleed_box(tmp_path, run):
    assert run("cards", "debat-mouvant", "--bleed", "3mm", "-o", tmp_path).exit_code == 0
    media, trim, bleed = boxes(tmp_path / "debat-mouvant-cartes-a5.pdf")[0]
    assert round((trim[0] - bleed[0]) / MM, 2) == 3.0


def test_pictures_must_stay_inside_their_folder(tmp_path, run):
    from PIL import Image

    lib = tmp_path / "lib"
    (lib / "images").mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 80, 20)).save(lib / "images" / "marche.jpg")
    Image.new("RGB", (40, 30), (20, 80, 200)).save(tmp_path / "secret.png")
    (lib / "derive-test.yaml").write_text(
        "extends: derive-creative\nparameters:\n  pictures:\n    default: [images/marche.jpg]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = run("cards", "derive-test", "--library", lib, "-o", out)
    assert r.exit_code == 0, r.output
    assert any(p.name.startswith("derive-test-cartes") for p in out.iterdir())
    (lib / "derive-test.yaml").write_text(
        "extends: derive-creative\nparameters:\n  pictures:\n    default: [../secret.png]\n",
        encoding="utf-8",
    )
    bad = run("cards", "derive-test", "--library", lib, "-o", tmp_path / "out2")
    assert bad.exit_code == 1 and "doit être un chemin dans son dossier" in bad.output
    assert not (tmp_path / "out2").exists()
