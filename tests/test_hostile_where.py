"""The second pass over hostile and absurd input: every problem met while drawing (a card, a
picture, a canvas, a facilitator card) is said at the file and line of the text it is about;
long contents shorten the facilitator card instead of refusing it; characters that are not
text are refused where they are read; `propose` refuses absurd options in one line.

Sessions and packs here are new ones, as other programmes would write them: a youth-card
evening in Occitanie, a library pack from a rural Transfo, a neighbourhood walk.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

EVENING = """\
programme: Transfo Occitanie
title: Carte jeunes, soirée d'essai
participants: 11
days:
  - date: 2027-05-18
    start: 18:00
    end: 21:00
    blocks:
      - {{id: accueil, logistics: welcome, duration: 15 min}}
      - exercise: {exercise}
        id: bloc
        duration: 60 min
{params}      - {{logistics: break, duration: 15 min}}
"""


def evening(folder: Path, exercise: str, params: str = "") -> Path:
    path = folder / "soiree.yaml"
    path.write_text(EVENING.format(exercise=exercise, params=params), encoding="utf-8")
    return path


def refused(r, *words: str) -> str:
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output
    for w in words:
        assert w in r.output, r.output
    return r.output


def where(output: str) -> list[str]:
    """The file:line places the errors are said at."""
    return re.findall(r"(\S+\.ya?ml):(\d+)(?::\d+)?: (?:erreur|error)", output)


def png(width: int, height: int, data: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    head = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


# -- the facilitator card holds long contents -----------------------------------------------
def test_a_hundred_statements_shorten_the_facilitator_card_and_say_how_many_more(tmp_path, run):
    pack = tmp_path / "pack"
    pack.mkdir()
    many = ", ".join(f'"Le service {i} doit-il ouvrir le samedi ?"' for i in range(100))
    (pack / "samedi.yaml").write_text(
        f"extends: debat-mouvant\nparameters:\n  statements:\n    default:\n      fr: [{many}]\n",
        encoding="utf-8",
    )
    r = run("cards", "samedi", "--library", pack, "-o", tmp_path / "o")
    assert r.exit_code == 0, r.output
    from pypdf import PdfReader

    sheet = next((tmp_path / "o").glob("samedi-fiche-*.pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(sheet).pages)
    assert "Le service 0 doit-il" in text
    assert "Le service 99 doit-il" not in text  # the cards carry them all, not the sheet
    assert re.search(r"et\s+\d+\s+autres\s*:\s*sur les cartes", text), text
    cards = next((tmp_path / "o").glob("samedi-cartes-*.pdf"))
    assert len(PdfReader(cards).pages) >= 100 // 4  # every statement has its card


def test_long_personas_in_a_session_still_give_a_facilitator_card(tmp_path, run):
    situation = "vit loin du centre et travaille en horaires décalés " * 6
    quote = "je ne savais pas que ça existait " * 8
    people = ", ".join(
        f'{{name: "Habitant {i}", situation: "{situation}", quote: "{quote}"}}' for i in range(40)
    )
    s = evening(tmp_path, "personas", f"        params: {{personas: [{people}]}}\n")
    r = run("cards", s, "-o", tmp_path / "o")
    assert r.exit_code == 0, r.output
    assert list((tmp_path / "o").rglob("fiches-animateur-*.pdf"))


# -- card-level problems carry their file and line -------------------------------------------------
def test_a_glyph_missing_from_a_library_exercise_is_said_at_its_line(tmp_path, run):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "serpent.yaml").write_text(
        "extends: debat-mouvant\nparameters:\n  statements:\n    default:\n"
        '      fr: ["Le bus du soir 🐍 suffit-il ?"]\n',
        encoding="utf-8",
    )
    out = refused(run("cards", "serpent", "--library", pack, "-o", tmp_path / "o"), "U+1F40D")
    assert ("pack/serpent.yaml", "5") in [
        (Path(f).parent.name + "/" + Path(f).name, n) for f, n in where(out)
    ], out
    assert not (tmp_path / "o").exists()


def test_a_glyph_missing_from_a_title_or_a_step_is_said_at_its_line(tmp_path, run):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "titre.yaml").write_text(
        "title: {fr: Balade 🐍 du quartier, en: Neighbourhood walk}\nduration: 30\n"
        "steps:\n  - {title: Marcher, minutes: 30, instructions: On marche ensemble.}\n"
        "supports:\n  - {id: c, kind: cards, layout: capture}\n",
        encoding="utf-8",
    )
    out = refused(run("cards", "titre", "--library", pack, "-o", tmp_path / "o"), "U+1F40D")
    assert [n for f, n in where(out) if f.endswith("titre.yaml")] == ["1"], out
    (pack / "titre.yaml").write_text(
        "title: {fr: Balade du quartier, en: Neighbourhood walk}\nduration: 30\n"
        "steps:\n  - {title: Marcher, minutes: 30, instructions: On marche 🐍 ensemble.}\n",
        encoding="utf-8",
    )
    out = refused(run("cards", "titre", "--library", pack, "-o", tmp_path / "o"), "U+1F40D")
    assert [n for f, n in where(out) if f.endswith("titre.yaml")] == ["4"], out


def test_a_card_text_too_long_is_said_in_the_session_and_in_the_pack(tmp_path, run):
    long = "Qui, dans votre service, reçoit les jeunes de seize à vingt-cinq ans ? " * 40
    s = evening(tmp_path, "freins-leviers", f'        params: {{questions: ["Court", "{long}"]}}\n')
    out = refused(run("cards", s, "-o", tmp_path / "o"), "corps")
    assert ("soiree.yaml", "13") in [(Path(f).name, n) for f, n in where(out)], out
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "questions.yaml").write_text(
        f'extends: freins-leviers\nparameters:\n  questions:\n    default:\n      fr: ["{long}"]\n',
        encoding="utf-8",
    )
    out = refused(run("cards", "questions", "--library", pack, "-o", tmp_path / "o"), "corps")
    assert [n for f, n in where(out) if f.endswith("questions.yaml")] == ["5"], out


def test_a_title_too_long_for_the_back_is_said_at_the_title(tmp_path, run):
    pack = tmp_path / "pack"
    pack.mkdir()
    title = "Un atelier au titre interminable pour une carte à jouer " * 12
    (pack / "dos.yaml").write_text(
        f'title: "{title}"\nduration: 20\n'
        "steps:\n  - {title: Faire, minutes: 20, instructions: Faire ensemble.}\n"
        "supports:\n  - {id: c, kind: cards, layout: capture}\n",
        encoding="utf-8",
    )
    out = refused(run("cards", "dos", "--library", pack, "-o", tmp_path / "o"))
    assert [n for f, n in where(out) if f.endswith("dos.yaml")] == ["1"], out


# -- pictures -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, content",
    [
        ("casse.png", png(60, 40, b"\x78\x9cpas du tout des pixels")),
        ("vide.svg", b"<svg><g>"),
        ("geante.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="1e30" height="1e30"/>'),
        ("pas-une-image.jpg", b"bonjour"),
    ],
)
def test_a_broken_picture_is_said_at_the_line_that_names_it(tmp_path, run, name, content):
    (tmp_path / name).write_bytes(content)
    s = evening(tmp_path, "photos-debat", f"        params: {{pictures: [ok.svg, {name}]}}\n")
    (tmp_path / "ok.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
        b'<rect width="40" height="30" fill="#2a7"/></svg>'
    )
    out = refused(run("cards", s, "-o", tmp_path / "o"), name)
    assert ("soiree.yaml", "13") in [(Path(f).name, n) for f, n in where(out)], out
    assert not (tmp_path / "o").exists()


def test_a_picture_of_a_pack_exercise_is_said_in_the_pack(tmp_path, run):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "abime.png").write_text("pas une image", encoding="utf-8")
    (pack / "photos.yaml").write_text(
        "extends: photolangage\nparameters:\n  pictures:\n    default: [abime.png]\n",
        encoding="utf-8",
    )
    out = refused(run("cards", "photos", "--library", pack, "-o", tmp_path / "o"), "abime.png")
    assert [n for f, n in where(out) if f.endswith("photos.yaml")] == ["4"], out


def test_a_logo_out_of_its_pack_and_a_theme_loop_are_said_in_themes_yaml(tmp_path, run):
    pack = tmp_path / "pack"
    (pack / "cards").mkdir(parents=True)
    (pack / "cards" / "themes.yaml").write_text(
        "# la maison de la Transfo\nmaison:\n  extends: default\n  logo: ../logo.png\n",
        encoding="utf-8",
    )
    r = run("cards", "vote", "--theme", "maison", "--library", pack, "-o", tmp_path / "o")
    out = refused(r, "logo.png")
    assert [n for f, n in where(out) if f.endswith("themes.yaml")] == ["4"], out
    (pack / "cards" / "themes.yaml").write_text(
        "jour: {extends: nuit}\nnuit: {extends: jour}\n", encoding="utf-8"
    )
    r = run("cards", "vote", "--theme", "jour", "--library", pack, "-o", tmp_path / "o")
    out = refused(r, "jour -> nuit -> jour")
    assert [f for f, _n in where(out)] and where(out)[0][0].endswith("themes.yaml"), out


# -- canvases and kits ---------------------------------------------------------------------------
def test_a_canvas_too_dense_is_said_at_the_session_block(tmp_path, run):
    stages = ", ".join(f'"Étape {i}"' for i in range(300))
    s = evening(tmp_path, "parcours-utilisateur", f"        params: {{stages: [{stages}]}}\n")
    out = refused(run("kit", s, "-o", tmp_path / "o"), "400")
    assert [n for f, n in where(out) if f.endswith("soiree.yaml")] == ["10"], out
    assert not (tmp_path / "o").exists()


def test_too_many_cards_is_said_at_the_block_that_prints_most(tmp_path, run):
    s = evening(tmp_path, "verbatims", "        params: {cards_per_heading: 9000}\n")
    out = refused(run("kit", s, "-o", tmp_path / "o"), "20000")
    assert [n for f, n in where(out) if f.endswith("soiree.yaml")] == ["10"], out


def test_a_block_whose_purpose_is_longer_than_a_page_runs_over_two_pages(tmp_path, run):
    words = "le conseil départemental veut que les jeunes connaissent leurs droits "
    text = words * (4800 // len(words))
    s = evening(tmp_path, "debat-mouvant", f'        purpose: "{text}"\n        notes: "{text}"\n')
    r = run("kit", s, "-o", tmp_path / "o")
    assert r.exit_code == 0, r.output
    from pypdf import PdfReader

    agenda = next((tmp_path / "o").glob("*-agenda-fr.pdf"))
    assert len(PdfReader(agenda).pages) >= 2


# -- characters that are not text ------------------------------------------------------------
@pytest.mark.parametrize(
    "written, code",
    [('"Soirée\\x1b[2J carte jeunes"', "U+001B"), ('"Soirée \\u202e senuej etrac"', "U+202E")],
)
def test_a_control_or_override_character_is_refused_at_its_line(tmp_path, run, written, code):
    s = evening(tmp_path, "debat-mouvant")
    s.write_text(
        s.read_text(encoding="utf-8")
        .replace('"Carte jeunes, soirée d\'essai"', written)
        .replace("title: Carte jeunes, soirée d'essai", f"title: {written}"),
        encoding="utf-8",
    )
    out = refused(run("check", s), code)
    assert ("soiree.yaml", "2") in [(Path(f).name, n) for f, n in where(out)], out
    assert "\x1b" not in out and "\u202e" not in out  # shown as escapes, never obeyed


# -- propose refuses absurd options ------------------------------------------------------------
@pytest.mark.parametrize(
    "args, words",
    [
        (["--plan", ",".join(["meteo"] * 150)], ["150", "100"]),
        (["--plan", "debat-mouvant:20h"], ["minuit"]),
        (["--time", "3h", "--goal", " ".join(["écouter"] * 80)], ["80", "60"]),
        (["--time", "3h", "--date", "0001-01-01"], ["1900"]),
    ],
)
def test_propose_refuses_absurd_options_in_one_line(tmp_path, run, args, words):
    r = run("propose", "--people", "16", *args, "-o", tmp_path / "p.yaml")
    refused(r, *words)
    assert not (tmp_path / "p.yaml").exists()
