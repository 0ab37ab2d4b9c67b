"""The whole kit: files, quantities, checklist, printing guide, determinism."""

import filecmp
import json
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES
from pdfcheck import check_fonts_embedded, has_trimbox_on_every_page, text

from facilitation.load.sessions import load_session
from facilitation.plan.quantities import material_needs, support_copies
from facilitation.plan.schedule import schedule

DUNKERQUE = EXAMPLES / "dunkerque-2-reflex-energie.yaml"


@pytest.fixture(scope="module")
def kit(example_kits):
    out, said = example_kits(DUNKERQUE.stem, "fr")  # built without --lang: the session's
    assert "fichiers écrits dans" in said and "papier :" in said  # the session's language
    return out


def test_kit_files(kit):
    names = sorted(p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file())
    assert names[0] == "00-guide-impression-fr.pdf"
    for expected in (
        "01-transfo-dunkerque-2-agenda-fr.pdf",
        "02-livret-animation-fr.pdf",
        "03-liste-materiel-fr.pdf",
        "cartes/cartes-poker.pdf",
        "cartes/fiches-animateur-a5.pdf",
        "transfo-dunkerque-2-manifest-fr.json",
    ):
        assert expected in names
    assert any(n.startswith("canevas/") and "-sur-a4" in n for n in names)


def test_kit_pdfs_are_print_ready(kit):
    total = 0
    for pdf in kit.rglob("*.pdf"):
        check_fonts_embedded(pdf)
        total += pdf.stat().st_size
        if pdf.parent.name == "cartes":
            assert has_trimbox_on_every_page(pdf)
    assert total < 2_000_000  # a kit without pictures stays small


def test_manifest_and_guide_list_every_print_job(kit):
    manifest = json.loads((kit / "transfo-dunkerque-2-manifest-fr.json").read_text("utf-8"))
    pdfs = sorted(p.relative_to(kit).as_posix() for p in kit.rglob("*.pdf"))
    assert sorted(j["name"] for j in manifest["jobs"]) == pdfs
    assert manifest["jobs"][0]["name"] == "00-guide-impression-fr.pdf"
    guide = " ".join(text(kit / "00-guide-impression-fr.pdf").split())
    assert "100 mm" in guide and "taille réelle" in guide
    checklist = " ".join(text(kit / "03-liste-materiel-fr.pdf").split())
    assert "00-guide-impression-fr.pdf" in checklist  # printed files are ticked in the guide
    joined = guide.replace(" ", "")
    for job in manifest["jobs"][1:]:
        folder, _, name = job["name"].rpartition("/")
        assert name in joined and (not folder or folder + "/" in guide)  # never split mid-word
        assert job["paper"] in ("a4", "a3", "letter")
        assert job["duplex"] in ("none", "long", "short", "fold")


def test_two_runs_identical(kit, tmp_path, run):
    other = tmp_path / "kit"
    assert run("kit", DUNKERQUE, "-o", other).exit_code == 0
    for f in kit.rglob("*"):
        if f.is_file():
            assert filecmp.cmp(f, other / f.relative_to(kit), shallow=False), f.name


def test_one_core_gives_the_same_kit(kit, tmp_path, run, monkeypatch):
    """Without a second core the kit is built in one process: same files, same bytes."""
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    other = tmp_path / "kit"
    r = run("kit", DUNKERQUE, "-o", other)
    assert r.exit_code == 0, r.output
    mine = sorted(p.relative_to(kit) for p in kit.rglob("*") if p.is_file())
    assert mine == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for f in mine:
        assert filecmp.cmp(kit / f, other / f, shallow=False), f


def make_session(tmp_path: Path, library, blocks, participants=12, facilitators=("A", "B")):
    data = {
        "programme": "Test",
        "title": "Essai",
        "participants": participants,
        "facilitators": list(facilitators),
        "days": [{"date": "2019-05-23", "start": "9:00", "end": "12:00", "blocks": blocks}],
    }
    p = tmp_path / "s.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return schedule(load_session(p, library))


