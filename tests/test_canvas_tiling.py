"""Canvases at real size and tiled onto office paper."""

import pytest
from pdfcheck import check_fonts_embedded, text
from pypdf import PdfReader

from facilitation.layout.tiling import tile

MM = 72 / 25.4


@pytest.mark.parametrize("canvas,sheets", [((420, 297), 4), ((841, 594), 12), ((1189, 841), 21)])
def test_tile_counts_match_print_numbers(canvas, sheets):
    assert len(tile(*canvas, 210, 297).tiles) == sheets


def test_a1_on_a4_neighbours_overlap_by_the_set_amount_and_cover_everything():
    t = tile(841, 594, 210, 297, overlap=10)
    by = {(x.row, x.col): x.window for x in t.tiles}
    for (r, c), w in by.items():
        if (r, c + 1) in by:
            right = by[(r, c + 1)]
            assert round(w.right - right.x, 6) == 10
            assert (w.y, w.h) == (right.y, right.h)
        if (r + 1, c) in by:
            below = by[(r + 1, c)]
            assert round(below.top - w.y, 6) == 10
    xs = sorted({(w.x, w.right) for w in by.values()})
    assert xs[0][0] == 0 and round(xs[-1][1], 6) == 841
    ys = [w for (r, c), w in by.items() if c == 0]
    assert round(max(w.top for w in ys), 6) == 594 and min(w.y for w in ys) == 0
    pw, ph = t.printable
    assert all(w.w <= pw + 1e-6 and w.h <= ph + 1e-6 for w in by.values())


def test_labels_run_in_reading_order():
    t = tile(841, 594, 210, 297)
    assert [x.label for x in t.tiles] == [
        f"{r}{c}" for r in "ABCD"[: t.rows] for c in range(1, t.cols + 1)
    ]
    assert [(x.row, x.col) for x in t.tiles] == sorted((x.row, x.col) for x in t.tiles)


def test_fit_to_n_sheets_scales_down():
    t = tile(841, 594, 210, 297, max_sheets=6)
    assert len(t.tiles) <= 6 and t.scale < 1


def test_tiled_parcours_utilisateur_pdf(tmp_path, run):
    r = run("canvas", "parcours-utilisateur", "--size", "a1", "--tile", "a4", "-o", tmp_path)
    assert r.exit_code == 0, r.output
    (pdf,) = tmp_path.glob("*.pdf")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 13  # the assembly map, then 12 tiles
    sizes = {tuple(round(float(v)) for v in p.mediabox[2:]) for p in reader.pages}
    assert sizes <= {(595, 842), (842, 595)}
    t = text(pdf)
    assert "Plan d’assemblage" in t or "Plan d'assemblage" in t
    flat = t.replace("\u00a0", " ")
    assert "4 lignes × 3 colonnes : 12 feuilles" in flat  # the map says it plainly
    for label in ("A1\nligne 1 sur 4, colonne 1 sur 3", "B2\nligne 2 sur 4, colonne 2 sur 3"):
        assert label in flat
    check_fonts_embedded(pdf)


def test_real_size_canvas_and_readable_type(tmp_path, run):
    r = run("canvas", "parcours-utilisateur", "-o", tmp_path, "--lang", "en")
    assert r.exit_code == 0
    (pdf,) = tmp_path.glob("*.pdf")
    page = PdfReader(str(pdf)).pages[0]
    assert [round(float(v) / MM) for v in page.mediabox[2:]] == [841, 594]
    t = text(pdf)
    assert "User journey" in t and "Touchpoints" in t


def test_zones_hold_real_sticky_notes():
    from facilitation.layout.canvas import geometry
    from facilitation.load.printdata import canvas_layout
    from facilitation.view.canvas import resolve

    layout = resolve(canvas_layout("freins-leviers").as_data(), None, None, "fr")
    g = geometry(layout, {}, lambda v: v if isinstance(v, str) else v["fr"], 841, 594)
    zones = [z for z in g.zones if z.kind == "zone"]
    assert len(zones) == 2
    assert all(g.sticky_capacity(z) >= 10 for z in zones)
    assert g.sizes["title"] >= 60 and g.sizes["heading"] >= 30  # readable from 2 m on A1


def test_every_layout_renders(tmp_path, run):
    from facilitation.load.printdata import canvas_layout_ids

    for layout in canvas_layout_ids():
        r = run("canvas", layout, "-o", tmp_path / layout)
        assert r.exit_code == 0, (layout, r.output)


def test_persona_canvas_one_per_persona_filled(tmp_path, run):
    """One's own personas: a canvas each, filled, then a blank one. The built-in personas
    come from another case: alone, the exercise prints its blank canvas, and says so."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "personas-jeunesse.yaml").write_text(
        "extends: personas\nparameters:\n  personas:\n    default:\n"
        "      - {name: 'Léa, 19 ans', situation: En service civique}\n"
        "      - {name: 'Yanis, 23 ans', situation: Apprenti boulanger}\n",
        encoding="utf-8",
    )
    r = run("canvas", "personas-jeunesse", "--library", lib, "-o", tmp_path / "own")
    assert r.exit_code == 0, r.output
    (pdf,) = (tmp_path / "own").glob("*.pdf")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 3  # two filled personas, then a blank one
    assert "Léa" in reader.pages[0].extract_text()
    assert "Mathieu" not in r.output
    r = run("canvas", "personas", "-o", tmp_path / "alone")
    assert r.exit_code == 0 and "personas / personas" in r.output  # the warning
    (pdf,) = (tmp_path / "alone").glob("*.pdf")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    assert "Mathieu" not in reader.pages[0].extract_text()


def test_a_long_prefilled_value_stays_in_its_box(tmp_path, run):
    """A persona's situation longer than its box on an A4 canvas ran over the needs below it:
    it is now cut at a word with an ellipsis (the persona's card holds it whole), and the
    box's prompt gives its room to the value."""
    from pdfcheck import text_positions

    situation = (
        "Aide-soignante de nuit à l'hôpital de Lorient, deux enfants au collège, pas "
        "d'ordinateur à la maison, elle passe au guichet le samedi matin quand il est fermé "
    ) * 2
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "personas-nuit.yaml").write_text(
        "extends: personas\nparameters:\n  personas:\n    default:\n"
        f"      - {{name: 'Maëlle, 34 ans', situation: \"{situation}\", quote: 'Je passe quand"
        " c''est fermé, forcément, et personne ne répond au téléphone après dix-sept heures.'}\n",
        encoding="utf-8",
    )
    r = run("canvas", "personas-nuit", "--size", "a4", "--library", lib, "-o", tmp_path / "o")
    assert r.exit_code == 0, r.output
    pdf = sorted((tmp_path / "o").glob("*.pdf"))[0]
    runs = text_positions(pdf)[0]
    heading_y = max(y for _x, y, t in runs if t.startswith("Besoins"))
    situation_runs = [(y, t) for _x, y, t in runs if "Aide-soignante" in t]
    assert situation_runs, runs
    assert min(y for y, _t in situation_runs) > heading_y + 10  # above the needs' heading
    page = PdfReader(str(pdf)).pages[0].extract_text()
    assert "…" in page and "Ce qu'il ou elle pourrait dire" not in page
