"""Reusing methods in another programme without surprises (issue 10): another case's content
is never printed silently, the user's own text comes first, quantities hold, an activity over
several blocks is one activity, variants print what they use. Sessions written for the tests:
a youth card in Occitanie, a social-centres survey, an evening immersion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES
from pdfcheck import text

from facilitation.errors import UserError
from facilitation.load.library import Library
from facilitation.load.sessions import load_session
from facilitation.plan.quantities import material_needs
from facilitation.plan.schedule import schedule
from facilitation.plan.supports import canvas_supports, card_supports, sign_supports
from facilitation.text.i18n import tr
from facilitation.text.messages import language, set_language


@pytest.fixture(autouse=True)
def english():
    """Messages in English here (the CLI tests choose their own language)."""
    before = language()
    set_language("en")
    yield
    set_language(before)


def write(tmp_path: Path, text_: str, name: str = "session.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text_, encoding="utf-8")
    return p


def flat(s: str) -> str:
    return " ".join(s.split())


YOUTH = """\
programme: Transfo Occitanie
number: 3
title: Une carte jeunes qui serve vraiment
participants: 16
facilitators: [Léa, Tom]
days:
  - date: 2024-03-12
    start: 9:00
    end: 12:30
    blocks:
      - exercise: outils-d-enquete
        duration: 1h30
      - logistics: break
        duration: 15 min
      - exercise: personas
        duration: 45 min
"""
OUTILS_LINE, PERSONAS_LINE = 11, 15

OWN_PERSONAS = """\
        params:
          personas:
            - name: Inès, 17 ans
              situation: Lycéenne à Albi, fait 40 minutes de bus pour aller en cours.
              quote: « La carte, je l'ai eue, mais je ne sais pas à quoi elle sert. »
            - name: Kevin, 24 ans
              situation: Apprenti mécanicien, vit chez ses parents à la campagne.