def need(needs, item, colour=None):
    found = [n for n in needs if n.item == item and n.colour == colour]
    return found[0].quantity if found else 0


def test_checklist_adds_up_the_session(tmp_path, library):
    vote = library.get("vote")
    dots_per_voter = vote.param_default("dots_per_voter", "fr")
    plan = make_session(
        tmp_path,
        library,
        [
            {"exercise": "vote", "duration": 30},
            {"exercise": "vote", "duration": 30, "params": {"dots_per_voter": 5}},
        ],
    )
    needs = material_needs(plan, "fr")
    # voting dots: dots x voters, for each vote
    assert need(needs, "voting-dots") == 12 * dots_per_voter + 12 * 5


def test_checklist_scales_with_groups_and_keeps_equipment(tmp_path, library):
    ex = library.get("besoins-solutions")
    plan = make_session(
        tmp_path, library, [{"exercise": "besoins-solutions", "split": "3 groups"}], participants=12
    )
    needs = material_needs(plan, "fr")
    slot = plan.days[0].slots[0]
    for m in ex.materials:
        per = {"participant": 12, "pair": 6, "group": 3, "session": 1, "facilitator": 2}[m.per]
        expected = m.quantity * per
        if m.quantity_param:
            expected *= ex.param_default(m.quantity_param, "fr")
        assert need(needs, m.item, m.colour) >= expected, m.item
    assert slot.exercise is ex
    # reusable equipment is not added up over blocks
    twice = make_session(
        tmp_path, library, [{"exercise": "debat-mouvant"}, {"exercise": "debat-mouvant"}]
    )
    assert need(material_needs(twice, "fr"), "masking-tape") == 1


def test_canvas_copies_follow_the_groups(tmp_path, library):
    plan = make_session(
        tmp_path,
        library,
        [{"exercise": "parcours-utilisateur", "split": "groups of 4"}],
        participants=16,
    )
    slot = plan.days[0].slots[0]
    (canvas,) = [s for s in slot.exercise.supports if s.kind == "canvas"]
    assert support_copies(canvas, slot, "fr") == 4
    pairs = make_session(tmp_path, library, [{"exercise": "points-de-contact"}], participants=14)
    s2 = pairs.days[0].slots[0]
    sheet = [s for s in s2.exercise.supports if s.per == "pair"][0]
    assert support_copies(sheet, s2, "fr") == 7


def test_kit_on_bad_session_writes_nothing(tmp_path, run):
    p = tmp_path / "bad.yaml"
    p.write_text(
        "programme: X\ntitle: Y\nparticipants: 10\ndays:\n  - date: 2019-05-23\n"
        "    blocks:\n      - exercise: debat-mouvan\n",
        encoding="utf-8",
    )
    r = run("kit", p, "-o", tmp_path / "kit")
    assert r.exit_code == 1 and "vouliez-vous dire « debat-mouvant » ?" in r.output
    assert not (tmp_path / "kit").exists()


def test_kit_makes_missing_folders_and_removes_them_on_failure(tmp_path, run):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "programme: X\ntitle: Y 漢\nparticipants: 10\ndays:\n  - date: 2019-05-23\n"
        "    blocks:\n      - exercise: debat-mouvant\n",
        encoding="utf-8",
    )
    r = run("kit", bad, "-o", tmp_path / "a" / "b" / "kit")
    assert r.exit_code == 1 and "U+6F22" in r.output and "Traceback" not in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]  # nothing left behind
    good = tmp_path / "good.yaml"
    good.write_text(bad.read_text(encoding="utf-8").replace(" 漢", ""), encoding="utf-8")
    r = run("kit", good, "-o", tmp_path / "a" / "b" / "kit")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "a" / "b" / "kit" / "00-guide-impression-fr.pdf").is_file()
