"""Plan proposals: a day drawn for a time and a head count that follows the arc of a
session, has its breaks, checks clean once the facilitator has chosen the contents it marks
(else check says, block by block, that the built-in examples print), builds a kit, and comes
back from its seed or from its plan line."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml

from facilitation.load.library import Library
from facilitation.load.sessions import load_session
from facilitation.plan.checks import BREAK_AFTER
from facilitation.plan.examples import unchosen
from facilitation.plan.propose import exercises_by_id, expand, propose
from facilitation.plan.schedule import schedule
from facilitation.plan.suggest import shortest_for
from facilitation.plan.supports import exercise_values
from facilitation.text.messages import set_language

LIB = Library()
EXERCISES = exercises_by_id(LIB.exercises.values())
ARC_RANK = {"open": 0, "explore": 1, "converge": 2, "close": 3}


@pytest.fixture(autouse=True)
def _french_back():
    yield
    set_language("fr")


def blocks(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (b.get("exercise") or b.get("logistics"), b["duration"]) for b in data["days"][0]["blocks"]
    ]


def to_choose(ex_id):
    """The contents a proposed block leaves to choose (the method's built-in examples)."""
    ex = EXERCISES.get(ex_id)
    if ex is None:
        return []
    return [name for name, _kind in unchosen(ex, None, {}, exercise_values(ex))]


def only_contents_to_choose(path, plan):
    """Every warning of a proposal is a content it marks as to choose, at its block's line."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    marked = [(i, n) for i, b in enumerate(data["days"][0]["blocks"]) for n in to_choose(
        b.get("exercise"))]  # fmt: skip
    assert len(plan.warnings) == len(marked), [w.format() for w in plan.warnings]
    assert sorted(p[3] for p in plan.warning_paths) == sorted(i for i, _n in marked)
    text = path.read_text(encoding="utf-8")
    for _i, name in marked:
        assert f"{name} (" in text  # the file says which content to choose


def choose_contents(path):
    """What the facilitator does next: give the session's own content where the file marks
    it (here, the built-in examples written out as their own)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for b in data["days"][0]["blocks"]:
        names = to_choose(b.get("exercise"))
        if names:
            ex = EXERCISES[b["exercise"]]
            b["params"] = {n: ex.param_default(n, data["language"]) for n in names}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def check_arc(items):
    """The methods follow the arc: open first, close last, never back to an earlier part."""
    arcs = [EXERCISES[i.id].arc for i in items if EXERCISES[i.id].arc in ARC_RANK]
    assert arcs[0] == "open" and arcs[-1] == "close", arcs
    ranks = [ARC_RANK[a] for a in arcs]
    assert ranks == sorted(ranks), arcs


def test_three_hours_for_sixteen_checks_clean_once_chosen_and_builds_a_kit_in_french(tmp_path, run):
    session = tmp_path / "atelier.yaml"
    result = run(
        "propose", "--time", "3h", "--people", "16", "--seed", "42",
        "--date", "2025-03-14", "-o", session,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Jour 1, vendredi 14 mars 2025, 9 h–12 h" in out
    assert "graine : 42" in out
    text = session.read_text(encoding="utf-8")
    assert "# Un plan proposé par facilitation : 3 h pour 16 personnes." in text
    assert "facilitation propose --time 3h --people 16 --seed 42" in text
    assert 'title: {fr: "Session proposée", en: "Proposed session"}' in text
    assert "logistics: accueil" in text and "logistics: pause" in text  # French values
    only_contents_to_choose(session, schedule(load_session(session, LIB), "fr"))
    if "contenu à choisir" in text:
        assert "attention" in out and "exemple intégré" in out
    choose_contents(session)
    checked = run("check", session, "--strict")
    assert checked.exit_code == 0, checked.output
    assert "0 avertissement" in checked.output
    kit = run("kit", session, "-o", tmp_path / "kit")
    assert kit.exit_code == 0, kit.output
    assert (tmp_path / "kit" / "00-guide-impression-fr.pdf").is_file()
    names = [b for b, _ in blocks(session)]
    assert names[0] == "accueil" and "pause" in names
    loaded = load_session(session, LIB)
    plan = schedule(loaded)
    assert plan.days[0].end <= 12 * 60


def test_a_day_in_english_with_a_goal_has_lunch_and_an_energiser_after_it(tmp_path, run):
    session = tmp_path / "day.yaml"
    result = run(
        "propose", "--time", "7h", "--people", "19", "--goal", "decide together", "--seed", "3",
        "--date", "2025-06-02", "--start", "9:00", "--lang", "en", "-o", session,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Day 1, Monday 2 June 2025, 9:00–16:00" in result.output
    names = [b for b, _ in blocks(session)]
    assert "lunch" in names
    after = names[names.index("lunch") + 1]
    assert EXERCISES[after].arc == "energise"
    text = session.read_text(encoding="utf-8")
    assert 'title: "decide together"' in text and "language: en" in text
    choose_contents(session)
    checked = run("check", session, "--strict", "--lang", "en")
    assert checked.exit_code == 0, checked.output
    kit = run("kit", session, "-o", tmp_path / "kit", "--lang", "en")
    assert kit.exit_code == 0, kit.output
    assert (tmp_path / "kit" / "00-printing-guide-en.pdf").is_file()
    # nineteen people: no method in pairs
    for name in names:
        if name in EXERCISES:
            assert EXERCISES[name].configuration.kind != "pairs"


def test_the_same_seed_gives_the_same_file_and_the_plan_line_gives_the_same_day(tmp_path, run):
    one, two, back = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    args = ["propose", "--time", "4h", "--people", "14", "--seed", "7", "--date", "2025-01-09"]
    first = run(*args, "-o", one)
    assert first.exit_code == 0, first.output
    assert run(*args, "-o", two).exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    line = re.search(r"^plan : (\S+)$", first.output, re.M).group(1)
    assert "--plan" in one.read_text(encoding="utf-8")
    expanded = run(
        "propose", "--plan", line, "--time", "4h", "--people", "14", "--date", "2025-01-09",
        "-o", back,
    )  # fmt: skip
    assert expanded.exit_code == 0, expanded.output
    assert blocks(back) == blocks(one)
    assert "graine" not in expanded.output
    # a different seed draws another day
    other = run(*args[:5], "--seed", "8", "--date", "2025-01-09", "-o", tmp_path / "d.yaml")
    assert other.exit_code == 0
    assert blocks(tmp_path / "d.yaml") != blocks(one)


@pytest.mark.parametrize(
    "budget,people", [(45, 8), (90, 12), (180, 16), (240, 25), (360, 13), (450, 20)]
)
def test_every_draw_follows_the_arc_fits_the_time_and_checks_clean(budget, people, tmp_path):
    """Clean but for the contents it marks as to choose."""
    for seed in range(6):
        p = propose(EXERCISES, budget, people, seed=seed)
        assert budget - 15 <= p.minutes <= budget, (seed, p.line(EXERCISES))
        check_arc(p.items)
        # no stretch of work longer than two hours, no method shorter than its run needs
        since = 0
        for it in p.items:
            ex = EXERCISES[it.id]
            if it.logistics in ("welcome", "break", "lunch"):
                since = 0
                continue
            since += it.minutes
            assert since <= BREAK_AFTER, (seed, p.line(EXERCISES))
            assert shortest_for(ex, people) <= it.minutes <= (ex.duration.max or 999)
        ids = [i.id for i in p.items if not i.logistics]
        assert len(ids) == len(set(ids))
        # read back as a session: no warning but the contents to choose
        from facilitation.jobs.propose import session_text

        path = tmp_path / f"p{seed}.yaml"
        import datetime as dt

        path.write_text(
            session_text(p, EXERCISES, "fr", "Essai", dt.date(2025, 3, 14)), encoding="utf-8"
        )
        only_contents_to_choose(path, schedule(load_session(path, LIB), "fr"))


def test_a_drawn_day_ends_on_the_hour_it_was_asked_for():
    """Three hours from 14:00 end at 17:00, not at 16:59 with a debrief of 29 minutes: the
    last minutes go to a method whose length is not a multiple of five (one draw in five
    ended a few minutes short before)."""
    for budget, people, start in [(90, 8, 18 * 60), (180, 16, 14 * 60), (420, 24, 9 * 60)]:
        for seed in range(1, 13):
            p = propose(EXERCISES, budget, people, seed=seed, start=start)
            total = sum(i.minutes for i in p.items)
            assert total == budget, (seed, p.line(EXERCISES))
            assert (start + total) % 5 == 0


def test_strings_are_followed_where_the_library_has_them():
    followed = 0
    for seed in range(10):
        p = propose(EXERCISES, 180, 16, seed=seed)
        work = [EXERCISES[i.id] for i in p.items if i.logistics != "break"]
        for before, after in itertools.pairwise(work):
            if after.id in before.strings.after or before.id in after.strings.before:
                followed += 1
    assert followed >= 15  # more than one usual sequence a day, on average


def test_a_goal_draws_methods_close_to_it():
    def decisions(goal):
        n = 0
        for seed in range(10):
            p = propose(EXERCISES, 240, 16, goal=goal, seed=seed)
            n += sum(1 for i in p.items if {"decision", "priorisation"} & set(EXERCISES[i.id].tags))
        return n

    assert decisions("décider ensemble et prioriser") > decisions("")


def test_going_out_to_meet_people_only_when_the_goal_asks_for_it():
    def outside(items):
        return [i.id for i in items if {"entretien", "observation"} & set(EXERCISES[i.id].tags)]

    for seed in range(8):
        assert not outside(propose(EXERCISES, 360, 12, seed=seed).items)
    asked = [propose(EXERCISES, 420, 12, goal="enquête de terrain", seed=s) for s in range(8)]
    assert any(outside(p.items) for p in asked)


def test_plan_lines_as_people_share_them():
    p = expand("accueil:15, meteo ,debat-mouvant:40,pause,tour-de-cloture", EXERCISES, 16)
    assert [(i.id, i.minutes, i.logistics) for i in p.items] == [
        ("accueil", 15, "welcome"),
        ("meteo-interieure", 25, None),  # a unique beginning stands for the id
        ("debat-mouvant", 40, None),
        ("pause", 15, "break"),
        ("tour-de-cloture", 25, None),
    ]
    assert p.line(EXERCISES) == "accueil:15,meteo-interieure,debat-mouvant:40,pause,tour-de-cloture"


def test_bad_plan_lines_and_options_are_said(tmp_path, run):
    result = run("propose", "--plan", "acueil,tour,pause:beaucoup", "--people", "12",
                 "-o", tmp_path / "x.yaml")  # fmt: skip
    assert result.exit_code == 1
    out = result.output
    assert "--plan, 1 : méthode inconnue « acueil »" in out
    assert "vouliez-vous dire « accueil » ?" in out
    assert "plusieurs méthodes commencent ainsi : tour-de-cloture" in out
    assert "pause:beaucoup" in out
    assert not (tmp_path / "x.yaml").exists()
    assert run("propose", "--people", "12", "-o", tmp_path / "x.yaml").exit_code == 1
    long = run("propose", "--time", "11h", "--people", "12", "-o", tmp_path / "x.yaml")
    assert long.exit_code == 1 and "10 heures" in long.output


def test_an_existing_file_is_kept_unless_forced(tmp_path, run):
    mine = tmp_path / "mine.yaml"
    mine.write_text("# my own session\n", encoding="utf-8")
    args = ["propose", "--time", "2h", "--people", "10", "--seed", "1", "-o", mine]
    result = run(*args)
    assert result.exit_code == 1 and "existe déjà" in result.output
    assert mine.read_text(encoding="utf-8") == "# my own session\n"
    assert run(*args, "--force").exit_code == 0
    assert "exercise:" in mine.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_plan_the_library_cannot_fill_is_said(tmp_path, run):
    # few methods of the library work with 44 people: the day is shorter, and that is said
    result = run("propose", "--time", "5h", "--people", "44", "--seed", "1",
                 "-o", tmp_path / "grand-groupe.yaml")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "conviennent à 44 personnes occupent" in result.output
    choose_contents(tmp_path / "grand-groupe.yaml")
    assert run("check", tmp_path / "grand-groupe.yaml", "--strict").exit_code == 0
