"""Step times for the real head count: turns (each team in turn) counted at the block's
people and split, the other steps scaled into what remains, the texts printing the minutes
computed for the session, warnings when the turns cannot fit, variants with their own steps,
and the timing lint of `validate`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pdfcheck import text

from facilitation.load.sessions import load_session
from facilitation.model.exercise import Exercise, step_teams
from facilitation.plan.schedule import schedule
from facilitation.plan.steps import scale, time_steps
from facilitation.text.messages import set_language


@pytest.fixture(autouse=True)
def french():
    set_language("fr")
    yield
    set_language("fr")


def write_session(tmp_path: Path, blocks: list, participants: int, **extra) -> Path:
    data = {
        "programme": "Fabrique citoyenne de Rennes",
        "title": {"fr": "Soirée d'enquête", "en": "Survey evening"},
        "participants": participants,
        "facilitators": ["Lou", "Sam"],
        "days": [{"date": "2027-03-11", "start": "17:30", "end": "21:30", "blocks": blocks}],
        **extra,
    }
    path = tmp_path / "soiree.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def slot_of(plan, exercise_id):
    return next(s for s in plan.all_slots() if s.exercise and s.exercise.id == exercise_id)


def test_presentations_to_the_room_count_the_groups_of_the_split(tmp_path, library):
    # thirty residents of a neighbourhood council, in groups of 5: six personas to present
    path = write_session(
        tmp_path, [{"exercise": "personas", "split": "groups of 5", "duration": 60}], 30
    )
    plan = schedule(load_session(path, library))
    slot = slot_of(plan, "personas")
    turns = slot.timing.turns
    assert [(t.teams, t.each, t.minutes) for t in turns] == [(6, 3, 18)]
    assert sum(s.minutes for s in slot.timing.steps) == 60
    # the other steps share the 42 minutes left, in proportion to what they are written for
    others = [s.minutes for s in slot.timing.steps if s.teams is None]
    assert sum(others) == 42 and others[2] > others[0]
    # the step is a presentation to the whole room, and still counts six groups
    step = turns[0].step
    assert str(step.configuration) == "plenary"


def test_the_same_presentation_without_a_split_takes_the_methods_groups(library):
    ex = library.get("personas")  # configuration: groups (of 5 by default)
    step = next(s for s in ex.steps if s.per == "group")
    assert step_teams(step, ex, 20) == 4
    assert step_teams(step, ex, 12) == 2  # twelve people: two groups of about five


def test_pairs_turns_at_a_small_head_count(library):
    # a team of twelve staff: six pairs tell their contact point in 2 minutes each
    timing = time_steps(library.get("points-de-contact"), people=12, total=90)
    (turn,) = timing.turns
    assert (turn.teams, turn.each, turn.minutes) == (6, 2, 12)
    assert sum(s.minutes for s in timing.steps) == 90


def test_steps_texts_print_the_minutes_computed_for_the_session(tmp_path, library, run):
    path = write_session(
        tmp_path,
        [{"exercise": "personas", "split": "groups of 5", "duration": 60}],
        30,
    )
    out = tmp_path / "out"
    assert run("agenda", path, "-o", out, "--format", "pdf").exit_code == 0
    runsheet = next(p for p in out.glob("*.pdf") if "deroule" in p.name or "run" in p.name)
    t = " ".join(text(runsheet).split())
    assert "6 groupes, 18 minutes en tout" in t
    assert "{each}" not in t and "{teams}" not in t and "{minutes}" not in t
    assert "4. Présenter les personas" in t  # steps are numbered


def test_turns_that_squeeze_the_block_are_warned_with_their_line(tmp_path, library):
    # forty people for the quotes method in 45 minutes: twenty pairs take 40 of them
    path = write_session(tmp_path, [{"exercise": "verbatims", "duration": 45}], 40)
    plan = schedule(load_session(path, library))
    (w,) = [w for w in plan.warnings if "passages" in w.message]
    assert "40 des 45 min" in w.message and "20 × 2 min" in w.message
    block_line = path.read_text(encoding="utf-8").splitlines().index("  - exercise: verbatims")
    assert w.line == block_line + 1 and w.file.endswith("soiree.yaml")
    assert "allongez le bloc" in w.hint


def test_turns_that_overrun_the_block_are_cut_short_and_warned(tmp_path, library):
    path = write_session(tmp_path, [{"exercise": "verbatims", "duration": 45}], 56)
    plan = schedule(load_session(path, library))
    slot = slot_of(plan, "verbatims")
    assert not slot.timing.fits
    (turn,) = slot.timing.turns
    assert turn.teams == 28 and turn.each < 2  # each pair gets less than its 2 minutes
    assert sum(s.minutes for s in slot.timing.steps) == 45
    (w,) = [w for w in plan.warnings if "passages" in w.message]
    assert "chaque passage est écourté" in w.message and "56 personnes" in w.message


def test_turns_warnings_in_english(tmp_path, run):
    path = write_session(tmp_path, [{"exercise": "verbatims", "duration": 45}], 56)
    r = run("check", path, "--lang", "en")
    assert "the turns need 56 min for 56 people, more than the block's 45 min" in r.output
    assert "each turn is cut short" in r.output


def test_a_variant_brings_its_own_steps_and_duration(tmp_path, library, run):
    path = write_session(
        tmp_path,
        [
            {"exercise": "debat-mouvant", "variant": "version-courte"},
            {"logistics": "break", "duration": 10},
        ],
        20,
    )
    plan = schedule(load_session(path, library))
    slot = slot_of(plan, "debat-mouvant")
    assert slot.minutes == 20  # the short version's own duration
    assert [s.minutes for s in slot.timing.steps] == [3, 8, 7, 2]
    out = tmp_path / "out"
    assert run("agenda", path, "-o", out, "--format", "pdf").exit_code == 0
    runsheet = next(p for p in out.glob("*.pdf") if "deroule" in p.name or "run" in p.name)
    t = " ".join(text(runsheet).split())
    assert "Deuxième affirmation" in t and "Affirmations suivantes" not in t


def test_scale_adds_up_exactly():
    assert scale([5, 2, 10, 20, 8], 45) == [5, 2, 10, 20, 8]
    for total in (7, 31, 44, 90, 121):
        assert sum(scale([5, 2, 10, 20, 8], total)) == total
    assert scale([], 10) == []


def test_validate_reports_steps_that_do_not_add_up_with_file_and_line(tmp_path, run):
    lib = tmp_path / "ateliers"
    lib.mkdir()
    (lib / "jeu-de-la-bombe.yaml").write_text(
        """title: {fr: Jeu de la bombe, en: Bomb game}
