"""Scheduling rules and warnings, on small hand-made sessions."""

from pathlib import Path

import pytest
import yaml

from facilitation.errors import UserError
from facilitation.load.sessions import load_session
from facilitation.plan.schedule import schedule


def session_file(
    tmp_path: Path,
    blocks: list,
    participants: int = 16,
    start: str = "9:00",
    end: str = "17:00",
    extra: dict | None = None,
    days: list | None = None,
) -> Path:
    data = {
        "programme": "Transfo Test",
        "title": "Essai",
        "participants": participants,
        "days": days or [{"date": "2019-05-23", "start": start, "end": end, "blocks": blocks}],
    }
    data.update(extra or {})
    p = tmp_path / "session.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def plan_of(tmp_path, library, blocks, **kw):
    return schedule(load_session(session_file(tmp_path, blocks, **kw), library))


def hm(m):
    return f"{m // 60}:{m % 60:02d}"


def times(plan, day=0):
    return [(hm(s.start), hm(s.end)) for s in plan.days[day].slots]


def messages(plan):
    return [w.message for w in plan.warnings]


def test_blocks_follow_one_another(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {"logistics": "welcome", "duration": "30 min"},
            {
                "exercise": "debat-mouvant",
                "duration": "45 min",
                "params": {"statements": ["Le numérique rapproche les services des usagers."]},
            },
            {"logistics": "break", "duration": 15},
            {"free": "Présentation", "duration": "1h"},
        ],
        end="12:00",
    )
    assert times(plan) == [
        ("9:00", "9:30"),
        ("9:30", "10:15"),
        ("10:15", "10:30"),
        ("10:30", "11:30"),
    ]
    assert plan.warnings == []


def test_exercise_without_duration_takes_its_typical_one(tmp_path, library):
    plan = plan_of(tmp_path, library, [{"exercise": "debat-mouvant"}], end="10:00")
    typical = library.get("debat-mouvant").duration.typical
    assert plan.days[0].slots[0].minutes == typical


def test_pin_leaves_a_gap_and_is_respected(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {"exercise": "debat-mouvant", "duration": "45 min"},
            {"free": "Arrivée des services partenaires", "duration": "1h", "at": "12:00"},
            {"logistics": "lunch", "duration": "1h"},
        ],
        end="14:00",
    )
    assert times(plan) == [("9:00", "9:45"), ("12:00", "13:00"), ("13:00", "14:00")]


def test_blocks_running_into_a_pin_are_warned(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {"exercise": "enquete-terrain", "duration": "2h"},
            {"free": "Arrivée", "duration": "30 min", "at": "10:30"},
        ],
        end="12:00",
    )
    assert any("past this block's pinned time 10:30" in m for m in messages(plan))
    assert times(plan)[1] == ("10:30", "11:00")


def test_colliding_pins_are_an_error(tmp_path, library):
    with pytest.raises(UserError) as exc:
        plan_of(
            tmp_path,
            library,
            [
                {"free": "A", "duration": "1h", "at": "10:00"},
                {"free": "B", "duration": "1h", "at": "10:30"},
            ],
        )
    text = exc.value.format()
    assert "two pinned blocks collide" in text and "session.yaml:" in text


def test_day_running_past_its_end(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {"exercise": "debat-mouvant", "duration": "1h"},
            {"logistics": "break", "duration": 15},
            {"exercise": "personas", "duration": "1h30"},
        ],
        end="11:30",
    )
    assert any("the day runs until 11:45, past its end at 11:30" in m for m in messages(plan))


def test_more_than_two_hours_without_a_break(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {"exercise": "debat-mouvant", "duration": "1h"},
            {"exercise": "personas", "duration": "1h30"},
        ],
        end="12:00",
    )
    (w,) = [w for w in plan.warnings if "without a break" in w.message]
    assert "without a break (from 9:00 to 11:30)" in w.message
    assert w.hint == "add a break after 'Moving debate' (10:00)"  # where one fits
    lines = (tmp_path / "session.yaml").read_text(encoding="utf-8").splitlines()
    assert "personas" in lines[w.line - 1] and "block 2 (personas)" in w.path


