"""The whole method on paper: facilitator card (both sides, A5 when A6 cannot hold it),
booklet pages and run-sheet carry purpose, invitation, space, team, preparation, materials
with their colours and counts, numbered steps, tips, pitfalls, variants, what to watch out for
and outputs, and every parameter that reaches participants, wherever it comes from; `show`
prints every element of a sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pdfcheck import text
from pypdf import PdfReader

from facilitation.load.library import Library
from facilitation.load.sessions import load_session
from facilitation.plan.schedule import schedule
from facilitation.render.terminal import show
from facilitation.text.messages import set_language

MM = 72 / 25.4


def flat(path: Path) -> str:
    return " ".join(text(path).split())


@pytest.fixture(scope="module")
def debat_cards(tmp_path_factory):
    from click.testing import CliRunner

    from facilitation.cli import main

    out = tmp_path_factory.mktemp("debat")
    for lang in ("fr", "en"):
        r = CliRunner().invoke(
            main,
            ["cards", "debat-mouvant", "--lang", lang, "-o", str(out / lang)],
            catch_exceptions=False,
        )
        assert r.exit_code == 0, r.output
    return out


def test_debat_mouvant_card_says_how_to_set_the_room_and_what_to_say(debat_cards):
    card = debat_cards / "fr" / "debat-mouvant-fiche-a5.pdf"
    t = flat(card)
    # the space: a tape line splitting the room, the signs on opposite walls
    assert "Une ligne de ruban de masquage au sol coupe la pièce en deux" in t
    assert "Le panneau OUI est fixé au mur" in t
    # the invitation, as the lead says it
    assert "Êtes-vous d’accord avec cette affirmation ?" in t
    for heading in (
        "OBJECTIF",
        "INVITATION",
        "ESPACE",
        "ÉQUIPE D’ANIMATION",
        "PARTICIPATION",
        "PRÉPARATION",
        "MATÉRIEL",
        "DÉROULÉ",
        "CONSEILS",
        "PIÈGES",
        "POINTS DE VIGILANCE",
        "VARIANTES",
        "CE QUE LE GROUPE OBTIENT",
    ):
        assert heading in t, heading
    assert "1. Poser le cadre (5 min · en plénière)" in t
    assert "5. Prendre du recul" in t
    assert "2 animateurs, qui ne participent pas" in t
    # the statements to read aloud, and one line per variant
    assert "L’innovation, ça coûte cher." in t
    assert "Version courte (20 min) : Deux affirmations seulement" in t
    # both sides of an A5 card
    pages = PdfReader(str(card)).pages
    assert len(pages) == 2
    trim = [float(v) / MM for v in pages[0].trimbox]
    assert round(trim[2] - trim[0]) == 148 and round(trim[3] - trim[1]) == 210


def test_the_english_card_follows_the_glossary(debat_cards):
    t = flat(debat_cards / "en" / "debat-mouvant-facilitator-a5.pdf")
    assert "WATCH OUT FOR" in t and "Points of vigilance" not in t
    assert "A line of masking tape on the floor splits the room in two" in t
    assert "2 facilitators, who do not take part" in t


def write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def rennes(tmp_path):
    """A library that adapts the moving debate to a housing programme, and a session of 24
    people in groups of 6 that uses it and personas."""
    lib = tmp_path / "ateliers"
    lib.mkdir()
    write(
        lib / "debat-logement.yaml",
        {
            "extends": "debat-mouvant",
            "title": {"fr": "Débat mouvant logement", "en": "Housing moving debate"},
            "parameters": {
                "statements": {
                    "default": {
                        "fr": [
                            "Le logement social, c'est pour les autres.",
                            "On devrait loger d'abord ceux qui travaillent ici.",
                        ],
                        "en": ["Social housing is for other people.", "Locals first."],
                    }
                }
            },
        },
    )
    session = write(
        tmp_path / "rennes.yaml",
        {
            "programme": "Labo habitat Rennes",
            "title": "Journée d'ouverture",
            "participants": 24,
            "facilitators": ["Inès", "Paul"],
            "days": [
                {
                    "date": "2027-05-18",
                    "start": "9:30",
                    "end": "12:30",
                    "blocks": [
                        {"exercise": "debat-logement"},
                        {"logistics": "break", "duration": 15},
                        {
                            "exercise": "freins-leviers",
                            "split": "groups of 6",
                            "params": {
                                "change": "Ouvrir les commissions d'attribution aux habitants."
                            },
                        },
                    ],
                }
            ],
        },
    )
    return lib, session


def test_parameters_from_a_library_and_a_session_reach_every_facilitator_paper(rennes, run):
    lib, session = rennes
    out = lib.parent / "kit"
    r = run("kit", session, "--library", lib, "-o", out)
    assert r.exit_code == 0, r.output
    runsheet = next(out.glob("01-*deroule*.pdf"))
    booklet = next(out.glob("02-livret-animation-fr.pdf"))
    cards = next(out.glob("cartes/fiches-animateur-*.pdf"))
    for pdf in (runsheet, booklet, cards):
        t = flat(pdf)
        assert "Le logement social, c’est pour les autres." in t, pdf.name  # from `extends`
        assert "Ouvrir les commissions d’attribution aux habitants." in t, pdf.name  # params
    # the sticky notes of the session, in their colours, counted for 24 people
    t = flat(booklet)
    assert "Post-it 76 × 76 mm (roses) — 240 (10 par personne)" in t
    # four groups of six: the presentations take four turns
    assert "4 groupes" in t and "{teams}" not in t


def test_booklet_block_pages_carry_the_whole_method(rennes, library):
    from facilitation.render.kit_pdf import booklet_pdf
    from facilitation.render.pdf import sheet_size
    from facilitation.view.agenda import agenda_view

    set_language("fr")
    lib, session = rennes
    plan = schedule(load_session(session, Library([lib])))
    path = lib.parent / "livret.pdf"
    booklet_pdf(agenda_view(plan, "fr"), path, sheet_size("a4"))
    t = flat(path)
    for words in (
        "Objectif",
        "Invitation",
        "Espace",
        "Une ligne de ruban de masquage au sol coupe la pièce en deux",
        "Équipe d’animation",
        "Préparation",
        "Pièges",
        "Variantes",
        "Points de vigilance",
        "Ce que le groupe obtient",
        "1. Poser le cadre",
        "Version courte (20 min)",
    ):
        assert words in t, words


def test_show_prints_every_element_of_a_sheet(library):
    set_language("fr")
    out = show(library.get("debat-mouvant"), "fr", width=100)
    for words in (
        "ÉQUIPE D'ANIMATION",
        "Meneur ou meneuse : Lit les affirmations",
        "PARTICIPATION",
        "PRÉPARATION",
        "La veille, et une demi-heure avant le début · environ 40 min",
        "DANS LA TRANSFO",
        "ENCHAÎNEMENTS",
        "Souvent avant : tour-de-table",
        "Famille : Débat",
        "CE QUE CELA PERMET",
        "Version courte [version-courte] (20 min)",
        "4. Conclure (2 min · en plénière)",
        "DÉROULÉ POUR 20 PERSONNES",
    ):
        assert words in out, words


def test_show_fills_the_step_times_of_every_method_for_twenty_people(library):
    set_language("fr")
    for ex_id in library.ids():
        out = show(library.get(ex_id), "fr")
        for mark in ("{each}", "{teams}", "{minutes}"):
            assert mark not in out, (ex_id, mark)
    out = show(library.get("points-de-contact"), "fr")
    assert "10 × 2 min" in out


def test_every_built_in_facilitator_card_prints(tmp_path, run):
    out = tmp_path / "cards"
    ids = ["enquete-terrain", "entretien-matrice", "personas", "chapeaux-de-bono"]
    r = run("cards", *ids, "-o", out)
    assert r.exit_code == 0, r.output
    # the longest sheets fit both sides of an A5 card, and say where the rest is
    t = flat(out / "entretien-matrice-fiche-a5.pdf")
    assert "facilitation show entretien-matrice" in t
    assert "1. " in t and "Points de vigilance".upper() in t
