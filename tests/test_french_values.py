"""Values typed in French (or English) wherever a value is typed, from one table of aliases
(vocabulary/aliases.yaml); near-miss hints that know French key names and labels."""

from __future__ import annotations

import datetime as dt
import typing

import pytest

SESSION_FR = """\
programme: Transfo Champagne-Ardenne
number: 2
title: Des usagers au service
language: fr
participants: 16
days:
  - date: jeudi 11 mars 2027
    start: 9h30
    end: 17h
    blocks:
      - logistics: accueil
        duration: 30 min
      - exercise: tour-de-presentation
        duration: 45 min
      - exercise: parcours-utilisateur
        split: 4 groupes
        duration: 1h15
      - logistics: déjeuner
        duration: 1h15
      - exercise: entretien-matrice
        split: binômes
        duration: 1h30
        params:
          questions: [Comment avez-vous connu le service ?, Qu'est-ce qui vous a freiné ?]
          stages: [En entendre parler, Premier rendez-vous, Le dossier, La réponse]
      - logistics: Pause
        duration: 15 min
      - exercise: tour-de-cloture
        duration: 30 min
        audience: tous
  - date: 12/03/2027
    start: 9h
    end: 12h30
    blocks:
      - exercise: debat-mouvant
        duration: 45 min
        params:
          statements: [Le service est fait pour ceux qui savent déjà le trouver.]
      - logistics: pause café
        duration: 15 min
      - exercise: personas
        split: groupes de 4
        duration: 1h
        params:
          personas:
            - {name: "Odile, 71 ans", situation: "Veuve, vit seule en centre-bourg."}
            - {name: "Karim, 24 ans", situation: "Apprenti, sans voiture."}
      - exercise: prochaines-etapes
        split: en plénière
        duration: 45 min
        params:
          workstreams: [{name: Accueil unique, status: Un test en mairie le mois prochain.}]
  - date: 15 mars 2027
    start: 14h
    end: 16h
    participants: 15
    blocks:
      - logistics: trajet
        duration: 30 min
        params:
          sites: [{site: Maison France services, team: Tous, transport: En car}]
      - exercise: photolangage
        split: trinômes
        duration: 45 min
"""


def test_a_session_written_in_french_checks_clean(tmp_path, run):
    path = tmp_path / "champagne.yaml"
    path.write_text(SESSION_FR, encoding="utf-8")
    r = run("check", path, "--lang", "fr")
    assert r.exit_code == 0, r.output
    assert r.output.strip().endswith("3 jours, 13 blocs, 0 avertissement")
    from facilitation.load.library import Library
    from facilitation.load.sessions import load_session

    s = load_session(path, Library()).session
    assert [d.date for d in s.days] == [
        dt.date(2027, 3, 11),
        dt.date(2027, 3, 12),
        dt.date(2027, 3, 15),
    ]
    blocks = s.days[0].blocks
    assert [b.logistics for b in blocks if b.logistics] == ["welcome", "lunch", "break"]
    assert str(blocks[2].split) == "4 groups" and str(blocks[4].split) == "pairs"
    assert blocks[6].audience == "all"
    assert str(s.days[1].blocks[2].split) == "groups of 4"
    assert str(s.days[1].blocks[3].split) == "plenary"
    assert s.days[2].blocks[0].logistics == "travel"
    assert str(s.days[2].blocks[1].split) == "groups of 3"


@pytest.mark.parametrize(
    "typed, date",
    [
        ("12/03/2027", dt.date(2027, 3, 12)),
        ("12-03-2027", dt.date(2027, 3, 12)),
        ("12.03.27", dt.date(2027, 3, 12)),
        ("12 mars 2027", dt.date(2027, 3, 12)),
        ("vendredi 12 mars 2027", dt.date(2027, 3, 12)),
        ("Vendredi 12 Mars 2027", dt.date(2027, 3, 12)),
        ("1er avril 2027", dt.date(2027, 4, 1)),
        ("jeudi 1er avril 2027", dt.date(2027, 4, 1)),
        ("3 févr. 2027", dt.date(2027, 2, 3)),
        ("17 aout 2027", dt.date(2027, 8, 17)),
        ("12 March 2027", dt.date(2027, 3, 12)),
        ("March 12, 2027", dt.date(2027, 3, 12)),
        ("Friday, 12 March 2027", dt.date(2027, 3, 12)),
        ("2027-03-12", dt.date(2027, 3, 12)),
    ],
)
def test_dates_as_people_write_them(typed, date):
    from facilitation.model.session import Day

    day = Day.model_validate({"date": typed, "blocks": [{"free": "x", "duration": 10}]})
    assert day.date == date