"""


def examples_of(plan) -> list:
    return [w for w in plan.warnings if "built-in example" in w.message]


# -- examples are not defaults ----------------------------------------------------------------
def test_one_warning_per_example_parameter_with_its_line(tmp_path, library):
    p = write(tmp_path, YOUTH)
    plan = schedule(load_session(p, library))
    found = {(w.line, w.message.split(" (")[0]) for w in examples_of(plan)}
    assert found == {
        (OUTILS_LINE, "outils-d-enquete / questions_volee"),
        (OUTILS_LINE, "outils-d-enquete / questions_rendez_vous"),
        (PERSONAS_LINE, "personas / personas"),
    }
    for w in examples_of(plan):
        assert w.file == str(p) and w.severity == "warning"
        assert "params:" in w.hint and "extends:" in w.hint
    # personas print blank, one card per group, and the warning says so
    (pw,) = [w for w in plan.warnings if "personas / personas" in w.message]
    assert "3 blank ones print" in pw.message


def test_own_personas_and_questions_mean_no_warning(tmp_path, library):
    own = YOUTH + OWN_PERSONAS
    plan = schedule(load_session(write(tmp_path, own), library))
    assert not [w for w in examples_of(plan) if "personas" in w.message]
    own = own.replace(
        "      - exercise: outils-d-enquete\n        duration: 1h30\n",
        "      - exercise: outils-d-enquete\n        duration: 1h30\n        params:\n"
        "          questions_volee: [Comment avez-vous eu votre carte ?]\n"
        "          questions_rendez_vous: [Racontez-moi votre dernier trajet en bus.]\n",
    )
    assert examples_of(schedule(load_session(write(tmp_path, own), library))) == []


def test_strict_stops_every_command_before_anything_is_written(tmp_path, run):
    p = write(tmp_path, YOUTH)
    r = run("check", p, "--strict", "--lang", "en")
    assert r.exit_code == 1 and "built-in example" in r.output
    for args in (
        ("kit", p, "--strict", "--lang", "en"),
        ("agenda", p, "--strict", "--lang", "en"),
        ("cards", p, "--strict", "--lang", "en"),
    ):
        out = tmp_path / args[0]
        r = run(*args, "-o", out)
        assert r.exit_code == 1, args
        assert "3 warnings with --strict" in r.output
        assert not out.exists()
    own = YOUTH.replace(
        "outils-d-enquete\n        duration: 1h30\n",
        "debat-mouvant\n        duration: 40 min\n"
        "        params: {statements: [Le bus, c'est la liberté.]}\n",
    )
    own = write(tmp_path, own + OWN_PERSONAS, "ok.yaml")
    assert run("check", own, "--strict").exit_code == 0


def test_without_personas_the_kit_prints_blank_cards_and_canvases(tmp_path, run):
    r = run("kit", write(tmp_path, YOUTH), "-o", tmp_path / "kit")
    assert r.exit_code == 0, r.output
    cards = flat(text(tmp_path / "kit" / "cartes" / "cartes-a6.pdf"))
    assert cards.count("Prénom") == 3  # one blank card per group of about five
    for other_case in ("Mathieu", "Émile", "Nadia", "Bernadette"):
        assert other_case not in cards
    canvases = sorted((tmp_path / "kit" / "canevas").glob("*personas*"))
    assert canvases and not any("Mathieu" in text(c) for c in canvases)
    manifest = json.loads(next((tmp_path / "kit").glob("*-manifest-*.json")).read_text("utf-8"))
    (blank,) = [j for j in manifest["jobs"] if "personas" in j["name"]]
    assert blank["copies"] == 3  # the blank canvas, one per group
    guide = flat(text(tmp_path / "kit" / "00-guide-impression-fr.pdf"))
    assert "À vérifier avant d’imprimer" in guide
    assert (
        "Questions à la volée : l’exemple intégré, écrit pour un autre cas (jour 1, 9 h)" in guide
    )
    assert "3 exemplaires vierges à remplir à la main" in guide
    # with the session's personas: those, filled in
    r = run("kit", write(tmp_path, YOUTH + OWN_PERSONAS, "own.yaml"), "-o", tmp_path / "own")
    assert r.exit_code == 0, r.output
    cards = flat(text(tmp_path / "own" / "cartes" / "cartes-a6.pdf"))
    assert "Inès, 17 ans" in cards and "Kevin, 24 ans" in cards and "Mathieu" not in cards
    guide = flat(text(tmp_path / "own" / "00-guide-impression-fr.pdf"))
    assert "Personas : rien n’est choisi" not in guide


def test_an_explicit_none_prints_blank_route_sheets_without_warning(tmp_path, library):
    p = write(
        tmp_path,
        YOUTH.replace(
            "      - exercise: outils-d-enquete\n        duration: 1h30\n",
            "      - logistics: travel\n        duration: 30 min\n        params: {sites: []}\n",
        ),
    )
    plan = schedule(load_session(p, library))
    assert not [w for w in plan.warnings if "trajet" in w.message]
    from facilitation.plan.supports import block_values

    slot = plan.days[0].slots[0]
    assert block_values(slot)["sites"] == [{}] * 8  # a blank route sheet for each pair


def test_a_library_that_gives_personas_has_chosen_them(tmp_path, library):
    lib = tmp_path / "lib"
    lib.mkdir()
    write(
        lib,
        "extends: personas\nparameters:\n  personas:\n    default:\n"
        "      - {name: Inès, situation: Lycéenne}\n",
        "personas-occitanie.yaml",
    )
    own = Library([lib])
    ex = own.get("personas-occitanie")
    assert ex.parameters["personas"].example is False
    p = write(tmp_path, YOUTH.replace("exercise: personas", "exercise: personas-occitanie"))
    plan = schedule(load_session(p, own))
    assert [w.message.split(" (")[0] for w in examples_of(plan)] == [
        "outils-d-enquete / questions_volee",
        "outils-d-enquete / questions_rendez_vous",
    ]


def test_cards_for_an_exercise_id_say_where_the_example_comes_from(tmp_path, run):
    r = run("cards", "debat-mouvant", "--lang", "en", "-o", tmp_path / "d")
    assert r.exit_code == 0
    assert "<built-in>/exercises/debat-mouvant.yaml:" in r.output
    assert "debat-mouvant / statements" in r.output and "params:" in r.output
    r = run("cards", "personas", "--lang", "en", "-o", tmp_path / "p")
    assert r.exit_code == 0 and "blank ones print" in r.output
    cards = flat(text(tmp_path / "p" / "personas-cards-a6.pdf"))
    assert "First name" in cards and "Mathieu" not in cards
    r = run("cards", "debat-mouvant", "--strict", "-o", tmp_path / "s")
    assert r.exit_code == 1 and not (tmp_path / "s").exists()


# -- the user's own text first ----------------------------------------------------------------
FRENCH_ONLY = """\
extends: personas
title: {fr: Personas de la carte jeunes}
parameters:
  personas:
    default:
      fr:
        - name: Inès, 17 ans
          situation: Lycéenne à Albi, fait 40 minutes de bus pour aller en cours.
        - name: Kevin, 24 ans
          situation: Apprenti mécanicien, vit chez ses parents à la campagne.