def test_a_break_resets_the_count(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {"exercise": "debat-mouvant", "duration": "1h"},
            {"logistics": "break", "duration": 15},
            {"exercise": "personas", "duration": "1h30"},
        ],
        end="12:00",
    )
    assert not any("without a break" in m for m in messages(plan))


def test_no_lunch_on_a_full_day(tmp_path, library):
    blocks = [
        {"exercise": "debat-mouvant", "duration": "1h"},
        {"logistics": "break", "duration": 15},
        {"free": "Après-midi", "duration": "1h", "at": "14:00"},
    ]
    plan = plan_of(tmp_path, library, blocks)
    assert any("no lunch on a full day" in m for m in messages(plan))
    morning = plan_of(tmp_path, library, blocks[:1], end="11:00")
    assert not any("lunch" in m for m in messages(morning))


def test_duration_outside_the_exercise_range(tmp_path, library):
    plan = plan_of(
        tmp_path, library, [{"exercise": "debat-mouvant", "duration": "3h"}], end="13:00"
    )
    (w,) = [w for w in plan.warnings if "outside the range" in w.message]
    assert "'debat-mouvant'" in w.message and w.path.endswith("duration")


def test_configuration_the_count_cannot_satisfy(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [{"exercise": "debat-mouvant", "split": "pairs"}],
        participants=15,
        end="11:00",
    )
    assert any("15 people do not make pairs" in m for m in messages(plan))
    plan = plan_of(
        tmp_path,
        library,
        [{"exercise": "debat-mouvant", "split": "4 groups"}],
        participants=6,
        end="11:00",
    )
    assert any("4 groups need at least 8 people" in m for m in messages(plan))
    small = plan_of(tmp_path, library, [{"exercise": "debat-mouvant"}], participants=3, end="11:00")
    assert any("needs at least" in m for m in messages(small))


def test_parallel_tracks_run_side_by_side(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {
                "tracks": [
                    {"id": "veille", "name": "Groupe veille", "people": 8, "room": "Salle 2"},
                    {"id": "enquete", "name": "Groupe enquête", "people": 8},
                ],
                "blocks": [
                    {"track": "veille", "exercise": "veille-documentaire", "duration": "1h30"},
                    {"track": "enquete", "exercise": "entretiens-a-la-volee", "duration": "1h"},
                    {"track": "enquete", "free": "Retour", "duration": "30 min"},
                ],
            },
            {"logistics": "break", "duration": 15},
        ],
        end="11:00",
    )
    slot = plan.days[0].slots[0]
    assert (hm(slot.start), hm(slot.end)) == ("9:00", "10:30")
    assert [(c.track.id, hm(c.start), hm(c.end)) for c in slot.children] == [
        ("veille", "9:00", "10:30"),
        ("enquete", "9:00", "10:00"),
        ("enquete", "10:00", "10:30"),
    ]
    assert times(plan)[1] == ("10:30", "10:45")
    assert not any("different times" in m for m in messages(plan))


def test_parallel_tracks_ending_apart_are_warned(tmp_path, library):
    plan = plan_of(
        tmp_path,
        library,
        [
            {
                "tracks": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                "blocks": [
                    {"track": "a", "exercise": "veille-documentaire", "duration": "1h30"},
                    {"track": "b", "exercise": "entretiens-a-la-volee", "duration": "1h"},
                ],
            },
        ],
        end="11:00",
    )
    assert any("end at different times (A at 10:30, B at 10:00)" in m for m in messages(plan))


def test_texts_missing_the_kits_language_are_warned(tmp_path, run):
    session = tmp_path / "s.yaml"
    session.write_text(
        "programme: X\ntitle: {fr: Séance, en: Session}\nparticipants: 12\ndays:\n"
        "  - date: 2019-05-23\n    start: '9:00'\n    end: '12:00'\n    blocks:\n"
        "      - exercise: debat-mouvant\n        duration: 45 min\n"
        "        notes: {fr: Noter le jargon}\n"
        "        params:\n          statements:\n            fr: [Innover coûte cher.]\n",
        encoding="utf-8",
    )
    en = run("check", session, "--lang", "en").output
    assert "s.yaml:11:16: warning" in en and "no English text here" in en
    assert "s.yaml:14:13: warning" in en  # the statements, at their 'fr:' list
    assert "no English" not in run("check", session, "--lang", "fr").output