def test_a_day_name_that_does_not_match_the_date_is_an_error(tmp_path, run):
    """12 March 2027 is a Friday: 'jeudi 12 mars 2027' is a typing mistake somewhere."""
    path = tmp_path / "s.yaml"
    path.write_text(
        "programme: X\ntitle: Y\nparticipants: 8\ndays:\n"
        "  - date: jeudi 12 mars 2027\n    blocks: [{exercise: debat-mouvant}]\n"
        "  - date: 31/02/2027\n    blocks: [{exercise: debat-mouvant}]\n"
        "  - date: 12 brumaire 2027\n    blocks: [{exercise: debat-mouvant}]\n",
        encoding="utf-8",
    )
    fr = run("check", path, "--lang", "fr")
    assert fr.exit_code == 1
    assert "s.yaml:5:11: erreur : days[0].date : le 12 mars 2027 est un vendredi, pas un jeudi" in (
        fr.output
    )
    assert "s.yaml:7:11: erreur : days[1].date : cette date n'existe pas : « 31/02/2027 »" in (
        fr.output
    )
    assert "mois inconnu « brumaire »" in fr.output
    en = run("check", path, "--lang", "en")
    assert "days[0].date: 12 March 2027 is a Friday, not a jeudi" in en.output


@pytest.mark.parametrize(
    "typed, value",
    [
        ("binômes", "pairs"),
        ("Binomes", "pairs"),
        ("en binômes", "pairs"),
        ("trinômes", "groups of 3"),
        ("4 groupes", "4 groups"),
        ("groupes de 4", "groups of 4"),
        ("en groupes de 6", "groups of 6"),
        ("en plénière", "plenary"),
        ("plénière", "plenary"),
        ("individuel", "individual"),
        ("seul", "individual"),
        ("groups of 5", "groups of 5"),
        ("3 groups", "3 groups"),
    ],
)
def test_configurations_in_french(typed, value):
    from facilitation.model.exercise import Step

    step = Step.model_validate(
        {"title": "t", "minutes": 5, "instructions": "i", "configuration": typed}
    )
    assert str(step.configuration) == value


@pytest.mark.parametrize(
    "kind, typed, value",
    [
        ("logistics", "accueil", "welcome"),
        ("logistics", "pause", "break"),
        ("logistics", "déjeuner", "lunch"),
        ("logistics", "dejeuner", "lunch"),
        ("logistics", "trajet", "travel"),
        ("arc", "ouvrir", "open"),
        ("arc", "explorer", "explore"),
        ("arc", "converger", "converge"),
        ("arc", "conclure", "close"),
        ("arc", "dynamiser", "energise"),
        ("arc", "logistique", "logistics"),
        ("per", "binôme", "pair"),
        ("per", "par groupe", "group"),
        ("colour", "jaune", "yellow"),
        ("colour", "Verts", "green"),
    ],
)
def test_values_in_french(kind, typed, value):
    from facilitation.text.aliases import canonical

    assert canonical(kind, typed) == value


def test_an_exercise_written_with_french_values_validates(tmp_path, run):
    (tmp_path / "atelier.yaml").write_text(
        "title: {fr: Atelier, en: Workshop}\narc: converger\nduration: 30\n"
        "configuration: groupes de 4\n"
        "materials:\n  - {item: sticky-notes, quantity: 10, per: groupe, colour: jaune}\n"
        "steps:\n  - {title: Un, minutes: 30, instructions: Faire., configuration: binômes}\n",
        encoding="utf-8",
    )
    r = run("validate", tmp_path / "atelier.yaml", "--lang", "fr")
    assert r.exit_code == 0, r.output
    show = run("show", "atelier", "--library", tmp_path, "--lang", "fr")
    assert "phase : converger" in show.output and "groupes de 4" in show.output
    assert "Post-it 76 × 76 mm (jaunes) — 10 par groupe" in show.output


def test_arc_on_the_command_line_in_french(run):
    fr = run("list", "--arc", "conclure", "--lang", "fr")
    en = run("list", "--arc", "close", "--lang", "fr")
    assert fr.exit_code == 0 and fr.output == en.output and "tour-de-cloture" in fr.output
    bad = run("list", "--arc", "conclur", "--lang", "fr")
    assert bad.exit_code == 1 and "vouliez-vous dire « conclure » ?" in bad.output
    bad = run("list", "--arc", "clos", "--lang", "en")
    assert bad.exit_code == 1 and "did you mean 'close'?" in bad.output


