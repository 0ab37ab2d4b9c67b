"""Canvases built for the wall: zones sized for 76 mm sticky notes, colour legends and chips
where colours carry meaning, a blank page beside pre-filled ones, text read from two metres,
parameters printed (the change studied, a criterion's signals, a plain list's items), column
prompts in grid headers, English labels from the glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pdfcheck import text
from pypdf import PdfReader

from facilitation.jobs.canvases import CanvasOptions, pages_for
from facilitation.layout.canvas import STICKY, geometry, type_sizes


def flat(path: Path) -> str:
    return " ".join(text(path).split())


def support(ex, support_id):
    return next(s for s in ex.supports if s.id == support_id)


def test_wall_canvases_keep_text_readable_from_two_metres():
    wall = type_sizes(297, 420, wall=True)  # an A3 canvas on the wall
    sheet = type_sizes(210, 297)  # an A4 handout
    assert wall["heading"] >= 24 and wall["body"] >= 20 and wall["prompt"] >= 16
    assert sheet["body"] < 10  # handouts are read in the hand
    g = geometry({"kind": "columns", "title": "T", "_columns": []}, {}, str, 297, 420, wall=True)
    assert g.min_text >= 14


def test_persona_canvas_has_room_for_the_notes_of_each_colour(library):
    ex = library.get("personas")
    size, landscape, pages = pages_for(ex, support(ex, "canevas-persona"), CanvasOptions())
    assert size == "a1" and landscape
    assert len(pages) == 4  # one per persona; the method prints its own blank canvas
    g = pages[0]
    notes = {z.title: z for z in g.zones if z.colour}
    assert set(notes) == {"Besoins", "Freins", "Motivations"}
    assert [notes[k].colour for k in ("Besoins", "Freins", "Motivations")] == [
        "blue",
        "orange",
        "green",
    ]
    for z in notes.values():
        assert not z.lines  # no ruled lines where notes go
        assert g.sticky_capacity(z) >= 6
        assert z.w >= 3 * STICKY
    assert [c for c, _ in g.legend] == ["blue", "orange", "green", "yellow"]
    # pre-filled from the persona, at a size read across the room
    assert notes["Besoins"].value.startswith("• Un seul dossier")
    assert g.sizes["body"] * 1.2 >= 24


def test_the_persona_canvas_pdf_is_in_english_words_of_the_glossary(tmp_path, run):
    out = tmp_path / "out"
    assert run("canvas", "personas", "--lang", "en", "-o", out).exit_code == 0
    t = flat(next(out.glob("*.pdf")))
    assert "Obstacles" in t and "Brakes" not in t
    assert "Blue note: a need" in t and "Orange note: an obstacle" in t


def test_a_blank_page_follows_pre_filled_sheets(library):
    ex = library.get("grille-criteres")
    _, _, pages = pages_for(ex, support(ex, "fiches-criteres"), CanvasOptions())
    assert len(pages) == 7  # six criteria, then a blank one for a criterion added on the day
    filled = [z.value for z in pages[0].zones if z.value]
    assert filled[0] == "Pertinence"
    assert not any(z.value for z in pages[-1].zones)


def test_the_criteria_grid_shows_each_criterions_green_and_red_signal(library):
    ex = library.get("grille-criteres")
    _, _, (g,) = pages_for(ex, support(ex, "grille"), CanvasOptions())
    rows = [z for z in g.zones if z.kind == "header" and z.details]
    assert [z.title for z in rows][:2] == ["Pertinence", "Faisabilité"]
    label, signal, colour = rows[0].details[0]
    assert (label, colour) == ("Vert", "green")
    assert signal.startswith("Un besoin d'usagers")
    assert rows[0].details[1][0] == "Rouge"


@pytest.fixture
def metz(tmp_path):
    session = tmp_path / "metz.yaml"
    session.write_text(
        yaml.safe_dump(
            {
                "programme": "Transfo Metz",
                "title": "Session 4",
                "participants": 16,
                "days": [
                    {
                        "date": "2027-06-15",
                        "blocks": [
                            {
                                "exercise": "freins-leviers",
                                "params": {
                                    "change": "Tester chaque nouveau service avec cinq usagers."
                                },
                            }
                        ],
                    }
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return session


def test_the_change_studied_prints_on_the_obstacles_and_levers_canvas(metz, run):
    out = metz.parent / "kit"
    assert run("kit", metz, "-o", out, "--print-shop").exit_code == 0
    (canvas,) = [p for p in out.rglob("*imprimeur*.pdf") if "Post-it rose" in flat(p)]
    t = flat(canvas)
    assert "Tester chaque nouveau service avec cinq usagers." in t
    assert "Post-it rose : un frein" in t
    assert PdfReader(str(canvas)).pages[0].mediabox[2] > 2000  # A1 landscape, real size


def test_user_layouts_fill_fields_from_list_items_and_text_parameters(tmp_path, run):
    lib = tmp_path / "pack"
    (lib / "cards" / "canvases").mkdir(parents=True)
    (lib / "cards" / "canvases" / "fiche-table.yaml").write_text(
        """title: {fr: Table, en: Table}
size: a4
kind: form
form:
  - fields:
      - {label: {fr: Sujet du jour, en: Topic}, value: {param: sujet}, lines: false}
  - fields:
      - {label: {fr: Question de la table, en: Table question}, value: item, lines: false}
  - fields:
      - {label: {fr: Idées, en: Ideas}}
""",
        encoding="utf-8",
    )
    (lib / "cards" / "canvases" / "bilan.yaml").write_text(
        """title: {fr: Bilan, en: Review}
size: a3
kind: grid
rows: [{fr: Ce qui marche, en: What works}, {fr: Ce qui coince, en: What gets stuck}]
columns:
  - {title: {fr: Usagers, en: Users}, prompt: {fr: Ce qu'ils disent, en: What they say}}
  - {title: {fr: Agents, en: Staff}, prompt: {fr: Ce qu'ils vivent, en: What they go through}}
""",
        encoding="utf-8",
    )
    (lib / "tables-rondes.yaml").write_text(
        yaml.safe_dump(
            {
                "title": {"fr": "Tables rondes", "en": "Round tables"},
                "duration": 30,
                "configuration": "groups of 5",
                "steps": [{"title": "Discuter", "minutes": 30, "instructions": "À chaque table."}],
                "supports": [
                    {"id": "fiches", "kind": "sheet", "layout": "fiche-table", "each": "questions"},
                    {"id": "bilan", "kind": "canvas", "layout": "bilan"},
                ],
                "parameters": {
                    "sujet": {"type": "text", "label": "Sujet", "default": "Le guichet unique"},
                    "questions": {
                        "type": "list",
                        "label": "Questions",
                        "default": ["Qui vient au guichet ?", "Qui n'y vient jamais ?"],
                    },
                },
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = run("canvas", "tables-rondes", "--library", lib, "-o", out)
    assert r.exit_code == 0, r.output
    sheets = flat(next(out.glob("*fiches*.pdf")))
    assert sheets.count("Le guichet unique") == 3  # two questions and the blank sheet
    assert "Qui vient au guichet ?" in sheets and "Qui n’y vient jamais ?" in sheets
    grid = flat(next(out.glob("*canevas*.pdf")))
    assert "Ce qu’ils disent" in grid and "Ce qu’ils vivent" in grid  # column prompts
