"""Hostile packs and absurd input: never a hang, a traceback, a way out of the pack, or a
gigabyte of memory; always a message with the file (and line) it is about.

Packs here are written as another programme's facilitators would hand them over: a library
folder with exercises, a cards/ folder, templates/, pictures; and sessions typed by hand.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from facilitation.model.limits import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parent.parent
MINI = (
    "title: {fr: Atelier, en: Workshop}\nduration: 20\n"
    "steps:\n  - {title: Faire, minutes: 20, instructions: Faire ensemble.}\n"
)
SESSION = """\
programme: Transfo Occitanie
title: Séance d'essai
participants: 14
days:
  - date: 2027-03-11
    start: 9:30
    end: 12:30
    blocks:
      - exercise: {exercise}
        duration: 45 min
{params}"""

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@contextmanager
def no_hang(seconds: int = 20):
    """A regression that blocks (on a FIFO) fails the test instead of hanging the suite."""

    def hung(signum, frame):
        raise AssertionError(f"blocked for more than {seconds} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def session(folder: Path, exercise: str = "debat-mouvant", params: str = "") -> Path:
    path = folder / "seance.yaml"
    path.write_text(SESSION.format(exercise=exercise, params=params), encoding="utf-8")
    return path


def clean_error(r, *words: str) -> str:
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output
    for w in words:
        assert w in r.output, r.output
    return r.output


# -- files that are not files --------------------------------------------------------------------
@needs_fifo
def test_a_fifo_named_like_an_exercise_is_refused_not_waited_on(tmp_path, run):
    lib = tmp_path / "pack"
    lib.mkdir()
    (lib / "atelier.yaml").write_text(MINI, encoding="utf-8")
    os.mkfifo(lib / "piege.yaml")
    with no_hang():
        r = run("list", "--library", lib)
    clean_error(r, "piege.yaml", "tube (FIFO)")


@needs_fifo
def test_a_fifo_as_session_as_print_data_and_as_template(tmp_path, run):
    os.mkfifo(tmp_path / "tube.yaml")
    with no_hang():
        clean_error(run("check", tmp_path / "tube.yaml"), "tube.yaml", "tube (FIFO)")
    lib = tmp_path / "pack"
    (lib / "cards").mkdir(parents=True)
    os.mkfifo(lib / "cards" / "themes.yaml")
    with no_hang():
        r = run("cards", "debat-mouvant", "--library", lib, "-o", tmp_path / "o")
    clean_error(r, "themes.yaml", "tube (FIFO)")
    os.unlink(lib / "cards" / "themes.yaml")
    (lib / "templates").mkdir()
    os.mkfifo(lib / "templates" / "agenda.md.j2")
    s = session(tmp_path)
    with no_hang():
        r = run("agenda", s, "--library", lib, "--format", "md", "-o", tmp_path / "o")
    clean_error(r, "agenda.md.j2", "tube (FIFO)")
    assert not (tmp_path / "o").exists()


@needs_fifo
def test_a_fifo_as_a_picture_or_a_logo(tmp_path, run):
    os.mkfifo(tmp_path / "photo.jpg")
    s = session(tmp_path, "photos-debat", "        params: {pictures: [photo.jpg]}\n")
    with no_hang():
        r = run("cards", s, "-o", tmp_path / "o")
    clean_error(r, "photo.jpg", "tube (FIFO)")
    lib = tmp_path / "pack"
    (lib / "cards").mkdir(parents=True)
    os.mkfifo(lib / "logo.png")
    (lib / "cards" / "themes.yaml").write_text(
        "maison: {extends: default, logo: logo.png}\n", encoding="utf-8"
    )
    with no_hang():
        r = run("cards", "vote", "--theme", "maison", "--library", lib, "-o", tmp_path / "o")
    clean_error(r, "logo.png", "tube (FIFO)")
    assert not (tmp_path / "o").exists()


# -- ways out of the pack ------------------------------------------------------------------------
def test_a_template_linked_to_a_file_outside_the_pack_is_refused(tmp_path, run):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE-42", encoding="utf-8")
    lib = tmp_path / "pack"
    (lib / "templates").mkdir(parents=True)
    (lib / "templates" / "agenda.md.j2").symlink_to(secret)
    s = session(tmp_path)
    r = run("agenda", s, "--library", lib, "--format", "md", "-o", tmp_path / "o")
    out = clean_error(r, "agenda.md.j2", "hors de son dossier de bibliothèque")
    assert "MOT-DE-PASSE-42" not in out and not (tmp_path / "o").exists()


def test_print_data_and_exercises_linked_outside_the_pack_are_refused(tmp_path, run):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "themes.yaml").write_text("maison: {extends: default}\n", encoding="utf-8")
    (outside / "secret.yaml").write_text(MINI, encoding="utf-8")
    lib = tmp_path / "pack"
    (lib / "cards").mkdir(parents=True)
    (lib / "cards" / "themes.yaml").symlink_to(outside / "themes.yaml")
    r = run("cards", "vote", "--theme", "maison", "--library", lib, "-o", tmp_path / "o")
    clean_error(r, "themes.yaml", "hors de son dossier de bibliothèque")
    (lib / "cards" / "themes.yaml").unlink()
    (lib / "secret.yaml").symlink_to(outside / "secret.yaml")
    clean_error(run("list", "--library", lib), "secret.yaml", "hors de son dossier de bibliothèque")


@pytest.mark.parametrize("logo", ["/etc/hostname", "../photo.png", "sous/../../photo.png"])
def test_a_theme_logo_stays_inside_the_pack(tmp_path, run, logo):
    lib = tmp_path / "pack"
    (lib / "cards").mkdir(parents=True)
    (lib / "cards" / "themes.yaml").write_text(
        f"maison: {{extends: default, logo: '{logo}'}}\n", encoding="utf-8"
    )
    r = run(
        "cards", "vote", "--theme", "maison", "--library", lib, "-o", tmp_path / "o", "--lang", "en"
    )
    clean_error(r, "logo", "inside its folder")
    assert not (tmp_path / "o").exists()


def test_an_id_that_ends_with_a_newline_is_not_an_id(tmp_path, run):
    r = run("new", "exercise", "atelier\n", "-o", tmp_path, "--lang", "en")
    clean_error(r, "not a valid id")
    assert list(tmp_path.iterdir()) == []


# -- sizes ---------------------------------------------------------------------------------------
def test_a_3_gb_file_is_refused_after_reading_at_most_the_limit(tmp_path, run, monkeypatch):
    lib = tmp_path / "pack"
    lib.mkdir()
    with open(lib / "enorme.yaml", "wb") as f:  # sparse: takes no room on the disk
        f.truncate(3 * 1024**3)
    from facilitation.load import files

    read = []
    real_read = os.read

    def counting(fd, n):
        data = real_read(fd, n)
        if os.fstat(fd).st_size > MAX_FILE_BYTES:
            read.append(len(data))
        return data

    monkeypatch.setattr(files.os, "read", counting)
    clean_error(run("list", "--library", lib), "enorme.yaml", "trop gros")
    assert sum(read) <= MAX_FILE_BYTES + 1


def test_huge_numbers_are_refused_at_their_line(tmp_path, run):
    s = tmp_path / "foule.yaml"
    s.write_text(
        SESSION.format(
            exercise="verbatims", params="        params: {cards_per_heading: 8}\n"
        ).replace("participants: 14", "participants: 2000000000"),
        encoding="utf-8",
    )
    clean_error(run("check", s), "foule.yaml:3", "participants")
    s.write_text(
        SESSION.format(
            exercise="verbatims", params="        params: {cards_per_heading: 10**9}\n"
        ).replace("10**9", "1000000000"),
        encoding="utf-8",
    )
    clean_error(run("check", s), "foule.yaml:", "trop grand")
    many = "[" + ", ".join(f"Idée {i}" for i in range(12_000)) + "]"
    s.write_text(
        SESSION.format(
            exercise="debat-mouvant", params=f"        params: {{statements: {many}}}\n"
        ),
        encoding="utf-8",
    )
    clean_error(run("check", s), "foule.yaml:", "12000 éléments")


def test_too_many_cards_are_refused_before_any_work(tmp_path, run):
    s = session(tmp_path, "verbatims", "        params: {cards_per_heading: 9000}\n")
    r = run("kit", s, "-o", tmp_path / "kit")
    clean_error(r, "seance.yaml", "cartes à imprimer : 20000 au plus")
    assert not (tmp_path / "kit").exists()


def test_a_100_kb_text_is_refused_at_its_line(tmp_path, run):
    long = "la rénovation énergétique " * 4000
    s = session(tmp_path, params=f'        notes: "{long}"\n')
    out = clean_error(run("kit", s, "-o", tmp_path / "kit"), "seance.yaml:11:16", "5000 au plus")
    assert len(out) < 2000  # the text is not repeated back
    assert not (tmp_path / "kit").exists()


def test_a_text_at_the_limit_still_prints(tmp_path, run):
    """The limit is the size of the longest text laid out; each part of the kit takes it."""
    words = "la rénovation énergétique des logements demande une coordination entre services"
    text = (words + " ") * (4900 // (len(words) + 1))
    assert len(text) <= 5000
    s = session(tmp_path, params=f'        notes: "{text}"\n        purpose: "{text}"\n')
    r = run("kit", s, "-o", tmp_path / "kit")
    assert r.exit_code in (0, 1) and "Traceback" not in r.output


# -- templates -----------------------------------------------------------------------------------
@pytest.fixture
def pack_templates(tmp_path):
    lib = tmp_path / "pack"
    (lib / "templates").mkdir(parents=True)
    return lib


def _agenda(run, lib, *formats):
    s = session(lib.parent)
    out = lib.parent / "o"
    return run("agenda", s, "--library", lib, "--format", ",".join(formats), "-o", out), out


def test_the_built_in_templates_are_still_found_beside_a_users(pack_templates, run):
    (pack_templates / "templates" / "agenda.md.j2").write_text(
        "# {{ title }}\n{% for d in days %}- {{ d.label }}\n{% endfor %}", encoding="utf-8"
    )
    r, out = _agenda(run, pack_templates, "md", "html")
    assert r.exit_code == 0, r.output
    assert (out / "transfo-occitanie-agenda-fr.md").read_text("utf-8").startswith("# Séance")
    assert "<html" in (out / "transfo-occitanie-agenda-fr.html").read_text("utf-8")


@pytest.mark.parametrize(
    "template, words",
    [
        ("Programme\n\n{% for d in days %}\n{{ d.label \n", ["agenda.md.j2:", "erreur de syntaxe"]),
        ("Programme\n\n{{ 1 / 0 }}\n", ["agenda.md.j2:3:", "division by zero"]),
        ("{{ title }}\n{{ jours }}\n", ["agenda.md.j2:2:", "'jours' is undefined"]),
        ("{% include 'autre.j2' %}\n", ["agenda.md.j2:1:", "autre.j2"]),
        ("{{ ''.__class__.__mro__ }}\n", ["agenda.md.j2:1:", "refusé"]),
        ("{{ 'x' * 100000000 }}\n", ["agenda.md.j2:1:", "refusé"]),
        ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n", ["agenda.md.j2:1:", "lui-même"]),
    ],
)
def test_template_errors_name_the_file_and_line(pack_templates, run, template, words):
    (pack_templates / "templates" / "agenda.md.j2").write_text(template, encoding="utf-8")
    r, out = _agenda(run, pack_templates, "md")
    clean_error(r, *words)
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the budget needs a child process")
def test_a_template_that_loops_for_ever_is_stopped(pack_templates, run, monkeypatch):
    from facilitation.render import templates

    monkeypatch.setattr(templates, "TEMPLATE_SECONDS", 1.0)
    (pack_templates / "templates" / "agenda.md.j2").write_text(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    r, out = _agenda(run, pack_templates, "md")
    clean_error(r, "agenda.md.j2", "plus de 1 s")
    assert not out.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory limits: Linux")
def test_a_template_that_fills_the_memory_is_stopped(pack_templates, run):
    (pack_templates / "templates" / "agenda.md.j2").write_text(
        "{% set s = 'x' * 4000000 %}{% set l = [] %}"
        "{% for i in range(1000) %}{{ l.append(s ~ i) or '' }}{% endfor %}",
        encoding="utf-8",
    )
    r, out = _agenda(run, pack_templates, "md")
    clean_error(r, "agenda.md.j2", "Mo de mémoire")
    assert not out.exists()


# -- what the error formatter is given ----------------------------------------------------------
def test_keys_with_brackets_and_quotes_are_said_at_their_line(tmp_path, run):
    lib = tmp_path / "pack"
    lib.mkdir()
    (lib / "atelier.yaml").write_text(
        MINI + '"durée[0]": 5\n"l\'étape": 3\nparameters:\n  "a[b": {type: text, label: x}\n',
        encoding="utf-8",
    )
    out = clean_error(run("validate", lib / "atelier.yaml"), "atelier.yaml:5:1", "durée[0]")
    assert "atelier.yaml:6:1" in out and "l'étape" in out
    assert "atelier.yaml:8" in out and "a[b" in out


# -- what check accepts, the writers write ------------------------------------------------------
def test_an_evening_past_midnight_in_the_ics(tmp_path, run):
    import icalendar

    s = tmp_path / "soiree.yaml"
    s.write_text(
        "programme: Transfo Champagne-Ardenne\ntitle: Soirée de clôture\nparticipants: 30\n"
        "days:\n  - date: 2027-06-30\n    start: 18:00\n    end: 23:30\n    blocks:\n"
        "      - {free: Apéritif, duration: 1h}\n      - {free: Fête, duration: 5h30}\n",
        encoding="utf-8",
    )
    assert run("check", s).exit_code == 0
    r = run("agenda", s, "--format", "ics,md", "-o", tmp_path / "o")
    assert r.exit_code == 0, r.output
    cal = icalendar.Calendar.from_ical(
        (tmp_path / "o" / "transfo-champagne-ardenne-fr.ics").read_bytes()
    )
    events = [e for e in cal.walk("VEVENT")]
    fete = events[1]
    assert str(fete["SUMMARY"]) == "Fête"
    start, end = fete["DTSTART"].dt, fete["DTEND"].dt
    assert (end - start).total_seconds() == 5.5 * 3600
    assert end.date().isoformat() == "2027-06-30"  # 0:30 in Paris is 22:30 UTC the day before


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_date_the_writers_cannot_write_is_refused_by_check(tmp_path, run, date):
    s = tmp_path / "date.yaml"
    s.write_text(
        f"programme: X\ntitle: Y\nparticipants: 5\ndays:\n  - date: {date}\n"
        "    blocks:\n      - {free: Z, duration: 30}\n",
        encoding="utf-8",
    )
    clean_error(run("check", s), "date.yaml:5:11", "hors limites")


def test_an_unknown_time_zone_is_said_by_check(tmp_path, run):
    s = tmp_path / "tz.yaml"
    s.write_text(
        "programme: X\ntitle: Y\nparticipants: 5\ntimezone: Europe\ndays:\n"
        "  - date: 2027-01-05\n    blocks:\n      - {free: Z, duration: 30}\n",
        encoding="utf-8",
    )
    clean_error(run("check", s), "tz.yaml:4:11", "fuseau horaire inconnu")


def test_new_exercise_never_writes_through_a_link(tmp_path, run):
    (tmp_path / "atelier.yaml").symlink_to(tmp_path / "ailleurs.yaml")
    r = run("new", "exercise", "atelier", "-o", tmp_path, "--lang", "en")
    clean_error(r, "exists already")
    assert not (tmp_path / "ailleurs.yaml").exists()


def test_a_sheet_far_too_long_for_a_facilitator_card_is_refused_at_once(tmp_path, run):
    """Each text under the limit, but thirty of them: no card can hold them, and the fitting
    (which wraps the whole text at every type size) is not even tried."""
    text = "Chaque binôme présente ses trois idées au groupe, qui les commente. " * 70
    steps = "".join(
        f"  - {{title: Étape {i}, minutes: 1, instructions: '{text}'}}\n" for i in range(30)
    )
    lib = tmp_path / "pack"
    lib.mkdir()
    (lib / "fleuve.yaml").write_text(
        f"extends: debat-mouvant\nduration: {{typical: 30, min: 10, max: 60}}\nsteps:\n{steps}",
        encoding="utf-8",
    )
    r = run("cards", "fleuve", "--library", lib, "-o", tmp_path / "o")
    clean_error(r, "fleuve", "bien trop pour une fiche animateur")