def test_keys_typed_in_french_get_the_english_key(tmp_path, run):
    path = tmp_path / "s.yaml"
    path.write_text(
        "programme: X\ntitle: Y\nparticipants: 8\ndays:\n  - date: 2027-03-12\n"
        "    debut: 9h\n    blocks:\n      - exercise: debat-mouvant\n        duree: 30 min\n"
        "        salle: B12\n",
        encoding="utf-8",
    )
    r = run("check", path, "--lang", "fr")
    assert r.exit_code == 1
    assert "s.yaml:6:5: erreur : days[0].debut : clé inconnue « debut »" in r.output
    assert "vouliez-vous dire « start » ?" in r.output
    assert "clé inconnue « duree »\n    suggestion : vouliez-vous dire « duration » ?" in r.output
    assert "vouliez-vous dire « room » ?" in r.output
    en = run("check", path, "--lang", "en")
    assert "unknown key 'duree'\n    hint: did you mean 'duration'?" in en.output


def test_hints_match_labels_as_well_as_ids(tmp_path, run):
    """'paperboard' is in the French label of flipchart-paper, not in any id."""
    (tmp_path / "mur.yaml").write_text(
        "title: Mur\nduration: 10\nmaterials: [{item: paperboard, quantity: 2}]\n"
        "steps: [{title: Un, minutes: 10, instructions: Faire.}]\n",
        encoding="utf-8",
    )
    r = run("validate", tmp_path / "mur.yaml", "--lang", "en")
    assert r.exit_code == 1
    assert "unknown material 'paperboard' and no label for it" in r.output
    assert "did you mean 'flipchart-paper'?" in r.output
    (tmp_path / "mur.yaml").write_text(
        "title: Mur\nduration: 10\nmaterials: [{item: gomettes, quantity: 2}]\n"
        "steps: [{title: Un, minutes: 10, instructions: Faire.}]\n",
        encoding="utf-8",
    )
    r = run("validate", tmp_path / "mur.yaml", "--lang", "fr")
    assert "vouliez-vous dire « voting-dots » ?" in r.output  # 'Gommettes de vote'


def test_unknown_exercise_matches_titles(tmp_path, run):
    path = tmp_path / "s.yaml"
    path.write_text(
        "programme: X\ntitle: Y\nparticipants: 8\ndays:\n  - date: 2027-03-12\n"
        "    blocks: [{exercise: moving-debate}]\n",
        encoding="utf-8",
    )
    r = run("check", path, "--lang", "en")
    assert "unknown exercise 'moving-debate'" in r.output
    assert "did you mean 'debat-mouvant'?" in r.output


def test_the_aliases_table_holds():
    """Each word stands for one value of its kind, and the values are the formats' own."""
    from facilitation.model import exercise, session
    from facilitation.text.aliases import NUMBER, key_names, normal, table, values

    def literal(annotation):
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) is typing.Literal:
                return set(typing.get_args(arg))
            inner = literal(arg)
            if inner:
                return inner
        return set()

    assert set(values("arc")) == literal(exercise.Arc)
    assert set(values("logistics")) == literal(session.Logistics)
    assert set(values("per")) == literal(exercise.Per)
    assert set(values("colour")) == literal(exercise.Colour)
    for kind in table()["values"]:
        seen: dict[str, str] = {}
        for value, words in values(kind).items():
            for w in [value, *words]:
                key = normal(w)
                assert seen.get(key, value) == value, f"{kind}: '{w}' for {seen[key]} and {value}"
                seen[key] = value
                assert NUMBER not in w or NUMBER in value
    models = [
        session.Session,
        session.Day,
        session.Block,
        session.Track,
        session.Place,
        session.Group,
        exercise.Exercise,
        exercise.Step,
        exercise.Material,
        exercise.Support,
        exercise.Parameter,
        exercise.Variant,
        exercise.Blank,
        session.Role,
        session.Person,
        session.Guest,
        session.DayGuest,
        session.Movement,
        session.Timing,
        session.Checks,
        session.Event,
        session.PrintChoice,
    ]
    fields = {f for m in models for f in m.model_fields} - {"id", "origin"}
    assert fields <= set(key_names()), sorted(fields - set(key_names()))


def test_unit_words_need_singular_and_plural(tmp_path, run):
    lib = tmp_path / "lib"
    (lib / "cards").mkdir(parents=True)
    (lib / "cards" / "materials.yaml").write_text(
        "ficelle:\n  label: {fr: Ficelle, en: String}\n  unit: {fr: pelotes, en: balls}\n",
        encoding="utf-8",
    )
    r = run("validate", "--library", lib, "--lang", "fr")
    assert r.exit_code == 1
    assert (
        "materials.yaml:3:9: erreur : ficelle.unit : l'unité « fr » doit donner le singulier et "
        "le pluriel, comme [feutre, feutres]"
    ) in r.output
    assert r.output.count("ficelle.unit") == 1  # said once, not for every exercise