"""


def test_english_kit_prints_the_users_french_personas_with_a_warning(tmp_path, run):
    lib = tmp_path / "lib"
    lib.mkdir()
    write(lib, FRENCH_ONLY, "personas-jeunes.yaml")
    p = write(tmp_path, YOUTH.replace("exercise: personas", "exercise: personas-jeunes"))
    r = run("kit", p, "--library", lib, "--lang", "en", "-o", tmp_path / "kit")
    assert r.exit_code == 0, r.output
    cards = flat(text(tmp_path / "kit" / "cards" / "cards-a6.pdf"))
    assert "Inès, 17 ans" in cards and "Kevin, 24 ans" in cards
    assert "Mathieu" not in cards  # never the parent's English personas
    out = flat(r.output)
    assert "personas-jeunes.yaml:6:" in out  # the line of the user's value
    assert "your value has no English version: the kit prints your French one" in out
    assert "personas-jeunes.yaml:2:" in out and "1 text has no English version" in out
    agenda = flat(text(tmp_path / "kit" / "01-transfo-occitanie-3-agenda-en.pdf"))
    assert "[fr] Personas de la carte jeunes" in agenda


# -- quantities, counted by hand ----------------------------------------------------------------
# Each table is worked out from the example's blocks and the methods' materials (people, pairs
# = people // 2, groups from the configuration); the team is the list of facilitators.
# Consumables add up over the activities; an outing (trip out, field work, trip back) counts the
# trip's tickets and envelopes once; equipment is what is in use at the same time.
DUNKERQUE = {  # 20 participants + 3 facilitators = 23 people; 10 pairs
    # welcome 2 x 23 = 46, five breaks 5 x 23 = 115 (day 1: after the journey and before
    # the visits; day 3: after the personas and before the vote), three lunches 3 x 23 = 69
    ("coffee", None): 230,
    ("breakfast", None): 23,
    ("meals", None): 69,
    ("badges", None): 23,  # the welcome's 23 (the visits' 20 are the same badges)
    # welcome 1, touchpoints 2, tools 4 x 2 groups, analysis 4, personas 1, vote 1, care 2
    ("flipchart-paper", None): 19,
    # touchpoints 2/pair = 20; day-1 visits 4/pair = 40 (the day-2 part is the same activity);
    # day-2 trip 2/person = 40, the trip back hands out none
    ("transport-tickets", None): 100,
    ("large-envelopes", None): 20,  # day-1 visits 10, day-2 trip 10
    ("contact-cards", None): 20,  # 1/pair x 2 visits, once for the whole immersion
    # journey 40 x 5 groups of 4, tools 100 x 2, analysis 60 x 4, personas 20 x 4,
    # scenarios 20 x 4 groups of 5, debrief 30
    ("sticky-notes", "yellow"): 830,
    ("sticky-notes", "blue"): 180,  # journey 20 x 5, personas 20 x 4
    ("sticky-notes", "pink"): 430,  # journey 100, quotes 5 x 20, analysis 80, scenarios 120, 30
    ("sticky-notes", "green"): 410,  # journey 100, analysis 80, personas 80, scenarios 120, 30
    ("sticky-notes", "orange"): 80,  # personas 20 x 4
    ("a4-paper", None): 40,
    ("kraft-paper", None): 6,
    ("voting-dots", None): 60,  # 3 dots x 20 voters
    ("markers", None): 20,
    ("masking-tape", None): 5,  # the journey's 1 per group x 5
    ("clipboards", None): 20,  # visits 2/pair: everyone out has one
    ("pens", None): 30,  # visits 3/pair
    ("camera", None): 10,  # one per pair out
    ("recorder", None): 10,
    ("flipchart-markers", None): 16,  # scenarios 4 x 4 groups
    ("blu-tack", None): 2,  # the quotes wall
    ("timer", None): 1,
    ("bell", None): 3,  # the bomb game: 1 per facilitator
    ("ball", None): 1,
}
METZ_1 = {  # 18 participants + 4 names under facilitators = 22; tracks of 6 and 12
    ("coffee", None): 220,  # welcome 2 x 22 x 2 days, four breaks, two lunches
    ("breakfast", None): 22,  # day 1 only: day 2 opens with the coffee welcome (accueil-court)
    ("meals", None): 44,
    ("badges", None): 22,
    ("flipchart-paper", None): 13,  # welcome 1 x 2, debate 3, desk research 4 x 1 group x 2
    # round table 6 x 18, desk research 15 x 6 x 2, field 20 x 6 pairs x 2, findings 20 x 4,
    # debrief 30 (the one-word debrief writes nothing)
    ("sticky-notes", "yellow"): 638,
    ("sticky-notes", "pink"): 182,  # round table 4 x 18, findings 20 x 4, debrief 30
    ("sticky-notes", "green"): 182,
    ("sticky-notes", None): 160,  # cross table 40 x 4 groups
    ("kraft-paper", None): 8,
    ("reading-pack", None): 2,
    ("contact-cards", None): 60,  # 5/pair x 6 pairs x 2 outings
    ("large-envelopes", None): 12,
    ("markers", None): 18,
    ("masking-tape", None): 2,
    ("flipchart-markers", None): 4,
    ("timer", None): 2,  # the two tracks at once
    ("bell", None): 1,
    ("blu-tack", None): 2,  # the two tracks at once
    ("highlighters", None): 6,
    ("pens", None): 18,  # desk research 6 + field 2/pair x 6, side by side
    ("clipboards", None): 12,
    ("camera", None): 6,
}
METZ_4 = {  # 20 participants + 3 = 23; day 1: five tracks of 2 pairs
    ("coffee", None): 345,  # welcome 2 x 23 x 3 days, six breaks, three lunches
    ("breakfast", None): 23,  # day 1 only: days 2 and 3 open with the coffee welcome
    ("meals", None): 69,
    ("badges", None): 23,
    ("flipchart-paper", None): 7,  # welcome 1 x 3, analysis 4
    # day 1: each site's trip 2/person = 8 and its survey 4/pair = 8, once: 8 x 5 sites;
    # day 2: the trip 40 and the survey 40, once
    ("transport-tickets", None): 80,
    ("large-envelopes", None): 20,  # 2 per site x 5, then 10
    ("contact-cards", None): 120,  # 6 interviews x 2 pairs x 5 sites, then 6 x 10
    # surveys 30/pair x 10 x 2 days, analysis 60 x 4, sketches 20 x 5, idea book 30 x 5,
    # debrief 30
    ("sticky-notes", "yellow"): 1120,
    ("sticky-notes", "pink"): 410,  # quotes 100, analysis 80, brakes 10 x 20, debrief 30
    ("sticky-notes", "green"): 310,  # analysis 80, levers 200, debrief 30
    ("sticky-notes", "orange"): 20,
    ("kraft-paper", None): 6,
    ("a3-paper", None): 30,
    ("a4-paper", None): 70,  # sketches 10 x 5, idea book 4 x 5
    ("glue-sticks", None): 15,
    ("magazines", None): 5,
    ("printed-pictures", None): 75,
    ("binder", None): 1,
    ("voting-dots", None): 60,
    ("markers", None): 20,
    ("masking-tape", None): 2,
    ("bell", None): 1,
    ("clipboards", None): 20,  # five sites at once: 4 each
    ("camera", None): 10,
    ("recorder", None): 10,
    ("pens", None): 30,
    ("blu-tack", None): 5,  # one per site, the five at once
    ("timer", None): 5,
    ("flipchart-markers", None): 20,  # sketches 4 x 5 groups
    ("scissors", None): 10,
}
STRASBOURG_10 = {  # 16 participants + 3 = 19; two parallel briefs of 8
    ("coffee", None): 190,
    ("breakfast", None): 19,  # day 1 only: day 2 opens with the coffee welcome
    ("meals", None): 38,
    ("badges", None): 19,
    ("flipchart-paper", None): 15,  # welcome 2, criteria 2, hats 3 groups, briefs 2 x 2 x 2
    ("voting-dots", "green"): 160,
    ("voting-dots", "red"): 160,
    ("sticky-notes", "yellow"): 560,  # criteria 160, hats 90, briefs 120, roles 160, 30
    ("sticky-notes", "blue"): 80,
    ("sticky-notes", "green"): 30,
    ("sticky-notes", "pink"): 30,
    ("markers", None): 16,
    ("masking-tape", None): 2,  # both briefs at once
    ("pens", None): 16,
    ("timer", None): 3,  # hats: one per group
    ("bell", None): 1,
    ("flipchart-markers", None): 9,
    ("hat-props", None): 18,
    ("camera", None): 2,  # both briefs at once
    ("blu-tack", None): 1,
}
STRASBOURG_8 = {  # 18 participants + 3 = 21; 9 pairs
    ("coffee", None): 189,
    ("breakfast", None): 21,  # day 1 only: day 2 opens with the coffee welcome
    ("meals", None): 42,
    ("badges", None): 21,
    ("flipchart-paper", None): 10,
    ("a4-paper", None): 60,
    # drift 5 x 18, photos 30 x 4 groups, tools 100 x 2, survey 30 x 9, needs 15 x 9, debrief 30
    ("sticky-notes", "yellow"): 845,
    ("kraft-paper", None): 18,
    ("transport-tickets", None): 36,  # the trip's 2 x 18 are the survey's 4 x 9
    ("large-envelopes", None): 9,
    ("contact-cards", None): 45,  # 5 interviews x 9 pairs
    ("sticky-notes", "blue"): 135,
    ("sticky-notes", "orange"): 180,
    ("sticky-notes", "green"): 30,
    ("sticky-notes", "pink"): 30,
    ("markers", None): 18,
    ("masking-tape", None): 4,
    ("pens", None): 27,
    ("blu-tack", None): 4,
    ("timer", None): 1,
    ("bell", None): 1,
    ("flipchart-markers", None): 8,
    ("clipboards", None): 18,
    ("camera", None): 9,
    ("recorder", None): 9,
}


@pytest.mark.parametrize(
    "example, expected",
    [
        ("dunkerque-2-reflex-energie", DUNKERQUE),
        ("metz-1-planter-le-decor", METZ_1),
        ("metz-4-retours-et-cas-pratique", METZ_4),
        ("strasbourg-10-intervention-du-labo", STRASBOURG_10),
        ("strasbourg-8-comptoir-des-services", STRASBOURG_8),
    ],
)
def test_checklist_matches_the_hand_count(example, expected, library):
    plan = schedule(load_session(EXAMPLES / f"{example}.yaml", library))
    got = {(n.item, n.colour): n.quantity for n in material_needs(plan, "fr")}
    assert got == expected


def test_dunkerque_asks_no_more_equipment_than_people_out(library):
    plan = schedule(load_session(EXAMPLES / "dunkerque-2-reflex-energie.yaml", library))
    got = {n.item: n.quantity for n in material_needs(plan, "fr")}
    out = plan.session.participants
    assert got["camera"] <= out // 2 and got["recorder"] <= out // 2
    assert got["clipboards"] <= out


SOCIAL = """\
programme: Transfo Hauts-de-France
title: Centres sociaux
participants: 14
facilitators: [Awa, Paul, Inès]
days:
  - date: 2024-05-21
    start: 9:00
    end: 17:00
    blocks:
{blocks}
"""


def needs_of(tmp_path, library, blocks: str, name: str = "s.yaml") -> dict:
    p = write(tmp_path, SOCIAL.format(blocks=blocks), name)
    plan = schedule(load_session(p, library))
    return {(n.item, n.colour): n.quantity for n in material_needs(plan, "fr")}


MISSIONS = "        params: {missions: [Demander une aide au centre social.]}\n"


def test_equipment_adds_up_across_tracks_not_across_blocks(tmp_path, library):
    side_by_side = needs_of(
        tmp_path,
        library,
        "      - tracks:\n"
        "          - {id: nord, name: Nord, people: 8}\n"
        "          - {id: sud, name: Sud, people: 6}\n"
        "        blocks:\n"
        "          - track: nord\n            exercise: points-de-contact\n"
        + MISSIONS.replace("        ", "            ")
        + "          - track: sud\n            exercise: points-de-contact\n"
        + MISSIONS.replace("        ", "            "),
    )
    assert side_by_side[("camera", None)] == 4 + 3  # pairs out at once on both sides
    assert side_by_side[("transport-tickets", None)] == 2 * 4 + 2 * 3  # consumables add up
    one_after_the_other = needs_of(
        tmp_path,
        library,
        "      - exercise: points-de-contact\n"
        + MISSIONS
        + "      - exercise: points-de-contact\n"
        + MISSIONS,
    )
    assert one_after_the_other[("camera", None)] == 7  # the same seven cameras, twice
    assert one_after_the_other[("transport-tickets", None)] == 2 * 7 * 2


def test_the_team_eats_and_wears_badges(tmp_path, library):
    got = needs_of(
        tmp_path,
        library,
        "      - logistics: welcome\n      - logistics: lunch\n      - logistics: lunch\n",
    )
    assert got[("meals", None)] == 2 * (14 + 3)
    assert got[("badges", None)] == 14 + 3  # one badge each, for the whole session
    assert got[("coffee", None)] == 2 * 17 + 2 * 17


def test_per_group_counts_follow_the_blocks_split(tmp_path, library):
    got = needs_of(
        tmp_path,
        library,
        "      - exercise: personas\n        split: groups of 3\n" + OWN_PERSONAS,
    )
    assert got[("flipchart-markers", None)] == 2 * 5  # 14 people in groups of 3: 5 groups
    assert got[("sticky-notes", "blue")] == 20 * 5


def test_a_return_trip_hands_out_nothing_and_prints_nothing(tmp_path, library):
    sites = "        params: {sites: [{site: Centre social Lazare, team: Binômes 1 à 7}]}\n"
    got = needs_of(
        tmp_path,
        library,
        "      - logistics: travel\n"
        + sites
        + "      - logistics: travel\n        variant: retour\n",
    )
    assert got[("transport-tickets", None)] == 2 * 14  # there and back, handed out once
    assert got[("large-envelopes", None)] == 7
    ex = library.get("trajet")
    assert canvas_supports(ex, "retour") == []  # route sheets and the sheet stay from the way out


# -- one activity over several blocks -------------------------------------------------------------
IMMERSION = """\
programme: Transfo Grand Est
title: Vivre en Ehpad
participants: 12
facilitators: [Sam, Jo]
days:
  - date: 2024-06-04
    start: 9:00
    end: 18:00
    blocks:
      - exercise: entretien-matrice
        at: "14:00"
        duration: 2h
        params:
          visits_per_pair: 3
          questions: [Racontez-moi une journée ici., Qui vient vous voir ?]
          stages: [Arrivée, Premiers jours, Aujourd'hui]
  - date: 2024-06-05
    start: 9:00
    end: 18:00
    blocks:
      - exercise: entretien-matrice
        continues: true
        duration: 3h
      - logistics: lunch
      - exercise: entretien-matrice
        continues: true
        duration: 2h
"""


def test_a_two_day_immersion_in_three_blocks_prints_its_supports_once(tmp_path, run, library):
    three = write(tmp_path, IMMERSION)
    one = write(tmp_path, IMMERSION.split("  - date: 2024-06-05")[0], "one.yaml")
    jobs = {}
    for name, p in (("three", three), ("one", one)):
        r = run("kit", p, "--lang", "en", "-o", tmp_path / name)
        assert r.exit_code == 0, r.output
        manifest = json.loads(next((tmp_path / name).glob("*-manifest-*.json")).read_text("utf-8"))
        jobs[name] = sorted(
            (j["name"], j["pages"], j["copies"])
            for j in manifest["jobs"]
            if "canvases/" in j["name"]
        )
    assert jobs["three"] == jobs["one"]  # the same sheets, once: 3 visits x 6 pairs
    plan = schedule(load_session(three, library))
    got = {(n.item, n.colour): n.quantity for n in material_needs(plan, "en")}
    assert got[("contact-cards", None)] == 3 * 6  # counted once for the three blocks
    assert got[("transport-tickets", None)] == 4 * 6
    assert got[("clipboards", None)] == 12
    runsheet = flat(text(tmp_path / "three" / "01-transfo-grand-est-runsheet-en.pdf"))
    assert runsheet.count("(continued)") >= 2
    assert runsheet.count("Departure") == 1  # the briefing once, at the start
    assert runsheet.count("Hand back the equipment") == 1  # at the very end
    assert "Carries on the block of Tuesday 4 June 2024, 14:00" in runsheet


def test_continued_parts_share_out_the_steps(tmp_path, library):
    plan = schedule(load_session(write(tmp_path, IMMERSION), library))
    parts = [s for s in plan.all_slots() if s.exercise and s.exercise.id == "entretien-matrice"]
    first, second, third = parts
    assert second.head is first and third.head is first and first.parts == [second, third]
    titles = [[tr(st.title, "en") for st in p.step_list] for p in parts]
    assert titles[0][0] == "Departure" and "Departure" not in titles[1] + titles[2]
    assert titles[2][-1] == "Hand back the equipment"
    assert second.carried and first.unfinished
    for p in parts:
        assert sum(p.step_minutes) == p.minutes
    assert examples_of(plan) == []  # the content is the first block's, for the whole
    short = IMMERSION.replace(
        "continues: true\n        duration: 2h", "continues: true\n        duration: 40 min"
    )
    plan = schedule(load_session(write(tmp_path, short, "short.yaml"), library))
    assert not [w for w in plan.warnings if "outside the range" in w.message]  # a part, not a run


def test_continues_needs_an_earlier_block_and_no_content_of_its_own(tmp_path, library):
    lonely = IMMERSION.split("      - logistics: lunch")[0].replace(
        IMMERSION.split("  - date: 2024-06-05")[0].split("days:\n")[1], ""
    )
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, lonely), library)
    (problem,) = e.value.problems
    assert problem.line == 11 and "no earlier block of 'entretien-matrice'" in problem.message
    own = IMMERSION.replace(
        "        continues: true\n        duration: 3h\n",
        "        continues: true\n        duration: 3h\n        params: {visits_per_pair: 1}\n",
    )
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, own, "own.yaml"), library)
    (problem,) = e.value.problems
    assert "takes its content from its first block" in problem.message
    assert "line 10" in problem.hint


# -- notes ------------------------------------------------------------------------------------
def test_session_notes_on_the_booklet_cover_and_the_runsheet(tmp_path, run):
    notes = "Deux objectifs d'apprentissage : enquêter, prototyper."
    p = write(
        tmp_path, YOUTH.replace("facilitators:", f'notes: "{notes}"\nfacilitators:') + OWN_PERSONAS
    )
    r = run("kit", p, "-o", tmp_path / "kit")
    assert r.exit_code == 0, r.output
    from pypdf import PdfReader

    cover = flat(
        PdfReader(str(tmp_path / "kit" / "02-livret-animation-fr.pdf")).pages[0].extract_text()
    )
    assert "Deux objectifs d’apprentissage : enquêter, prototyper." in cover
    head = flat(
        PdfReader(str(tmp_path / "kit" / "01-transfo-occitanie-3-deroule-fr.pdf"))
        .pages[0]
        .extract_text()
    )
    assert head.index("objectifs d’apprentissage") < head.index("Jour 1")  # before the days


# -- variants ---------------------------------------------------------------------------------
NO_CANVAS = ("sans canevas", "sans carte ni toile", "rien n'est écrit", "nothing is written")


def test_every_variant_prints_what_its_steps_use(library):
    for ex in library.exercises.values():
        supports = {s.id for s in ex.supports}
        items = {m.item for m in ex.materials}
        for v in ex.variants:
            for name in v.without:
                assert name in supports | items, (ex.id, v.id, name)
            said = " ".join(
                [tr(v.description, lang) for lang in ("fr", "en")]
                + [tr(s.instructions, lang) for s in v.steps for lang in ("fr", "en")]
            ).lower()
            if any(words in said for words in NO_CANVAS):
                assert canvas_supports(ex, v.id) == [], (ex.id, v.id)
            if "sans carte ni" in said or "no cards or" in said:
                assert card_supports(ex, v.id) == [], (ex.id, v.id)
            if "rien n'est écrit" in said or "nothing is written" in said:
                kept = {m.item for m in ex.materials if m.item not in v.without}
                assert not kept & {"sticky-notes", "markers", "pens"}, (ex.id, v.id)
            if v.steps:  # its own steps run, with its own duration
                assert sum(s.minutes for s in v.steps) == (v.duration or ex.duration).typical


VARIANTS = """\
programme: Transfo Bretagne
title: Fin de cycle
participants: 12
facilitators: [Anne]
days:
  - date: 2024-09-10
    start: 9:00
    end: 12:00
    blocks:
      - logistics: welcome
        variant: accueil-court
      - logistics: travel
        params: {sites: [{site: Médiathèque des Champs Libres, team: Tous}]}
      - logistics: travel
        variant: retour
      - exercise: tour-de-cloture
        variant: un-mot
      - exercise: debrief
        variant: un-mot
"""


def test_the_kit_honours_variants_everywhere(tmp_path, run, library):
    p = write(tmp_path, VARIANTS)
    r = run("kit", p, "--lang", "en", "-o", tmp_path / "kit")
    assert r.exit_code == 0, r.output
    manifest = json.loads(next((tmp_path / "kit").glob("*-manifest-*.json")).read_text("utf-8"))
    names = [j["name"] for j in manifest["jobs"]]
    assert not [n for n in names if "debrief" in n or "tour-de-cloture" in n or "signs" in n]
    trips = [n for n in names if "trajet" in n]  # the way out prints, the way back does not
    assert trips and all(n.startswith("canvases/02-trajet") for n in trips)
    plan = schedule(load_session(p, library))
    for need in material_needs(plan, "en"):
        for ex in need.uses:  # the one-word rounds write nothing: a timer is all they need
            assert ex.id not in ("debrief", "tour-de-cloture") or need.item == "timer"
        if need.item == "transport-tickets":
            assert need.quantity == 2 * 12  # handed out once, on the way out
    runsheet = flat(text(tmp_path / "kit" / "01-transfo-bretagne-runsheet-en.pdf"))
    assert "Count heads" in runsheet and runsheet.count("Hand out the envelopes") == 1
    assert sign_supports(library.get("accueil"), "accueil-court") == []


EVENING = """\
programme: Civic Lab Leeds
title: {{en: Libraries after six, fr: Les bibliothèques après 18 h}}
language: en
participants: 24
days:
  - date: 2027-02-10
    start: "{start}"
    end: "{end}"
    blocks:
      - {{logistics: welcome, duration: 20 min{variant}}}
      - {{exercise: un-deux-quatre-tous, duration: 40 min}}
      - {{exercise: tour-de-cloture, duration: 30 min}}
"""


def _evening(tmp_path, library, start="18:00", end="21:00", variant=""):
    path = tmp_path / "soir.yaml"
    path.write_text(EVENING.format(start=start, end=end, variant=variant), encoding="utf-8")
    plan = schedule(load_session(path, library))
    needs = {n.item: n.quantity for n in material_needs(plan, "en")}
    return plan.days[0].slots[0], needs


def test_an_evening_welcome_serves_no_breakfast(tmp_path, library):
    """A session at 18:00 printed "Welcome and breakfast" and counted 24 breakfasts."""
    slot, needs = _evening(tmp_path, library)
    assert slot.block.variant == "accueil-soir"
    assert (slot.title("en"), slot.title("fr")) == ("Welcome", "Accueil")
    assert "breakfast" not in needs and needs["badges"] == 24
    from facilitation.view.sheet import sheet_view

    card = sheet_view(slot.exercise, "en", slot)  # the facilitator card names it so too
    assert card.title == "Welcome" and "variant" not in card.facts
    slot, needs = _evening(tmp_path, library, start="9:00", end="12:00")  # a morning: breakfast
    assert slot.block.variant is None and slot.title("fr") == "Accueil et petit déjeuner"
    assert needs["breakfast"] == 24
    chosen = ", variant: accueil-court"  # the session's own choice wins, at any hour
    slot, needs = _evening(tmp_path, library, variant=chosen)
    assert slot.block.variant == "accueil-court" and slot.title("en") == "Coffee welcome"
    assert "breakfast" not in needs and "badges" not in needs
