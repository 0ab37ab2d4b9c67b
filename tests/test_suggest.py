"""The matchmaker, as facilitators ask it: what they want to do, in their own words and
language, the time they have and how many they are; it ranks methods and says why."""

from __future__ import annotations

import pytest

from facilitation.load.library import Library
from facilitation.plan.suggest import fold, named_concepts, same_word, shortest_for, suggest
from facilitation.text.messages import set_language

LIB = Library()
ALL = list(LIB.exercises.values())


@pytest.fixture(autouse=True)
def _french_back():
    yield
    set_language("fr")


def ids(result):
    return [s.exercise.id for s in result.items]


def test_closing_the_day_in_french_ranks_closing_methods_that_fit(run):
    result = run("suggest", "clore la journée", "--time", "30min", "--people", "16")
    assert result.exit_code == 0, result.output
    out = result.output
    first, second = (out.split(f"\n{n}. ", 1)[1].splitlines()[0] for n in (1, 2))
    # the two closing methods that fit: the debrief ("Clore une journée", 26 min for sixteen
    # people) and the closing round (one minute each: 19 min)
    assert {first.split("  ")[1], second.split("  ")[1]} == {"[debrief]", "[tour-de-cloture]"}
    assert "Pourquoi :" in out
    assert "une méthode pour conclure (vous avez écrit « clore »)" in out
    assert "mot-clé « clôture »" in out
    assert "son objectif : « Terminer une journée" in out
    assert "tient en 30 min" in out and "convient à 16 personnes" in out
    assert "5 méthodes proposées sur" in out
    assert "trop longues pour 30 min" in out


def test_every_method_proposed_fits_the_time_and_the_group():
    result = suggest(ALL, "clore la journée", 30, 16, "fr", limit=10)
    assert result.items
    for s in result.items:
        ex = s.exercise
        assert shortest_for(ex, 16) <= 30, ex.id
        assert ex.group_size.min <= 16 <= (ex.group_size.max or 999), ex.id
        assert s.reasons, ex.id
    # what was set aside for time really is too long
    for ex_id in result.too_long:
        assert shortest_for(LIB.get(ex_id), 16) > 30


def test_a_closing_round_is_too_long_for_forty_people_in_twenty_minutes():
    # one minute each: forty people need forty minutes, whatever the range says
    result = suggest(ALL, "tour de clôture", 20, 30, "fr", limit=20)
    assert "tour-de-cloture" not in ids(result)
    assert "tour-de-cloture" in result.too_long


def test_closing_in_english_with_english_words(run):
    result = run("suggest", "close the day", "--time", "30min", "--people", "16", "--lang", "en")
    assert result.exit_code == 0, result.output
    top = [x.split("  ")[1] for x in result.output.split("\n")[2:] if x[:3] in ("1. ", "2. ")]
    assert sorted(top) == ["[debrief]", "[tour-de-cloture]"], result.output
    assert "a method to close (you wrote “close”)" in result.output
    assert "tagged “closing”" in result.output
    assert "fits in 30 min" in result.output


def test_accents_case_and_the_other_language_do_not_matter():
    base = ids(suggest(ALL, "clôturer", None, 16, "fr"))
    assert base
    assert ids(suggest(ALL, "CLOTURER", None, 16, "fr")) == base
    # an English synonym typed in a French session finds the same tag
    checkout = suggest(ALL, "check-out", None, 16, "fr")
    assert checkout.items
    assert all("cloture" in s.exercise.tags for s in checkout.items)
    ice = suggest(ALL, "icebreaker", None, None, "fr", limit=20)
    assert ice.items and all("brise-glace" in s.exercise.tags for s in ice.items)


def test_words_name_parts_of_a_session_tags_and_families():
    named = {(n.concept.kind, n.concept.id) for n in named_concepts("prioriser des idées")}
    assert ("arc", "converge") in named
    assert ("tag", "priorisation") in named
    assert ("tag", "idees") in named
    assert ("family", "idees") in named
    # the same word give or take an ending: journée / journées, conclure / conclusion
    assert same_word(fold("journée"), fold("journées"))
    assert same_word("idee", "idees")
    assert same_word("conclure", "conclusion")
    assert not same_word("fin", "finir")
    assert not same_word("quand", "quantique")


def test_breaks_and_meals_only_when_asked_for():
    plain = suggest(ALL, "", 30, 16, "fr", limit=100)
    assert not [s for s in plain.items if s.exercise.arc == "logistics"]
    lunch = suggest(ALL, "déjeuner", None, 16, "fr")
    assert ids(lunch)[0] == "dejeuner"


def test_without_words_methods_rank_by_fit():
    result = suggest(ALL, "", 15, 12, "fr", limit=100)
    assert result.items
    for s in result.items:
        assert shortest_for(s.exercise, 12) <= 15
        kinds = {r.kind for r in s.reasons}
        assert kinds <= {"time", "time-spare", "people"}


def test_a_method_of_ones_own_library_is_proposed(tmp_path, run):
    lib = tmp_path / "exercices-quartier"
    lib.mkdir()
    (lib / "criee-de-quartier.yaml").write_text(
        """\
title: {fr: Criée de quartier, en: Neighbourhood crier}
tagline: {fr: Lire à voix haute les doléances des habitants., en: Read residents' grievances aloud.}
purpose:
  fr: Faire entendre la parole des habitants avant de décider des travaux de la place.
  en: Let residents be heard before deciding on the works on the square.
arc: explore
tags: [usagers, debat]
duration: {typical: 40 min, min: 30 min, max: 60 min}
group_size: {min: 6, max: 40}
steps:
  - title: {fr: Lire, en: Read}
    minutes: 40
    instructions: {fr: Lire les doléances., en: Read the grievances.}
""",
        encoding="utf-8",
    )
    result = run("suggest", "doléances des habitants", "--people", "25", "--library", lib)
    assert result.exit_code == 0, result.output
    assert "1. Criée de quartier  [criee-de-quartier]" in result.output
    assert "mot-clé « usagers » (vous avez écrit « habitants »)" in result.output


def test_nothing_to_go_on_is_an_error(run):
    result = run("suggest")
    assert result.exit_code == 1
    assert "dites ce que vous voulez faire" in result.output
    result = run("suggest", "clore", "--time", "une heure")
    assert result.exit_code == 1 and "--time" in result.output


def test_a_wish_nothing_matches(run):
    result = run("suggest", "xylophone quantique")
    assert result.exit_code == 0
    assert "Aucune méthode ne correspond." in result.output
