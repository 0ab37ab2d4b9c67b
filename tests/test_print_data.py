"""A library's print data (cards/ folder): every file validated, every problem with its file
and line, never a traceback; overrides by id; and the built-in files valid."""

from __future__ import annotations

import pytest

from facilitation.errors import UserError
from facilitation.load import printdata


@pytest.fixture
def pack(tmp_path, monkeypatch):
    """A library folder with a cards/ subfolder, registered for the print data."""
    (tmp_path / "cards" / "canvases").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    printdata.set_user_dirs([tmp_path])
    yield tmp_path
    printdata.set_user_dirs([])


def _problems(call) -> list[str]:
    with pytest.raises(UserError) as err:
        call()
    return [p.format() for p in err.value.problems]


def test_builtin_print_data_is_valid():
    printdata.set_user_dirs([])
    assert {"a4", "a3", "letter", "a1"} <= set(printdata.sheets())
    assert printdata.card_format("poker").width == 63
    assert printdata.theme("mono").arcs["open"].colour == "#444444"  # extends default
    assert printdata.theme("mono").swatches["red"]  # inherited
    assert printdata.catalogue()["markers"].reusable
    for layout_id in printdata.canvas_layout_ids():
        assert printdata.canvas_layout(layout_id).title
    assert printdata.card_layouts()["persona"].format == "a6"


def test_a_colour_in_words_is_an_error_at_its_line(pack):
    (pack / "cards" / "themes.yaml").write_text(
        "maison:\n  extends: default\n  ink: vert\n", encoding="utf-8"
    )
    (msg,) = _problems(lambda: printdata.theme("maison"))
    assert msg.startswith("cards/themes.yaml:3:8: error: maison.ink:")
    assert "#RRGGBB" in msg


def test_a_card_format_without_height(pack, run):
    (pack / "cards" / "formats.yaml").write_text("carre: {width: 80, label: Carré}\n", "utf-8")
    (msg,) = _problems(lambda: printdata.card_format("carre"))
    assert "cards/formats.yaml:1" in msg and "missing required key 'height'" in msg
    r = run("cards", "debat-mouvant", "--format", "carre", "--library", pack, "-o", pack / "o")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "height" in r.output and not (pack / "o").exists()


def test_wrong_types_anywhere_in_cards(pack):
    (pack / "cards" / "sheets.yaml").write_text(
        "grand: {width: large, height: 900, label: Grand}\n", "utf-8"
    )
    (msg,) = _problems(printdata.sheets)
    assert "cards/sheets.yaml:1" in msg and "grand.width" in msg
    (pack / "cards" / "materials.yaml").write_text(
        "ficelle:\n  label: Ficelle\n  reusable: souvent\n", "utf-8"
    )
    (msg,) = _problems(printdata.catalogue)
    assert "cards/materials.yaml:3" in msg and "ficelle.reusable" in msg
    (pack / "cards" / "canvases" / "mur.yaml").write_text(
        "title: Mur\nkind: columns\ncolumns: beaucoup\n", "utf-8"
    )
    (pack / "cards" / "canvases" / "grille.yaml").write_text(
        "title: Grille\nkind: grid\ncolumns: [a, b]\n", "utf-8"
    )
    msgs = _problems(lambda: printdata.canvas_layout("mur"))
    assert all("cards/canvases/mur.yaml:3" in m for m in msgs)
    (msg,) = _problems(lambda: printdata.canvas_layout("grille"))
    assert "needs rows" in msg


def test_ids_that_become_file_names_are_safe(pack):
    (pack / "cards" / "sheets.yaml").write_text(
        "'../../evil': {width: 100, height: 100, label: x}\n", "utf-8"
    )
    (msg,) = _problems(printdata.sheets)
    assert "not a valid id" in msg and "cards/sheets.yaml:1" in msg


def test_absurd_sizes_are_refused(pack):
    (msg,) = _problems(lambda: printdata.card_format("9000x20"))
    assert "9000x20" in msg
    (pack / "cards" / "formats.yaml").write_text(
        "geant: {width: 10000, height: 10000, label: Géant}\n", "utf-8"
    )
    printdata.set_user_dirs([pack])  # read again (tables are read once per run)
    msgs = _problems(lambda: printdata.card_format("geant"))
    assert any("geant.width" in m for m in msgs) and any("geant.height" in m for m in msgs)


def test_overrides_by_id(pack):
    (pack / "cards" / "formats.yaml").write_text(
        "poker: {width: 64, height: 89, label: Poker maison}\n", "utf-8"
    )
    assert printdata.card_format("poker").width == 64
    assert printdata.card_format("tarot").width == 70  # the rest stays
    (pack / "cards" / "themes.yaml").write_text(
        "default:\n  font: SourceSans3\n  ink: '#000000'\n  muted: '#555555'\n  rule: '#999999'\n"
        "  paper: '#ffffff'\n  arcs: {open: {colour: '#ff0000', mark: O}}\n",
        "utf-8",
    )
    (msg,) = _problems(lambda: printdata.theme("default"))
    assert "no colour for" in msg and "explore" in msg


def test_exercise_naming_an_unknown_layout(pack, run):
    (pack / "mur.yaml").write_text(
        "title: Mur\nduration: 10\nsteps: [{title: Un, minutes: 10, instructions: Faire.}]\n"
        "supports: [{id: mur, kind: canvas, layout: parcours-utilisatuer}]\n",
        "utf-8",
    )
    r = run("validate", "--library", pack, "--lang", "en")
    assert r.exit_code == 1
    assert "mur.yaml:4" in r.output and "did you mean 'parcours-utilisateur'" in r.output