duration: 15 min
configuration: pairs
steps:
  - title: Consignes
    minutes: 4
    instructions: Expliquer la règle.
  - title: Chaque binôme désamorce
    minutes: 10
    each: 2
    per: pair
    instructions: "Chaque binôme a {each} minutes ; {teams} binômes, {minutes} minutes."
""",
        encoding="utf-8",
    )
    r = run("validate", lib)
    assert r.exit_code == 0  # worth reading, but the file is valid
    assert "jeu-de-la-bombe.yaml:5:3:" in r.output  # the steps
    assert "les étapes font 14 min en tout, mais la durée habituelle est de 15 min" in r.output
    assert "10 binômes × 2 min = 20 min" in r.output
    assert "jeu-de-la-bombe.yaml:10:" in r.output  # the line of 'each'
    assert "2 avertissements" in r.output


def test_the_built_in_library_validates_without_a_timing_warning(run):
    r = run("validate")
    assert r.exit_code == 0
    assert "warning" not in r.output and "avertissement" not in r.output


def test_every_built_in_step_fits_at_transfo_size(library):
    for ex_id in library.ids():
        ex: Exercise = library.get(ex_id)
        assert ex.timing_lint() == [], ex_id
        for v in [None] + [v.id for v in ex.variants]:
            timing = time_steps(ex, 20, variant=v)
            assert timing.fits and not timing.squeezed, (ex_id, v)


def test_step_texts_count_in_the_form_the_number_needs():
    """A step text names what it counts, singular and plural: a small group's one team
    reads '1 groupe', not '1 groupes' (French: 0 and 1 are singular)."""
    from facilitation.model.exercise import Step
    from facilitation.plan.steps import StepTime

    step = Step.model_validate({"title": "Restitution", "minutes": 9, "instructions": "-"})
    text = "{teams|groupe|groupes}, {each|minute|minutes} chacun, {minutes} min en tout ; {x}"
    set_language("fr")
    one = StepTime(step, minutes=3, teams=1, each=3).fill(text)
    assert one == "1 groupe, 3 minutes chacun, 3 min en tout ; {x}"
    three = StepTime(step, minutes=3, teams=3, each=1).fill(text)
    assert three == "3 groupes, 1 minute chacun, 3 min en tout ; {x}"
    set_language("en")
    english = StepTime(step, minutes=2, teams=1, each=2).fill("{teams|pair|pairs} ({teams})")
    assert english == "1 pair (1)"
    # a step not run in turns has no teams: the mark stays for the reader to see
    assert StepTime(step, minutes=5).fill("{teams|pair|pairs}") == "{teams|pair|pairs}"


def test_no_built_in_step_text_counts_teams_without_its_word():
    """Every built-in step text that counts teams or minutes says the word with its two
    forms, so that no kit prints '1 groups' or '1 minutes'."""
    import re

    from conftest import ROOT

    bare = re.compile(r"\{(teams|each|minutes)\}\s+(?!min\b)[^\W\d]")
    for f in sorted((ROOT / "exercises").glob("*.yaml")):
        found = bare.findall(f.read_text(encoding="utf-8"))
        assert not found, (f.name, found)
