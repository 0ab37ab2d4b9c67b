"""`facilitation agenda` on the Dunkerque example: every output, French and English."""

import filecmp
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import EXAMPLE_NAMES, EXAMPLES
from pdfcheck import check_fonts_embedded, metadata, text
from pypdf import PdfReader

DUNKERQUE = EXAMPLES / "dunkerque-2-reflex-energie.yaml"


@pytest.fixture(scope="module")
def agenda_fr(tmp_path_factory):
    from click.testing import CliRunner

    from facilitation.cli import main

    out = tmp_path_factory.mktemp("agenda")
    result = CliRunner().invoke(
        main, ["agenda", str(DUNKERQUE), "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out


def test_writes_every_output(agenda_fr):
    names = sorted(p.name for p in agenda_fr.iterdir())
    assert names == sorted(
        [
            "transfo-dunkerque-2-agenda-fr.pdf",
            "transfo-dunkerque-2-deroule-fr.pdf",
            "transfo-dunkerque-2-mural-fr.pdf",
            "transfo-dunkerque-2-agenda-fr.md",
            "transfo-dunkerque-2-agenda-fr.html",
            "transfo-dunkerque-2-fr.ics",
        ]
    )


def test_participants_agenda_one_page_per_day_in_french(agenda_fr):
    from pypdf import PdfReader

    pdf = agenda_fr / "transfo-dunkerque-2-agenda-fr.pdf"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 3
    page1 = reader.pages[0].extract_text()
    assert "mardi 2 avril 2019" in page1
    assert "9 h 30 – 10 h" in page1.replace("\u00a0", " ")
    assert "Points de contact" in page1
    assert "jeudi 4 avril 2019" in reader.pages[2].extract_text()
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]


def test_pdfs_embed_only_our_font_and_carry_metadata(agenda_fr):
    for pdf in agenda_fr.glob("*.pdf"):
        assert check_fonts_embedded(pdf) <= {
            "SourceSans3-Regular",
            "SourceSans3-Bold",
            "SourceSans3-Italic",
            "SourceSans3-BoldItalic",
        }
        meta = metadata(pdf)
        assert meta["/Author"] == "Transfo Dunkerque"
        assert "Reflex" in meta["/Title"]
        assert meta["/Lang"] == "fr-FR"


def test_wall_agenda_is_a3_and_runsheet_has_steps(agenda_fr):
    from pypdf import PdfReader

    wall = PdfReader(str(agenda_fr / "transfo-dunkerque-2-mural-fr.pdf"))
    assert len(wall.pages) == 3
    assert [round(float(x)) for x in wall.pages[0].mediabox[2:]] == [842, 1191]
    run = text(agenda_fr / "transfo-dunkerque-2-deroule-fr.pdf")
    assert "Placer, sans discussion" not in run  # débat mouvant is not in this session
    assert "Jeu de la bombe" in run
    assert "Déroulé pour l’équipe d’animation" in run
    assert "Matériel" in run and "min" in run


def test_markdown_html_and_ics(agenda_fr):
    md = (agenda_fr / "transfo-dunkerque-2-agenda-fr.md").read_text(encoding="utf-8")
    assert "## Jour 1 — mardi 2 avril 2019" in md and "| 9\u00a0h – 9\u00a0h\u00a030 |" in md
    html = (agenda_fr / "transfo-dunkerque-2-agenda-fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Reflex’Energie" in html
    from icalendar import Calendar

    cal = Calendar.from_ical((agenda_fr / "transfo-dunkerque-2-fr.ics").read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) >= 20
    first = min(events, key=lambda e: e.decoded("dtstart"))
    paris = ZoneInfo("Europe/Paris")
    assert first.decoded("dtstart") == datetime(2019, 4, 2, 9, 0, tzinfo=paris)
    assert first.decoded("dtstart").astimezone(paris).strftime("%H:%M") == "09:00"
    assert "Halle aux Sucres" in str(first.get("location"))
    raw = (agenda_fr / "transfo-dunkerque-2-fr.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_ics_escapes_and_folds_long_lines():
    """Commas, semicolons and line breaks are escaped; long lines fold between characters."""
    from icalendar import Calendar

    from facilitation.render.agenda_text import ics_line, ics_text

    text = "Débat mouvant ; « les idées, les élus » — " + "é" * 60 + "\nfin"
    lines = ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DESCRIPTION:" + ics_text(text)]
    raw = b"".join(ics_line(x) for x in lines + ["END:VEVENT", "END:VCALENDAR"])
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # no character cut in two
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == text


def test_byte_identical_runs(agenda_fr, tmp_path, run):
    assert run("agenda", DUNKERQUE, "-o", tmp_path).exit_code == 0
    for f in agenda_fr.iterdir():
        assert filecmp.cmp(f, tmp_path / f.name, shallow=False), f.name


def test_english_and_letter(tmp_path, run):
    result = run(
        "agenda",
        DUNKERQUE,
        "-o",
        tmp_path,
        "--lang",
        "en",
        "--paper",
        "letter",
        "--format",
        "pdf,md",
    )
    assert result.exit_code == 0
    md = (tmp_path / "transfo-dunkerque-2-agenda-en.md").read_text(encoding="utf-8")
    assert "Tuesday 2 April 2019" in md and "9:30–10:00" in md
    from pypdf import PdfReader

    page = PdfReader(str(tmp_path / "transfo-dunkerque-2-agenda-en.pdf")).pages[0]
    assert [round(float(x)) for x in page.mediabox[2:]] == [612, 792]


def test_user_template_overrides_by_name_in_a_sandbox(tmp_path, run):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "agenda.md.j2").write_text(
        "# {{ programme }}\n{% for d in days %}- {{ d.label }}\n{% endfor %}", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("agenda", DUNKERQUE, "-o", out, "--format", "md", "--templates", tpl).exit_code == 0
    md = (out / "transfo-dunkerque-2-agenda-fr.md").read_text(encoding="utf-8")
    assert md.startswith("# Transfo Dunkerque\n- mardi 2 avril 2019")
    (tpl / "agenda.md.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    out2 = tmp_path / "out2"
    bad = run("agenda", DUNKERQUE, "-o", out2, "--format", "md", "--templates", tpl)
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert not out2.exists()


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_schedules_without_errors(example, run):
    result = run("check", example, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "warning" in result.output.splitlines()[-1]
    fr = run("check", example, "--lang", "fr")
    assert fr.exit_code == 0 and "avertissement" in fr.output.splitlines()[-1]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_example_agenda_builds(lang, example_kits):
    """Run-sheets flow over many pages: every example, in both languages, lays out (in its
    kit, built once for the whole run: conftest.example_kits)."""
    runsheet = {"fr": "deroule", "en": "runsheet"}[lang]
    for name in EXAMPLE_NAMES:
        kit, _said = example_kits(name, lang)
        for kind in ("agenda", runsheet, "mural" if lang == "fr" else "wall"):
            (pdf,) = kit.glob(f"01-*-{kind}-{lang}.pdf")
            assert len(PdfReader(str(pdf)).pages) >= 1, (name, kind)


def test_text_too_long_for_a_page_is_a_clear_error(tmp_path, run):
    long = " ".join(["mot"] * 1240)  # under the limit of one text, but three make a page
    session = tmp_path / "long.yaml"
    session.write_text(
        "programme: X\ntitle: Y\nparticipants: 10\ndays:\n  - date: 2019-05-23\n"
        f'    blocks:\n      - {{free: "{long}", duration: 30, notes: "{long}", '
        f'purpose: "{long}"}}\n',
        encoding="utf-8",
    )
    r = run("agenda", session, "-o", tmp_path / "out", "--lang", "en")
    assert r.exit_code == 1 and "too long to be laid out" in r.output
    assert "Traceback" not in r.output and not (tmp_path / "out").exists()


def test_template_environment_is_kept_and_a_changed_template_read_again(tmp_path, monkeypatch):
    """The agenda's jinja environment is built once per template folders (its compiled
    templates kept, as `watch` rebuilds again and again); a user template that changes is
    read again, even where templates run in this process (no fork)."""
    import os

    from facilitation.render.agenda_text import environment, render_template

    tpl = tmp_path / "tpl"
    tpl.mkdir()
    f = tpl / "agenda.md.j2"
    f.write_text("Avant : {{ programme }}", encoding="utf-8")
    assert environment([tpl], False) is environment([tpl], False)
    assert environment([tpl], False) is not environment([tpl], True)
    view = {"lang": "fr", "programme": "Transfo Arras"}
    monkeypatch.delattr(os, "fork")  # templates run here, from the kept environment
    assert render_template("agenda.md.j2", view, [tpl], False) == "Avant : Transfo Arras"
    f.write_text("Après : {{ programme }}", encoding="utf-8")
    os.utime(f, (f.stat().st_atime, f.stat().st_mtime + 5))
    assert render_template("agenda.md.j2", view, [tpl], False) == "Après : Transfo Arras"
