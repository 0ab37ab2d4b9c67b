"""What real Transfo sessions do, written as their facilitators would, and what the outputs and
the warnings say about them: head counts that change, events inside blocks, indicative times,
evenings past midnight, lunch in other shapes, dates, before and after, people and roles,
group sizes, holes, and calendars that travel.

The session files under tests/data/sessions are small real cases (Mulhouse, Occitanie,
Champagne-Ardenne, Paris); the smaller situations are written inline."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import DATA, EXAMPLES
from pdfcheck import text

from facilitation.errors import UserError
from facilitation.load.sessions import load_session
from facilitation.plan.schedule import schedule
from facilitation.text.messages import set_language

SESSIONS = DATA / "sessions"
MULHOUSE = SESSIONS / "mulhouse-ambassadeurs-relais.yaml"
OCCITANIE = SESSIONS / "occitanie-exposition-immersion.yaml"
CHAMPAGNE = SESSIONS / "champagne-cloture-indicative.yaml"
PARIS = SESSIONS / "paris-soiree.yaml"
PARIS_TZ = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def english():
    """Messages in English (the CLI sets the language of each run; so do these tests)."""
    set_language("en")
    yield
    set_language("en")


def read(path):
    """A session file as data, read as the program reads it (9:30 stays a time)."""
    from facilitation.load.yamlio import read_path

    return read_path(path).data


def write(tmp_path, data, name="session.yaml"):
    p = tmp_path / name
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def session(blocks, participants=20, start="9:00", end="17:00", **extra):
    data = {
        "programme": "Transfo Test",
        "title": "Essai",
        "participants": participants,
        "days": [{"date": "2025-05-13", "start": start, "end": end, "blocks": blocks}],
    }
    data.update(extra)
    return data


def plan_of(tmp_path, library, data, checks=None):
    return schedule(load_session(write(tmp_path, data), library, checks))


def own(plan):
    """The session-format warnings: these sessions leave the built-in examples' contents
    unchosen on purpose (that warning has its own tests)."""
    return [w for w in plan.warnings if "built-in example" not in w.message]


def messages(plan):
    return [w.message for w in own(plan)]


def warned(plan, words):
    return [w for w in own(plan) if words in w.message]


def line_of(path, w):
    return path.read_text(encoding="utf-8").splitlines()[w.line - 1]


def ics_events(path):
    from icalendar import Calendar

    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


# -- who is in the room --------------------------------------------------------------------------
def test_head_count_per_block_follows_arrivals_departures_and_guests(library):
    plan = schedule(load_session(MULHOUSE, library))
    day1 = {s.title("fr"): s for s in plan.days[0].slots}
    # 20 ambassadors, 6 of whom come by the 10:00 shuttle, and their 20 relais until 12:30
    assert day1["Accueil et petit déjeuner"].people == 14 + 20
    assert day1["Débat mouvant"].people == 40  # the shuttle arrives during it
    assert day1["1-2-4-tous"].people == 40
    assert day1["Photolangage"].people == 20  # the relais have gone
    day2 = {s.title("fr"): s for s in plan.days[1].slots}
    grille = day2["Grille de critères : signaux verts, signaux rouges"]
    assert (grille.participants, grille.people) == (20, 35)  # with 15 councillors, directors
    assert plan.days[0].peak == 40 and plan.days[1].peak == 35
    # quantities read the same head count: badges and coffee for everyone at the welcome
    from facilitation.plan.quantities import units

    assert units("participant", day1["Accueil et petit déjeuner"]) == 34
    assert units("participant", grille) == 35


def test_head_count_warnings_are_the_ones_a_facilitator_acts_on(library):
    plan = schedule(load_session(MULHOUSE, library))
    (arrive,) = warned(plan, "arrive at 10:00")
    assert arrive.message == (
        "6 people arrive at 10:00 (shuttle from Saint-Louis), during 'Moving debate' "
        "(9:45 to 10:45)"
    )
    assert "debat-mouvant" in line_of(MULHOUSE, arrive)
    (leave,) = warned(plan, "leave at 15:00")
    assert "during 'Debrief'" in leave.message
    (too_many,) = warned(plan, "at most 25 people")
    assert "35 take part" in too_many.message and "grille-criteres" in line_of(MULHOUSE, too_many)
    assert len(own(plan)) == 3  # nothing about the welcome the shuttle arrives after


def test_run_sheet_lists_guests_for_badges_and_seats_and_people_with_roles(tmp_path, run):
    r = run("agenda", MULHOUSE, "-o", tmp_path, "--format", "pdf")
    assert r.exit_code == 0, r.output
    # two columns on landscape paper: a line may wrap anywhere, so spaces are read as spaces
    sheet = " ".join(text(tmp_path / "transfo-mulhouse-3-deroule-fr.pdf").split())
    assert "Invités (badges et places) : Relais (20), jusqu’à 12 h 30" in sheet
    assert "Élus et directeurs (15), Grille de critères" in sheet
    assert "au plus 40 personnes en même temps dans la salle" in sheet
    assert "6 arrivent à 10 h (navette de Saint-Louis)" in sheet
    assert "2 partent à 15 h (conseil de quartier)" in sheet
    # people and roles, and leads naming them
    assert "Anne Keller — porteuse du cas" in sheet
    assert "Léa Roth — facilitatrice graphique" in sheet  # the session's own role
    assert "Anime : Anne Keller (porteuse du cas), Résident sociologue" in sheet
    assert "Anime : Marc Hirtz (résident à domicile)" in sheet
    agenda = text(tmp_path / "transfo-mulhouse-3-agenda-fr.pdf")
    assert "Avec : Élus et directeurs (15)" in agenda.replace("\u00a0", " ")


def test_day_head_count_and_tracks_share_it(tmp_path, library):
    blocks = [
        {
            "tracks": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "blocks": [
                {"track": "a", "exercise": "photolangage", "duration": "1h"},
                {"track": "b", "exercise": "photolangage", "duration": "1h"},
            ],
        }
    ]
    data = session(blocks, end="10:00")
    data["days"][0]["participants"] = 14  # six ambassadors away this day
    plan = plan_of(tmp_path, library, data)
    assert [c.people for c in plan.days[0].slots[0].children] == [7, 7]
    assert plan.days[0].participants == 14


def test_guests_need_to_say_who_they_are(tmp_path, library):
    data = session([{"exercise": "photolangage", "duration": "1h", "guests": [{"people": 5}]}])
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, data), library)
    assert "say who the guests are" in str(e.value)


# -- events inside a block -----------------------------------------------------------------------
def test_events_sit_inside_their_block_without_overlapping_it(library):
    plan = schedule(load_session(OCCITANIE, library))
    expo = plan.days[0].slots[1]
    assert (expo.start, expo.end) == (8 * 60 + 45, 12 * 60 + 45)
    (ev,) = expo.events
    assert (ev.start, ev.end) == (12 * 60, 12 * 60 + 30)
    assert expo.people == 16 + 40  # the group and the visiting staff
    lunch = plan.days[0].slots[2]
    assert lunch.start == 12 * 60 + 45  # the event moves nothing
    assert not [m for m in messages(plan) if "pinned" in m or "collide" in m]
    # the one warning left is right: 3 h 15 on their feet before the staged break
    (w,) = own(plan)
    assert "3 h 15 min without a break (from 8:45 to 12:00)" in w.message
    assert "'Exposition des travaux de la Transfo' lasts" not in w.hint
    immersion = plan.days[1].slots[1]
    assert [(e.start, e.end) for e in immersion.events] == [(600, 645), (675, 705)]


def test_events_print_inside_their_block_everywhere(tmp_path, run):
    r = run("agenda", OCCITANIE, "-o", tmp_path)
    assert r.exit_code == 0, r.output
    agenda = text(tmp_path / "transfo-occitanie-4-agenda-fr.pdf").replace("\u00a0", " ")
    assert "12 h – 12 h 30 · Pause et présentation mise en scène" in agenda
    assert "10 h – 10 h 45 · Rendez-vous à la CAF" in agenda
    sheet = text(tmp_path / "transfo-occitanie-4-deroule-fr.pdf").replace("\u00a0", " ")
    assert "Pendant ce bloc : 10 h – 10 h 45 · Rendez-vous à la CAF (Paul Mercier" in sheet
    wall = text(tmp_path / "transfo-occitanie-4-mural-fr.pdf").replace("\u00a0", " ")
    assert "12 h · Pause et présentation mise en scène" in wall
    html = (tmp_path / "transfo-occitanie-4-agenda-fr.html").read_text(encoding="utf-8")
    assert "Rendez-vous au centre social" in html
    events = ics_events(tmp_path / "transfo-occitanie-4-fr-usagers.ics")
    starts = [e.decoded("dtstart").astimezone(PARIS_TZ).strftime("%d %H:%M") for e in events]
    assert "05 12:00" not in starts  # not an event overlapping the exhibition
    expo = next(e for e in events if "Exposition" in str(e["SUMMARY"]))
    assert "Pause et présentation mise en scène" in str(expo["DESCRIPTION"])


def test_a_break_inside_a_long_block_counts_and_an_event_outside_it_is_warned(tmp_path, library):
    block = {
        "free": "Exposition",
        "duration": "4h",
        "during": [{"at": "11:00", "duration": "30 min", "logistics": "break"}],
    }
    plan = plan_of(tmp_path, library, session([block], end="13:00"))
    assert not warned(plan, "without a break")
    block["during"] = [{"at": "14:00", "free": "Visite de la directrice"}]
    plan = plan_of(tmp_path, library, session([block], end="13:00"))
    (w,) = warned(plan, "falls outside its block")
    assert "'Visite de la directrice' (14:00) falls outside its block 'Exposition'" in w.message
    assert "at" in line_of(tmp_path / "session.yaml", w)


# -- indicative timing ---------------------------------------------------------------------------
def test_indicative_days_print_markers_or_rounded_times(tmp_path, run):
    r = run("agenda", CHAMPAGNE, "-o", tmp_path)
    assert r.exit_code == 0, r.output
    from pypdf import PdfReader

    pages = [
        p.extract_text().replace("\u00a0", " ").replace("\n", " ")
        for p in PdfReader(str(tmp_path / "transfo-champagne-ardenne-12-agenda-fr.pdf")).pages
    ]
    assert "Horaires indicatifs" in pages[0]
    for marker in ("Matin", "Midi", "Début d’après-midi"):
        assert marker in pages[0]
    assert "10 h 25" not in pages[0] and "9 h 30 –" not in pages[0]
    assert "9 h 30 – 10 h" in pages[1] and "9 h 20" not in pages[1]  # rounded to the half hour
    sheet = text(tmp_path / "transfo-champagne-ardenne-12-deroule-fr.pdf").replace("\u00a0", " ")
    assert "10 h 25 – 11 h 45" in sheet  # the team keeps the planned minutes
    md = (tmp_path / "transfo-champagne-ardenne-12-agenda-fr.md").read_text(encoding="utf-8")
    assert "| Matin | **Accueil et petit déjeuner**" in md
    events = ics_events(tmp_path / "transfo-champagne-ardenne-12-fr.ics")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries == [
        "Matin — Transfo Champagne-Ardenne",
        "Après-midi — Transfo Champagne-Ardenne",
        "Matin — Transfo Champagne-Ardenne",
    ]
    first = events[0]
    assert first.decoded("dtstart") == datetime(2025, 10, 2, 9, 30, tzinfo=PARIS_TZ)
    assert "Météo intérieure" in str(first["DESCRIPTION"])


# -- evenings ------------------------------------------------------------------------------------
def test_a_day_past_midnight_with_a_dinner(tmp_path, library, run):
    plan = schedule(load_session(PARIS, library))
    day = plan.days[0]
    assert day.day.past_midnight and day.end == 24 * 60 + 30
    assert own(plan) == []  # the session raised the day's limit, and says why
    assert day.slots[-2].block.logistics == "dinner"
    assert day.slots[-2].exercise.id == "diner"
    r = run("agenda", PARIS, "-o", tmp_path, "--format", "ics,md")
    assert r.exit_code == 0, r.output
    party = next(
        e for e in ics_events(tmp_path / "transfo-paris-2-fr.ics") if "Soirée" in str(e["SUMMARY"])
    )
    assert party.decoded("dtend") == datetime(2025, 11, 21, 0, 30, tzinfo=PARIS_TZ)
    assert str(party["LOCATION"]) == "La Guinguette du canal, 12 quai de la Loire, 75019 Paris"
    md = (tmp_path / "transfo-paris-2-agenda-fr.md").read_text(encoding="utf-8")
    assert "| 21\u00a0h\u00a030 – 0\u00a0h\u00a030 | **Soirée dansante**" in md


def test_day_too_long_and_its_limit(tmp_path, library, run, monkeypatch):
    data = read(PARIS)
    del data["checks"]
    plan = plan_of(tmp_path, library, data)
    (w,) = warned(plan, "a day of")
    assert w.message == "a day of 15 h (9:30 to 0:30), longer than 10 h"
    assert "day_limit" in w.hint
    assert own(plan_of(tmp_path, library, data, checks={"day_limit": "16h"})) == []
    # the same from facilitation.yaml, through the command line
    monkeypatch.chdir(tmp_path)
    (tmp_path / "facilitation.yaml").write_text("checks:\n  day_limit: 16h\n", encoding="utf-8")
    r = run("check", tmp_path / "session.yaml", "--strict")
    assert r.exit_code == 0, r.output
    (tmp_path / "facilitation.yaml").write_text("checks:\n  day_limt: 16h\n", encoding="utf-8")
    r = run("check", tmp_path / "session.yaml")
    assert r.exit_code == 1 and "facilitation.yaml:2:3" in r.output


def test_dinner_in_french_and_days_that_end_before_they_start(tmp_path, library):
    data = session(
        [{"exercise": "photolangage", "duration": "1h"}, {"logistics": "dîner", "duration": "2h"}],
        start="17:00",
        end="23:30",
    )
    plan = plan_of(tmp_path, library, data)
    assert plan.days[0].slots[1].block.logistics == "dinner"
    data["days"][0]["end"] = "8:00"
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, data), library)
    assert "the day ends (08:00) before it starts (17:00)" in str(e.value)


def test_the_evening_after_dinner_is_not_work(tmp_path, library):
    blocks = [
        {"exercise": "photolangage", "duration": "1h"},
        {"logistics": "dinner", "duration": "2h", "at": "19:30"},
        {"free": "Concert", "duration": "3h"},
    ]
    plan = plan_of(tmp_path, library, session(blocks, start="16:00", end="0:30"))
    assert own(plan) == []  # no hole before the dinner, no break asked for in the concert


# -- lunch and breaks ----------------------------------------------------------------------------
def tracks_with_lunch(lunch_in):
    tracks = [{"id": "a", "name": "Terrain"}, {"id": "b", "name": "Veille"}]
    children = []
    for t in ("a", "b"):
        children.append({"track": t, "exercise": "enquete-terrain", "duration": "3h"})
        if t in lunch_in:
            children.append({"track": t, "logistics": "lunch", "duration": "1h"})
        children.append({"track": t, "free": "Retour", "duration": "1h" if t in lunch_in else "2h"})
    return [
        {"logistics": "welcome", "duration": "30 min"},
        {"tracks": tracks, "blocks": children},
    ]


def test_lunch_inside_parallel_tracks(tmp_path, library):
    plan = plan_of(tmp_path, library, session(tracks_with_lunch("ab")))
    assert not warned(plan, "lunch")
    plan = plan_of(tmp_path, library, session(tracks_with_lunch("a")))
    (w,) = warned(plan, "lunch")
    assert w.message == "no lunch in the track 'Veille', while the others have one"


def test_an_exercise_that_takes_the_meals_place(tmp_path, library):
    blocks = [
        {"exercise": "photolangage", "duration": "1h"},
        {"logistics": "break", "duration": "15 min"},
        {"exercise": "entretiens-a-la-volee", "duration": "1h30", "at": "12:00"},
        {"free": "Mise en commun", "duration": "1h"},
    ]
    plan = plan_of(tmp_path, library, session(blocks))
    assert warned(plan, "no lunch on a full day (9:00 to 14:30)")
    blocks[2]["meal"] = "lunch"  # observing the staff restaurant at lunch time
    blocks[2]["title"] = "Déjeuner d'observation au restaurant administratif"
    plan = plan_of(tmp_path, library, session(blocks))
    assert not warned(plan, "lunch")


def test_full_day_is_judged_from_the_blocks_not_the_declared_end(tmp_path, library):
    blocks = [{"logistics": "welcome", "duration": "15 min"}, {"free": "Accueil", "duration": 30}]
    plan = plan_of(tmp_path, library, session(blocks, end="17:30"))
    assert plan.days[0].end == 9 * 60 + 45 and own(plan) == []


def test_field_work_and_travel_are_not_work_without_a_break(tmp_path, library):
    blocks = [
        {"logistics": "welcome", "duration": "15 min"},
        {"logistics": "travel", "duration": "30 min"},
        {"exercise": "enquete-terrain", "duration": "3h"},
        {"logistics": "travel", "duration": "30 min"},
    ]
    assert own(plan_of(tmp_path, library, session(blocks, end="13:30"))) == []
    blocks[2] = {"free": "Visite du quartier", "duration": "3h", "setting": "field"}
    assert own(plan_of(tmp_path, library, session(blocks, end="13:30"))) == []


def test_a_short_closing_at_the_end_of_the_day_needs_no_break_before_it(tmp_path, library):
    blocks = [
        {"logistics": "break", "duration": "15 min"},
        {"exercise": "photolangage", "duration": "1h"},
        {"exercise": "un-deux-quatre-tous", "duration": "45 min"},
        {"exercise": "marche-stop", "duration": "15 min"},
        {"exercise": "tour-de-cloture", "duration": "30 min"},
    ]
    plan = plan_of(tmp_path, library, session(blocks, start="14:00", end="17:00"))
    assert not warned(plan, "without a break")
    blocks.append({"free": "Dernier mot", "duration": "1h"})  # no longer a short closing
    plan = plan_of(tmp_path, library, session(blocks, start="14:00", end="17:30"))
    (w,) = warned(plan, "without a break")
    assert w.hint == "add a break after '1-2-4-all' (16:00)"  # the most even cut


def test_break_limit_set_per_session_or_in_facilitation_yaml(tmp_path, library):
    blocks = [
        {"exercise": "photolangage", "duration": "1h"},
        {"exercise": "un-deux-quatre-tous", "duration": "45 min"},
    ]
    assert own(plan_of(tmp_path, library, session(blocks, end="12:00"))) == []
    plan = plan_of(tmp_path, library, session(blocks, end="12:00", checks={"break_after": "1h"}))
    assert warned(plan, "1 h 45 min without a break (from 9:00 to 10:45)")
    plan = plan_of(tmp_path, library, session(blocks, end="12:00"), checks={"break_after": 60})
    assert warned(plan, "without a break")
    # the session's own limit wins over facilitation.yaml's
    data = session(blocks, end="12:00", checks={"break_after": "2h"})
    assert own(plan_of(tmp_path, library, data, checks={"break_after": 60})) == []


def test_a_block_too_long_on_its_own_gets_a_break_inside_it(tmp_path, library):
    blocks = [{"free": "Atelier de maquettage", "duration": "3h"}]
    plan = plan_of(tmp_path, library, session(blocks, end="12:30"))
    (w,) = warned(plan, "without a break")
    assert w.hint.startswith("'Atelier de maquettage' lasts 3 h on its own: plan a break")


# -- dates ---------------------------------------------------------------------------------------
def test_dates_in_order_and_distinct(tmp_path, library):
    day = {"start": "9:00", "end": "12:00", "blocks": [{"free": "Atelier", "duration": "1h"}]}
    data = session([])
    data["days"] = [{"date": "2023-07-06", **day}, {"date": "2023-07-04", **day}]
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, data), library)
    (p,) = e.value.problems
    assert p.message == "day 2 (2023-07-04) comes before the day above it (2023-07-06)"
    assert "2023-07-04" in line_of(tmp_path / "session.yaml", p)
    data["days"][1]["date"] = "2023-07-06"
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, data), library)
    assert "day 2 has the same date as the day before" in str(e.value)
    data["days"][1]["date"] = "2023-07-10"  # a weekend off in between
    load_session(write(tmp_path, data), library)


# -- before and after ----------------------------------------------------------------------------
def test_before_and_after_reach_participants_and_the_team(tmp_path, run):
    r = run("agenda", OCCITANIE, "-o", tmp_path, "--format", "pdf,md,html")
    assert r.exit_code == 0, r.output
    agenda = text(tmp_path / "transfo-occitanie-4-agenda-fr.pdf").replace("\u00a0", " ")
    assert "Avant la session : Trois photos de votre quotidien au travail" in agenda
    assert "À apporter, à préparer : Les rendez-vous sont pris à l’avance" in agenda
    assert "Pour la suite : Chacun glisse une intention dans l’enveloppe." in agenda
    assert "Après la session : L’enveloppe des intentions sera rouverte à la session 6." in agenda
    sheet = text(tmp_path / "transfo-occitanie-4-deroule-fr.pdf").replace("\u00a0", " ")
    assert "Avant la session : Trois photos" in sheet and "Pour la suite : Chacun glisse" in sheet
    md = (tmp_path / "transfo-occitanie-4-agenda-fr.md").read_text(encoding="utf-8")
    assert "**Avant la session**" in md and "Trois photos" in md
    r = run("agenda", OCCITANIE, "-o", tmp_path / "en", "--format", "pdf", "--lang", "en")
    agenda = text(tmp_path / "en" / "transfo-occitanie-4-agenda-en.pdf")
    assert "Before the session: Three photos of your everyday work" in agenda
    assert "To bring or prepare: The appointments are booked beforehand" in agenda


# -- people and roles ----------------------------------------------------------------------------
def test_leads_name_declared_people(tmp_path, library):
    data = session(
        [{"exercise": "photolangage", "duration": "1h", "lead": "anne"}],
        people=[{"id": "anna", "name": "Anna", "role": "porteur-de-cas"}],
    )
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, data), library)
    (p,) = e.value.problems
    assert p.message == "unknown person 'anne'" and p.hint == "did you mean 'anna'?"
    data["days"][0]["blocks"][0]["lead"] = "Anne, résidente à domicile"  # a name written out
    data["people"][0]["role"] = "porteur-du-cas"
    with pytest.raises(UserError) as e:
        load_session(write(tmp_path, data), library)
    (p,) = e.value.problems
    assert p.message == "unknown role 'porteur-du-cas'" and "porteur-de-cas" in p.hint
    data["people"][0]["role"] = "porteur-de-cas"
    loaded = load_session(write(tmp_path, data), library)
    assert loaded.roles["porteur-de-cas"].name["fr"] == "porteur du cas"
    assert loaded.people["anna"].role == "porteur-de-cas"


# -- group sizes and holes -----------------------------------------------------------------------
def test_groups_that_do_not_fit_the_head_count(tmp_path, library):
    blocks = [{"exercise": "photolangage", "duration": "1h", "split": "groups of 3"}]
    plan = plan_of(tmp_path, library, session(blocks, end="10:00"))
    (w,) = warned(plan, "groups of 3")
    assert w.message == "20 people do not make groups of 3: 2 of the 6 groups will have 4"
    blocks[0]["split"] = "groups of 4"  # 20 in groups of 4: even
    assert own(plan_of(tmp_path, library, session(blocks, end="10:00"))) == []
    blocks[0]["split"] = "groups of 5"  # 18 in groups of 5: 4, 4, 5, 5 is what anyone does
    assert own(plan_of(tmp_path, library, session(blocks, 18, end="10:00"))) == []


def test_track_groups_that_do_not_add_up(tmp_path, library):
    tracks = [
        {"id": "a", "name": "Veille", "group": "veille"},
        {"id": "b", "name": "Enquête", "group": "enquete"},
    ]
    children = [
        {"track": "a", "exercise": "veille-documentaire", "duration": "1h"},
        {"track": "b", "exercise": "entretiens-a-la-volee", "duration": "1h"},
    ]
    groups = [{"id": "veille", "size": 10}, {"id": "enquete", "size": 20}]
    data = session([{"tracks": tracks, "blocks": children}], end="10:00", groups=groups)
    (w,) = warned(plan_of(tmp_path, library, data), "add up")
    assert w.message == (
        "the tracks' groups add up to 30 people, but 20 are here (Veille 10, Enquête 20)"
    )
    data["groups"][1]["size"] = 6
    (w,) = warned(plan_of(tmp_path, library, data), "in no track")
    assert w.message.startswith("4 people are in no track")
    data["groups"][1]["size"] = 10
    assert own(plan_of(tmp_path, library, data)) == []


def test_holes_in_a_day(tmp_path, library):
    blocks = [
        {"exercise": "photolangage", "duration": "1h"},
        {"exercise": "un-deux-quatre-tous", "duration": "45 min"},
        {"logistics": "break", "duration": "20 min", "at": "11:00"},
        {"free": "Présentation du cas", "duration": "1h05"},
        {"logistics": "lunch", "duration": "1h", "at": "12:30"},
    ]
    plan = plan_of(tmp_path, library, session(blocks, end="13:30"))
    assert messages(plan) == [
        "nothing planned from 10:45 to 11:00",
        "nothing planned from 12:25 to 12:30",
    ]
    assert "lunch" in line_of(tmp_path / "session.yaml", own(plan)[1])
    blocks[3]["duration"] = "1h10"
    assert messages(plan_of(tmp_path, library, session(blocks, end="13:30"))) == [
        "nothing planned from 10:45 to 11:00"
    ]


# -- calendars -----------------------------------------------------------------------------------
def test_calendars_hold_participants_blocks_one_per_group(tmp_path, run):
    r = run("agenda", OCCITANIE, "-o", tmp_path, "--format", "ics")
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in tmp_path.glob("*.ics"))
    assert names == ["transfo-occitanie-4-fr-agents.ics", "transfo-occitanie-4-fr-usagers.ics"]
    users = ics_events(tmp_path / "transfo-occitanie-4-fr-usagers.ics")
    summaries = [str(e["SUMMARY"]) for e in users]
    assert "Point de l'équipe d'animation" not in summaries  # audience: facilitators
    assert "Groupe usagers — Verbatims" in summaries
    assert not [s for s in summaries if "Groupe agents" in s]
    assert summaries.count("Débrief") == 2  # the plenary is in each group's calendar
    # no two events of a group's calendar overlap
    spans = sorted((e.decoded("dtstart"), e.decoded("dtend")) for e in users)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    trip = next(e for e in users if str(e["SUMMARY"]) == "Trajet vers le terrain")
    assert str(trip["LOCATION"]) == "Quartier des Izards, Place Micoulaud, 31200 Toulouse"


def test_calendar_uids_are_stable_and_updates_carry_a_sequence(tmp_path, run):
    data = read(OCCITANIE)
    path = write(tmp_path, data)
    out = tmp_path / "out"
    assert run("agenda", path, "-o", out, "--format", "ics").exit_code == 0
    ics = out / "transfo-occitanie-4-fr-usagers.ics"
    before = {str(e["UID"]): e for e in ics_events(ics)}
    assert {int(e["SEQUENCE"]) for e in before.values()} == {0}
    # the welcome grows by 15 minutes: later blocks move, their identity does not
    data["days"][0]["blocks"][0]["duration"] = "30 min"
    # and the facilitators' check-in is dropped
    data["days"][0]["blocks"].pop(3)
    write(tmp_path, data)
    assert run("agenda", path, "-o", out, "--format", "ics").exit_code == 0
    after = {str(e["UID"]): e for e in ics_events(ics)}
    assert set(before) <= set(after)
    expo = next(u for u, e in after.items() if "Exposition" in str(e["SUMMARY"]))
    assert int(after[expo]["SEQUENCE"]) == 1  # moved: the next sequence
    assert after[expo].decoded("dtstart") - before[expo].decoded("dtstart") == timedelta(minutes=15)
    day2 = [u for u, e in after.items() if e.decoded("dtstart").day == 10]
    assert {int(after[u]["SEQUENCE"]) for u in day2} == {0}  # unchanged: the same
    # written again unchanged: nothing moves on
    assert run("agenda", path, "-o", out, "--format", "ics").exit_code == 0
    again = {str(e["UID"]): int(e["SEQUENCE"]) for e in ics_events(ics)}
    assert again == {u: int(e["SEQUENCE"]) for u, e in after.items()}


def test_a_block_gone_since_the_last_calendar_is_sent_as_cancelled(tmp_path, run):
    data = session(
        [
            {"logistics": "welcome", "duration": "30 min"},
            {"exercise": "photolangage", "duration": "1h"},
            {"free": "Visite", "duration": "1h"},
        ],
        end="12:00",
    )
    path = write(tmp_path, data)
    out = tmp_path / "out"
    run("agenda", path, "-o", out, "--format", "ics")
    ics = out / "transfo-test-fr.ics"
    visit = next(e for e in ics_events(ics) if str(e["SUMMARY"]) == "Visite")
    data["days"][0]["blocks"].pop()
    write(tmp_path, data)
    run("agenda", path, "-o", out, "--format", "ics")
    gone = next(e for e in ics_events(ics) if str(e["UID"]) == str(visit["UID"]))
    assert str(gone["STATUS"]) == "CANCELLED" and int(gone["SEQUENCE"]) == 1


def test_address_in_html_and_markdown(tmp_path, run):
    r = run("agenda", PARIS, "-o", tmp_path, "--format", "md,html")
    assert r.exit_code == 0
    md = (tmp_path / "transfo-paris-2-agenda-fr.md").read_text(encoding="utf-8")
    assert "Cité des sciences — 30 avenue Corentin Cariou, 75019 Paris" in md
    html = (tmp_path / "transfo-paris-2-agenda-fr.html").read_text(encoding="utf-8")
    assert "30 avenue Corentin Cariou, 75019 Paris" in html
    assert "openstreetmap.org/search?query=30%20avenue%20Corentin" in html


# -- the command line ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_session_writes_a_skeleton_that_checks_clean(tmp_path, run, lang):
    r = run("new", "session", "transfo-essai-1", "-o", tmp_path, "--lang", lang)
    assert r.exit_code == 0, r.output
    path = tmp_path / "transfo-essai-1.yaml"
    body = path.read_text(encoding="utf-8")
    assert ("# Une session" in body) == (lang == "fr")
    assert ("name: Salle du conseil" in body) == (lang == "fr")  # its values in its language
    assert ("name: Council room" in body) == (lang == "en")
    assert f"language: {lang}" in body
    r = run("check", path, "--strict", "--lang", lang)
    assert r.exit_code == 0, r.output
    summary = {"fr": "1 jour, 10 blocs, 0 avertissement", "en": "1 day, 10 blocks, 0 warnings"}
    assert r.output.splitlines()[-1].endswith(summary[lang])
    again = run("new", "session", "transfo-essai-1", "-o", tmp_path, "--lang", lang)
    said = {"fr": "rien n'a été écrit", "en": "nothing was written"}
    assert again.exit_code == 1 and said[lang] in again.output


def test_check_prints_the_timeline_with_each_warning_under_its_block(run):
    r = run("check", MULHOUSE, "--lang", "en")
    lines = r.output.splitlines()
    assert lines[0] == (
        "Day 1, Tuesday 11 March 2025: 9:00 to 14:45 (20 participants, up to 40 people at once)"
    )
    i = next(i for i, x in enumerate(lines) if x.endswith("Moving debate  [40 people]"))
    assert lines[i].startswith("   9:45-10:45")
    assert "warning:" in lines[i + 1] and "arrive at 10:00" in lines[i + 1]
    assert "mulhouse-ambassadeurs-relais.yaml:33:9" in lines[i + 1]
    expo = run("check", OCCITANIE, "--lang", "en").output.splitlines()
    j = next(i for i, x in enumerate(expo) if "Exhibition of the Transfo" in x)
    assert expo[j + 1].strip() == "12:00-12:30  -> Staged break and presentation"
    assert "without a break" in expo[j + 2]


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_pass_check_strict(example, run):
    r = run("check", example, "--strict")
    assert r.exit_code == 0, r.output
