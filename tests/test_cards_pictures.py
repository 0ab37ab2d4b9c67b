"""Participant cards as the issue asks: an instruction line where a participant needs one,
backs with the method's one-line purpose, hats in their true colours, statements large for
the wall, whole words on display text; and the starter picture deck that ships with the
package, drawn as vectors, credited, and a warning when picture cards have nothing to print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pdfcheck import text
from pypdf import PdfReader

from facilitation.layout.card_design import back, front, is_dark
from facilitation.load.pictures import deck_pictures
from facilitation.load.printdata import theme
from facilitation.resources import picture_dir
from facilitation.view.cards import decks

MM = 72 / 25.4


def flat(path: Path) -> str:
    return " ".join(text(path).split())


def test_theme_cards_carry_their_instruction(tmp_path, run, library):
    (deck,) = [d for d in decks(library.get("derive-creative"), "fr") if d.support.id == "themes"]
    assert all(
        c.instruction == "Deux thèmes, une image : quel service naîtrait de leur rencontre ?"
        for c in deck.cards
    )
    face = front(deck.cards[0], 63, 88, 4, theme("default"))
    texts = [e.text for e in face.elements if e.kind == "text"]
    assert "Manger" in texts and deck.cards[0].instruction in texts
    # the card's own text keeps clear of the instruction line
    main = next(e for e in face.elements if e.text == "Manger")
    line = next(e for e in face.elements if e.text == deck.cards[0].instruction)
    assert main.y >= line.y + line.h
    assert main.hyphenate is False  # display-size text: whole words only


def test_backs_say_what_the_cards_are_for(library):
    th = theme("default")
    ex = library.get("chapeaux-de-bono")
    els = back(
        "Les six chapeaux de Bono",
        "Labo",
        ex.arc,
        "converger",
        63,
        88,
        4,
        th,
        tagline="Mettre une proposition à l'épreuve en changeant de regard.",
    )
    texts = [e.text for e in els if e.kind == "text"]
    assert "Mettre une proposition à l'épreuve en changeant de regard." in texts
    assert "converger" in texts  # the phase's name stays, with its colour
    assert th.arcs[ex.arc].mark not in texts  # no arc letter
    assert any(e.fill == th.arcs[ex.arc].colour for e in els if e.kind == "rect")


def test_the_red_hat_is_red_and_numbered(library):
    th = theme("default")
    assert th.swatches["rouge"] == th.swatches["red"] == "#C62828"
    assert is_dark("#C62828")  # white text on it
    (deck,) = decks(library.get("chapeaux-de-bono"), "fr")
    red = next(c for c in deck.cards if c.fields["colour"] == "rouge")
    face = front(red, 63, 88, 4, th)
    band = next(e for e in face.elements if e.kind == "rect" and e.fill == "#C62828")
    name = next(e for e in face.elements if e.text == "3 · Chapeau rouge")
    assert name.colour == "#ffffff" and name.hyphenate is False
    assert band.h > 0


def test_statements_print_large_on_sheets_for_the_room(tmp_path, run):
    out = tmp_path / "out"
    assert run("cards", "debat-mouvant", "-o", out, "--sheet", "a3").exit_code == 0
    poster = out / "debat-mouvant-affiches-a3.pdf"
    pages = PdfReader(str(poster)).pages
    assert len(pages) == 3  # one statement a page
    w, h = (float(v) / MM for v in pages[0].mediabox[2:])
    assert round(w) == 420 and round(h) == 297  # A3 landscape
    t = flat(poster)
    assert "Il vaut mieux faire confiance aux experts" in t
    # set large: the statement's font is far above card sizes
    content = pages[0].get_contents().get_data().decode("latin-1")
    sizes = [float(x) for x in re.findall(r"/F[\w+]+ ([\d.]+) Tf", content)]
    assert max(sizes) >= 60


def test_the_starter_deck_ships_with_its_licence_and_credits():
    pics = deck_pictures()
    assert 40 <= len(pics) <= 60
    folder = picture_dir() / "starters"
    assert "Attribution-ShareAlike 4.0" in (folder / "LICENSE.txt").read_text(encoding="utf-8")
    assert "OpenMoji" in (folder / "CREDITS.txt").read_text(encoding="utf-8")


def test_picture_methods_use_the_deck_by_default(library):
    for ex_id in ("derive-creative", "photolangage"):
        ex = library.get(ex_id)
        values = ex.param_default("pictures", "fr")
        assert len(values) >= 30 and set(values) <= set(deck_pictures()), ex_id


def test_picture_cards_are_vectors_drawn_once_and_credited(tmp_path, run):
    out = tmp_path / "out"
    assert run("cards", "photolangage", "-o", out).exit_code == 0
    pdf = out / "photolangage-cartes-a6.pdf"
    reader = PdfReader(str(pdf))
    forms, images = set(), 0
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for name, ref in xobjects.items():
            x = ref.get_object()
            if x["/Subtype"] == "/Image":
                images += 1
            elif name.startswith("/FormXob.svg"):
                forms.add(ref.idnum)
    assert images == 0  # not rasterised
    assert len(forms) == 60  # each of the deck's sixty pictures once, as a form
    assert "OpenMoji · CC BY-SA 4.0" in text(pdf)
    assert pdf.stat().st_size < 400_000


def test_a_session_mixes_its_own_pictures_with_the_deck(tmp_path, run):
    from PIL import Image

    (tmp_path / "photos").mkdir()
    Image.new("RGB", (60, 40), (200, 120, 40)).save(tmp_path / "photos" / "marche.png")
    (tmp_path / "photos" / "pont.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72">'
        '<rect x="6" y="30" width="60" height="12" fill="#0072B2"/></svg>',
        encoding="utf-8",
    )
    session = tmp_path / "quartier.yaml"
    session.write_text(
        yaml.safe_dump(
            {
                "programme": "Quartiers en commun",
                "title": "Atelier photolangage",
                "participants": 14,
                "days": [
                    {
                        "date": "2027-02-02",
                        "start": "18:00",
                        "end": "20:00",
                        "blocks": [
                            {
                                "exercise": "photolangage",
                                "params": {
                                    "pictures": [
                                        "photos/marche.png",
                                        "photos/pont.svg",
                                        "starters/bus.svg",
                                    ]
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
    out = tmp_path / "cards"
    r = run("cards", session, "-o", out)
    assert r.exit_code == 0, r.output
    pdf = next(out.rglob("cartes-a6.pdf"))
    assert len(PdfReader(str(pdf)).pages) >= 2


def test_a_picture_outside_its_folder_is_still_refused(tmp_path, library):
    from facilitation.errors import UserError
    from facilitation.load.pictures import safe_picture

    with pytest.raises(UserError, match="must be a path inside its folder"):
        safe_picture(tmp_path, "../starters/bus.svg", "x")


def test_picture_cards_with_nothing_to_print_are_warned(tmp_path, run):
    r = run("cards", "photos-debat", "-o", tmp_path / "out")
    assert r.exit_code == 0
    assert "attention : « photos-debat » a besoin d'images" in r.output
    session = tmp_path / "debat.yaml"
    session.write_text(
        yaml.safe_dump(
            {
                "programme": "Labo des solidarités",
                "title": "Photos et débat",
                "participants": 16,
                "days": [
                    {"date": "2027-04-06", "blocks": [{"exercise": "photos-debat"}]},
                ],
            }
        ),
        encoding="utf-8",
    )
    r = run("check", session, "--lang", "en")
    assert "'photos-debat' needs pictures" in r.output
    assert "debat.yaml:" in r.output
