"""Paper sense: the kit prints what is needed, on the paper the user has, print-shop grade.

Measured from the PDFs the kit writes: sheets, pages, boxes, print preferences, metadata,
type sizes, pixels.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import DATA, EXAMPLES
from pdfcheck import raster, text, text_sizes
from pypdf import PdfReader

MM = 72 / 25.4
DEMO = DATA / "paper" / "journee-accueil-mairie.yaml"
DUNKERQUE = EXAMPLES / "dunkerque-2-reflex-energie.yaml"
# The Dunkerque kit as main's code printed it before the paper plan (measured with
# `cli.py kit examples/dunkerque-2-reflex-energie.yaml`): 544 A4 sheets and 3 A3.
DUNKERQUE_BEFORE = 374 + 3  # the kit when issue 14 was filed: 374 A4 and 3 A3 sheets


def job_named(jobs: dict, suffix: str) -> dict:
    """The job whose file ends so (canvases are numbered by their block's rank)."""
    (name,) = [n for n in jobs if n.endswith("-" + suffix)]
    return jobs[name]


def build(tmp_path_factory, session: Path, *options: str) -> tuple[Path, str]:
    from click.testing import CliRunner

    from facilitation.cli import main

    out = tmp_path_factory.mktemp("kit") / "kit"
    r = CliRunner().invoke(
        main, ["kit", str(session), "-o", str(out), *options], catch_exceptions=False
    )
    assert r.exit_code == 0, r.output
    return out, r.output


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build(tmp_path_factory, DEMO)


@pytest.fixture(scope="module")
def dunkerque(example_kits):
    return example_kits(DUNKERQUE.stem, "fr")  # the session's language, as `build` makes it


def manifest(kit: Path) -> dict:
    (m,) = kit.glob("*-manifest-*.json")
    return json.loads(m.read_text(encoding="utf-8"))


def prefs(pdf: Path) -> dict:
    p = PdfReader(str(pdf)).trailer["/Root"].get("/ViewerPreferences")
    return {str(k): str(v) for k, v in (p.get_object() if p else {}).items()}


def sheets_from_pdfs(kit: Path) -> dict[str, int]:
    """Sheets of each paper, counted from the files: pages (two a sheet when the file asks
    for duplex printing), times the copies the guide and the manifest ask for."""
    copies = {j["name"]: j["copies"] for j in manifest(kit)["jobs"]}
    out: dict[str, int] = {}
    for pdf in sorted(kit.rglob("*.pdf")):
        reader = PdfReader(str(pdf))
        w, h = sorted(round(float(v) / MM) for v in reader.pages[0].mediabox[2:])
        paper = {(210, 297): "a4", (297, 420): "a3", (216, 279): "letter"}.get((w, h))
        paper = paper or {(279, 432): "tabloid", (594, 841): "a1"}.get((w, h), f"{w}x{h}")
        duplex = prefs(pdf).get("/Duplex", "") in ("/DuplexFlipLongEdge", "/DuplexFlipShortEdge")
        n = math.ceil(len(reader.pages) / 2) if duplex else len(reader.pages)
        out[paper] = out.get(paper, 0) + n * copies[pdf.relative_to(kit).as_posix()]
    return out


# -- the paper plan --------------------------------------------------------------------------
def test_demo_session_prints_on_under_90_a4_sheets(demo):
    kit, output = demo
    counted = sheets_from_pdfs(kit)
    assert set(counted) == {"a4"} and counted["a4"] < 90, counted
    # the command line, the manifest and the guide say the same number
    assert f"{counted['a4']} feuilles A4 : votre imprimante" in output
    assert manifest(kit)["sheets"] == counted
    guide = " ".join(text(kit / "00-guide-impression-fr.pdf").split())
    assert f"{counted['a4']} feuilles A4 : votre imprimante" in guide


def test_no_sheet_of_tiles_or_cards_is_less_than_a_third_used(demo):
    kit, _ = demo
    checked = 0
    for pdf in [*kit.glob("canevas/*-sur-*.pdf"), *kit.glob("cartes/cartes-*.pdf")]:
        for page in PdfReader(str(pdf)).pages:
            w, h = (float(v) / MM for v in page.mediabox[2:])
            x0, y0, x1, y1 = (float(v) / MM for v in page.trimbox)
            used = (x1 - x0) * (y1 - y0) / ((w - 10) * (h - 10))  # within 5 mm margins
            assert used >= 1 / 3, (pdf.name, round(used, 2))
            checked += 1
    assert checked > 40


def test_group_canvases_halve_and_plenary_ones_stay_near_real_size(demo):
    kit, _ = demo
    jobs = {j["name"]: j for j in manifest(kit)["jobs"]}
    journey = job_named(jobs, "parcours-utilisateur-canevas-a1-paysage-sur-a4.pdf")
    (facts,) = journey["plan"]
    assert facts["use"] == "group" and facts["copies"] == 4
    assert facts["choice"]["sheets"] == 2 and 0.44 <= facts["choice"]["scale"] < 0.5
    vote = job_named(jobs, "vote-canevas-a1-sur-a4.pdf")["plan"][0]
    assert vote["use"] == "wall" and vote["choice"]["scale"] >= 0.9
    # personas are forms written on: one A4 each, no tiles
    personas = [n for n in jobs if re.match(r"canevas/\d\d-personas", n)]
    assert personas and all("-sur-" not in n for n in personas)
    # the guide gives the choice and the other ways, with their sheets
    guide = " ".join(text(kit / "00-guide-impression-fr.pdf").split())
    assert "03 · Parcours utilisateur (A1, 4 exemplaires, travaillé par un groupe" in guide
    assert "soit 8 feuilles A4 en tout" in guide
    assert "A1 à taille réelle, chez un imprimeur" in guide and "(48 feuilles A4)" in guide


def test_dunkerque_kit_uses_less_than_70_percent_of_the_paper_with_nothing_missing(dunkerque):
    from facilitation.jobs.canvases import needs_blank
    from facilitation.jobs.kit import printing_slots
    from facilitation.load.library import Library
    from facilitation.load.sessions import load_session
    from facilitation.plan.quantities import support_copies
    from facilitation.plan.schedule import schedule
    from facilitation.plan.supports import block_values, canvas_supports, support_value

    kit, _ = dunkerque
    counted = sheets_from_pdfs(kit)
    assert sum(counted.values()) <= 0.7 * DUNKERQUE_BEFORE, counted
    # every canvas and sheet of every block, in the copies the block needs
    plan = schedule(load_session(DUNKERQUE, Library()), "fr")
    jobs = manifest(kit)["jobs"]
    for i, slot in enumerate(printing_slots(plan)):
        for s in canvas_supports(slot.exercise, slot.block.variant):
            title = s.title["fr"] if s.title else s.layout
            got = sum(
                f["copies"]
                for j in jobs
                if j["name"].startswith(f"canevas/{i + 1:02d}-")
                for f in j["plan"]
                if f["canvas"] == title
            )
            each = 1
            if s.each:  # a page per item the block prints, and a blank one after them
                values = support_value(slot.exercise, s, s.each, "fr", block_values(slot))
                each = len(values or [])
                each += 1 if each and needs_blank(slot.exercise, s) else 0
            assert got == support_copies(s, slot, "fr") * each, (slot.exercise.id, s.id)
    # a tiled file holds one map and every copy's tiles, each tile labelled with its copy
    (journey,) = kit.glob("canevas/*-parcours-utilisateur-canevas-a1-paysage-sur-a4.pdf")
    assert len(PdfReader(str(journey)).pages) == 5 * 2
    assert "exemplaire 5 sur 5" in text(journey).replace("\u00a0", " ")


def test_printer_a3_and_print_shop_change_the_plan(tmp_path_factory):
    kit, output = build(tmp_path_factory, DEMO, "--printer", "a3", "--print-shop")
    counted = sheets_from_pdfs(kit)
    # the large canvases go to the print shop, in one file at real size, every copy of each
    (shop,) = kit.glob("canevas/00-imprimeur-*.pdf")
    pages = PdfReader(str(shop)).pages
    assert len(pages) == 4 + 8 + 1 + 1  # journeys, scenarios, vote, debrief
    assert {tuple(sorted(round(float(v) / MM) for v in p.mediabox[2:])) for p in pages} == {
        (594, 841)
    }
    assert counted["a1"] == 14 and "14 feuilles A1 : un imprimeur ou un traceur" in output
    # personas on A3 now, and the wall agenda too
    assert any(re.match(r"\d\d-personas-canevas-a3", p.name) for p in kit.glob("canevas/*"))
    (wall,) = kit.glob("01-*-mural-fr.pdf")
    assert [round(float(v) / MM) for v in PdfReader(str(wall)).pages[0].mediabox[2:]] == [
        297,
        420,
    ]
    assert counted["a4"] < 60


def write_session(tmp_path: Path, blocks: list, participants: int = 12, **extra) -> Path:
    data = {
        "programme": "Labo d'essai",
        "title": "Essai papier",
        "participants": participants,
        "facilitators": ["Ana", "Bo"],
        "days": [{"date": "2024-06-04", "start": "9:00", "end": "17:00", "blocks": blocks}],
        **extra,
    }
    p = tmp_path / "session.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def test_a_block_says_how_its_canvases_print(tmp_path, run):
    session = write_session(
        tmp_path,
        [
            {
                "exercise": "parcours-utilisateur",
                "split": "2 groups",
                "print": {"size": "a1", "tile": "a4"},
            },
            {"exercise": "debrief", "print": "a3"},
            {"exercise": "vote", "print": {"sheets": 4}},
        ],
        participants=8,
    )
    r = run("kit", session, "-o", tmp_path / "kit")
    assert r.exit_code == 0, r.output
    kit = tmp_path / "kit"
    (journey,) = kit.glob("canevas/*-parcours-utilisateur-canevas-a1-paysage-sur-a4.pdf")
    assert len(PdfReader(str(journey)).pages) == 1 + 2 * 12  # A1 at real size: 12 tiles a copy
    (debrief,) = kit.glob("canevas/*-debrief-*.pdf")
    page = PdfReader(str(debrief)).pages[0]
    assert sorted(round(float(v) / MM) for v in page.mediabox[2:]) == [297, 420]
    (vote,) = kit.glob("canevas/*-vote-*.pdf")
    assert len(PdfReader(str(vote)).pages) <= 1 + 4
    guide = " ".join(text(kit / "00-guide-impression-fr.pdf").split())
    assert "comme le demande la clé « print » de la session" in guide
    # on a block that prints no canvas, the key is said to change nothing, at its line
    idle = write_session(tmp_path, [{"exercise": "debat-mouvant", "print": "a3"}])
    r = run("kit", idle, "-o", tmp_path / "idle")
    assert r.exit_code == 0 and "attention" in r.output
    assert "clé « print » ne change rien" in r.output
    # a paper that does not exist is said at its line, and nothing is written
    bad = write_session(tmp_path, [{"exercise": "debrief", "print": {"tile": "a5x"}}])
    r = run("kit", bad, "-o", tmp_path / "bad")
    assert r.exit_code == 1 and "session.yaml:" in r.output and "a5x" in r.output
    assert not (tmp_path / "bad").exists()


# -- tiles -------------------------------------------------------------------------------------
def test_tiles_share_the_canvas_evenly_and_keep_their_labels_on_the_paper():
    from facilitation.layout.tiling import tile, tile_marks

    for canvas in [(841, 594), (594, 841), (1189, 841), (420, 297), (640, 330), (860, 610)]:
        for sheet in [(210, 297), (215.9, 279.4), (297, 420)]:
            t = tile(*canvas, *sheet)
            for tl in t.tiles:
                assert t.used(tl) >= 1 / 3, (canvas, sheet, tl.label, round(t.used(tl), 2))
                m = tile_marks(t, tl)
                x, y = m.label_at
                assert x >= t.margin and y >= t.margin  # on the paper, inside its margins
                assert m.label_w >= 60


def test_too_small_an_overlap_is_refused(tmp_path, run):
    r = run("canvas", "debrief", "--tile", "a4", "--overlap", "3mm", "-o", tmp_path / "x")
    assert r.exit_code == 1 and "7 mm" in r.output and "Traceback" not in r.output


DPI = 40
K = DPI / 25.4


def assemble(pdf: Path, t, skip: int, copy: int = 0) -> tuple[int, int, list[bytes]]:
    """The poster as the map says: A1 first, then each sheet cut on its dashes (half a
    millimetre past them: a cut on a line takes it away) and laid over the others."""
    pages = raster(pdf, DPI)[skip + copy * len(t.tiles) :][: len(t.tiles)]
    W, H = round(t.canvas_w * t.scale * K), round(t.canvas_h * t.scale * K)
    pad = 300
    BW = W + 2 * pad
    board = bytearray(b"\xff" * (BW * (H + 2 * pad)))
    from facilitation.layout.tiling import CUT_INSET

    ch = t.canvas_h * t.scale
    for tl, (sw, sh, img) in zip(t.tiles, pages, strict=True):
        x0, y0 = tl.at
        left = x0 + CUT_INSET + 0.5 if tl.col > 0 else 0.0
        top = (y0 + tl.size[1] - CUT_INSET - 0.5) if tl.row > 0 else t.sheet_h
        sx0 = math.ceil(left * K)
        sy0 = math.ceil((t.sheet_h - top) * K)
        cx0 = tl.window.x * t.scale - x0  # canvas x of the sheet's left edge
        bx = round((sx0 / K + cx0) * K) + pad
        for sy in range(sy0, sh):
            ymm = t.sheet_h - (sy + 0.5) / K  # sheet mm, from the bottom
            depth = ch - (ymm - y0 + tl.window.y * t.scale)
            by = round(depth * K - 0.5) + pad
            if 0 <= by < H + 2 * pad:
                row = img[sy * sw + sx0 : (sy + 1) * sw]
                n = min(len(row), BW - bx)
                board[by * BW + bx : by * BW + bx + n] = row[:n]
    rows = [bytes(board[(y + pad) * BW + pad : (y + pad) * BW + pad + W]) for y in range(H)]
    return W, H, rows


def foreign_ink(assembled, reference, slack: int = 2, diff: int = 70) -> list[tuple[int, int]]:
    """Pixels of the assembled poster darker than anything near them on the canvas drawn
    whole: what the tiles added (a label, a mark)."""
    W, H, rows = assembled
    rw, rh, ref = reference
    bad = []
    for y in range(min(H, rh)):
        row = rows[y]
        for x in range(min(W, rw)):
            v = row[x]
            if v > 200:
                continue
            lo = min(
                min(ref[yy * rw + max(0, x - slack) : yy * rw + min(rw, x + slack + 1)])
                for yy in range(max(0, y - slack), min(rh, y + slack + 1))
            )
            if v < lo - diff:
                bad.append((x, y))
    return bad


@pytest.mark.parametrize(
    "layout,size,sheet,copies",
    [("parcours-utilisateur", (841, 594), (210, 297), 1), ("vote", (564, 776), (210, 297), 2)],
)
def test_a_tiled_poster_reassembled_shows_no_label(tmp_path, layout, size, sheet, copies):
    from facilitation.layout.canvas import geometry
    from facilitation.layout.tiling import tile
    from facilitation.load.printdata import canvas_layout
    from facilitation.render.canvas_pdf import write_canvases, write_tiled
    from facilitation.render.pdf import Meta
    from facilitation.text.messages import set_language
    from facilitation.view.canvas import resolve

    set_language("fr")  # the labels are read in French below

    lay = resolve(canvas_layout(layout).as_data(), None, None, "fr")
    g = geometry(lay, {}, lambda v: v if isinstance(v, str) else v["fr"], *size, subtitle="Essai")
    g.footer = "Labo d'essai · Essai"
    t = tile(*size, *sheet)
    write_tiled(tmp_path / "tiles.pdf", [(g, t)], Meta("tiles"), "fr", copies=copies)
    write_canvases(tmp_path / "whole.pdf", [g], Meta("whole"), "fr")
    (whole,) = raster(tmp_path / "whole.pdf", DPI)
    maps = 1 if t.sheets > 2 else 0
    labels = text(tmp_path / "tiles.pdf")
    assert "A1" in labels and "ligne 1 sur" in labels  # the labels are printed...
    for copy in range(copies):
        poster = assemble(tmp_path / "tiles.pdf", t, maps, copy)
        assert abs(poster[0] - whole[0]) <= 1 and abs(poster[1] - whole[1]) <= 1
        assert foreign_ink(poster, whole) == []  # ...and none shows on the poster


# -- cards: bleed, fold, backs, type ---------------------------------------------------------
def colour_run(img, x: int, y_from: int, y_to: int, low: int = 120, high: int = 215) -> int:
    """How many pixels of column x, from y_from down to y_to, are of a mid tone (a colour
    band in grey), counted from the first one."""
    w, h, data = img
    n, seen = 0, False
    for y in range(y_from, y_to):
        v = data[y * w + x]
        if low <= v <= high:
            n += 1
            seen = True
        elif seen:
            break
    return n


def test_bleed_extends_the_band_outward_and_leaves_the_design_inside_the_trim(tmp_path, run):
    """The statement cards (A5, one to a sheet): the colour band at the top of the card is
    2.2 mm × 148 / 63 deep, with or without bleed; the bleed adds 3 mm above the trim."""
    bands = {}
    for bleed in ("0mm", "3mm"):
        out = tmp_path / bleed
        r = run("cards", "debat-mouvant", "--bleed", bleed, "-o", out)
        assert r.exit_code == 0, r.output
        pdf = out / "debat-mouvant-cartes-a5.pdf"
        page = PdfReader(str(pdf)).pages[0]
        x0, _, x1, top = (float(v) / MM for v in page.trimbox)
        assert round(x1 - x0) == 148
        (img,) = raster(pdf, 254, 1, 1)  # 10 pixels a millimetre
        x = round((x0 + 74) * 10)
        trim_top = round((297 - top) * 10)
        inside = colour_run(img, x, trim_top, trim_top + 100)
        outside = colour_run(img, x, trim_top - 60, trim_top)
        bands[bleed] = (inside, outside)
    depth = 2.2 * 148 / 63 * 10
    assert bands["0mm"][0] == pytest.approx(depth, abs=2)  # inside the trim
    assert bands["3mm"][0] == pytest.approx(depth, abs=2)  # the same with bleed
    assert bands["0mm"][1] == 0 and bands["3mm"][1] == pytest.approx(30, abs=2)


def test_fold_over_keeps_each_side_on_its_own_side_with_bleed(tmp_path, run):
    for theme, side in (("default", "front"), ("mono", "back")):
        out = tmp_path / theme
        r = run(
            "cards",
            "personas",
            "--duplex",
            "fold",
            "--bleed",
            "3mm",
            "--theme",
            theme,
            "-o",
            out,
        )
        assert r.exit_code == 0, r.output
        pdf = out / "personas-cartes-a6.pdf"
        reader = PdfReader(str(pdf))
        assert prefs(pdf)["/Duplex"] == "/Simplex"
        x0, y0, x1, y1 = (float(v) / MM for v in reader.pages[0].trimbox)
        assert (round(x1 - x0), round(y1 - y0)) == (148, 210)  # an A6 pair on A4, turned
        fold = y0 + 105  # front below, back above
        (img,) = raster(pdf, 127, 1, 1)  # 5 pixels a millimetre
        w, h, data = img
        lo, hi = (fold - 2.7, fold - 0.3) if side == "front" else (fold + 0.3, fold + 2.7)
        # the front's own colour band runs along its top edge (the sheet's left) to the fold
        left = x0 + (6 if side == "front" else 0.5)
        stray = [
            (x, y)
            for y in range(round((297 - hi) * 5), round((297 - lo) * 5))
            for x in range(round(left * 5), round((x1 - 0.5) * 5))
            if data[y * w + x] < 235
        ]
        assert stray == [], (theme, side, len(stray))


def test_a6_fold_over_in_a_kit(tmp_path, run):
    session = write_session(tmp_path, [{"exercise": "personas", "split": "4 groups"}])
    r = run("kit", session, "-o", tmp_path / "kit", "--duplex", "fold")
    assert r.exit_code == 0, r.output
    jobs = {j["name"]: j for j in manifest(tmp_path / "kit")["jobs"]}
    assert jobs["cartes/cartes-a6.pdf"]["duplex"] == "fold"
    assert prefs(tmp_path / "kit/cartes/cartes-a6.pdf")["/Duplex"] == "/Simplex"
    assert prefs(tmp_path / "kit/cartes/fiches-animateur-a5.pdf")["/Duplex"] == "/Simplex"


def test_backs_have_no_frame_near_the_trim(tmp_path, run):
    assert run("cards", "chapeaux-de-bono", "-o", tmp_path).exit_code == 0
    pdf = tmp_path / "chapeaux-de-bono-cartes-poker.pdf"
    x0, y0, x1, y1 = (float(v) / MM for v in PdfReader(str(pdf)).pages[1].trimbox)
    (img,) = raster(pdf, 127, 2, 2)
    w, h, data = img
    dark = [
        (x, y)
        for y in range(round((297 - y1) * 5), round((297 - y0) * 5))
        for x in range(round((x0 + 3) * 5), round((x0 + 5) * 5))
        if data[y * w + x] < 80
    ]
    assert dark == []


def test_no_card_text_below_7_points(demo, tmp_path):
    from click.testing import CliRunner

    from facilitation.cli import main

    kit, _ = demo
    sizes = [s for pdf in kit.glob("cartes/*.pdf") for s in text_sizes(pdf)]
    assert sizes and min(size for _, size, _ in sizes) >= 7 - 0.01
    # business cards, whose deck labels were set at 4.1 pt, single-sided
    session = write_session(
        tmp_path,
        [
            {"exercise": "debat-mouvant"},
            {"exercise": "chapeaux-de-bono"},
            {"exercise": "scenarios-catastrophe-ideal", "split": "2 groups"},
        ],
    )
    out = tmp_path / "kit"
    args = ["kit", str(session), "-o", str(out), "--format", "business", "--duplex", "none"]
    r = CliRunner().invoke(main, args, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    sizes = [s for pdf in out.glob("cartes/cartes-*.pdf") for s in text_sizes(pdf)]
    assert sizes and min(size for _, size, _ in sizes) >= 7 - 0.01
    assert any(label == "LES SIX CHAPEAUX" for _, _, label in sizes)
    # facilitator cards single-sided under --duplex none, like every other file
    for pdf in out.glob("cartes/*.pdf"):
        assert prefs(pdf)["/Duplex"] == "/Simplex", pdf.name


def test_text_that_cannot_reach_7_points_names_its_card_and_line(tmp_path, run):
    long = "Une affirmation beaucoup trop longue pour une carte de poker, " * 6
    session = write_session(
        tmp_path,
        [{"exercise": "debat-mouvant", "params": {"statements": ["Courte.", long]}}],
    )
    r = run("kit", session, "-o", tmp_path / "kit", "--format", "mini")
    assert r.exit_code == 1
    assert "debat-mouvant / affirmations #2" in r.output
    assert re.search(r"même en corps \d+", r.output) and r.output.count("affirmations #2") == 1
    line = next(
        i
        for i, ln in enumerate(session.read_text(encoding="utf-8").splitlines(), 1)
        if "trop longue" in ln
    )
    assert f"session.yaml:{line}:" in r.output
    assert not (tmp_path / "kit").exists()


# -- every file: boxes, preferences, metadata, apostrophes -----------------------------------
def test_every_file_has_boxes_preferences_and_metadata(demo):
    kit, _ = demo
    double = {"02-livret-animation-fr.pdf"} | {
        j["name"] for j in manifest(kit)["jobs"] if j["duplex"] in ("long", "short")
    }
    for pdf in kit.rglob("*.pdf"):
        name = pdf.relative_to(kit).as_posix()
        reader = PdfReader(str(pdf))
        for page in reader.pages:
            assert "/TrimBox" in page and "/BleedBox" in page, name
        duplex = prefs(pdf)["/Duplex"]
        assert duplex == ("/DuplexFlipLongEdge" if name in double else "/Simplex"), name
        xmp = reader.xmp_metadata
        assert xmp is not None, name
        assert xmp.dc_title["x-default"] and xmp.dc_language == ["fr-FR"], name
        assert xmp.dc_creator == ["Labo d’accueil de Villeneuve"], name
        assert xmp.xmp_creator_tool.startswith("facilitation")
        info = reader.metadata
        for value in (info.title, info.author, info.subject, xmp.dc_title["x-default"]):
            assert not re.search(r"\w'\w", value or ""), (name, value)
        assert not re.search(r"\w'\w", text(pdf)), name  # footers and labels too


# -- the printing guide ------------------------------------------------------------------------
def test_guide_never_splits_a_word_and_states_the_canvas_choices(demo):
    kit, _ = demo
    raw = text(kit / "00-guide-impression-fr.pdf")
    lines = raw.splitlines()
    for j in manifest(kit)["jobs"]:
        name = j["name"].rpartition("/")[2]
        # a file name may only break after one of its hyphens
        assert name in raw.replace("-\n", "-"), name
    for a, b in zip(lines, lines[1:], strict=False):
        if re.search(r"[a-zà-ÿ]-$", a) and re.match(r"[a-zà-ÿ]", b):
            joined = a.split()[-1] + b.split()[0]
            assert any(joined in j["name"] for j in manifest(kit)["jobs"]), (a, b)
    assert "Ex." in raw and "Feuilles" in raw and "Papier" in raw


def test_letter_kit_has_a_tabloid_wall_agenda_and_an_inch_scale(tmp_path_factory):
    kit, output = build(
        tmp_path_factory, DEMO, "--paper", "letter", "--printer", "tabloid", "--lang", "en"
    )
    (wall,) = kit.glob("01-*-wall-en.pdf")
    size = [round(float(v)) for v in PdfReader(str(wall)).pages[0].mediabox[2:]]
    assert size == [792, 1224]  # 11 x 17 in
    guide = " ".join(text(kit / "00-printing-guide-en.pdf").split())
    assert "4 in — actual size" in guide and "100 mm — actual size" in guide
    assert "US Letter" in guide and "US Tabloid" in guide
    counted = sheets_from_pdfs(kit)
    assert set(counted) == {"letter", "tabloid"}
    for paper, label in (("letter", "US Letter"), ("tabloid", "US Tabloid")):
        assert f"paper: {counted[paper]} {label} sheets" in output


# -- what changed since the last kit -----------------------------------------------------------
def test_since_says_which_sheets_to_print_again(tmp_path, run):
    prompts = [f"Question de relance numéro {i} ?" for i in range(1, 9)]
    blocks = [
        {"exercise": "chapeaux-de-bono"},
        {"exercise": "scenarios-catastrophe-ideal", "params": {"prompts": prompts}},
        {"exercise": "debat-mouvant", "params": {"statements": ["Un.", "Deux.", "Trois."]}},
    ]
    session = write_session(tmp_path, blocks, participants=5)
    first = tmp_path / "first"
    assert run("kit", session, "-o", first, "--separate-decks").exit_code == 0
    prompts[6] = "Et si la personne n’avait pas d’ordinateur ?"
    blocks[2]["params"]["statements"][1] = "Deux, autrement dit."
    session = write_session(tmp_path, blocks, participants=5)
    second = tmp_path / "second"
    r = run("kit", session, "-o", second, "--separate-decks", "--since", first)
    assert r.exit_code == 0, r.output
    out = r.output.replace("\u00a0", " ").replace("\u202f", " ")
    # hats on sheet 1, prompts on sheet 2 of the poker file: only the prompts' sheet
    assert "à réimprimer : cartes/cartes-poker.pdf, la feuille 2 seulement" in out
    assert "à réimprimer : cartes/cartes-a5.pdf, la feuille 2 seulement" in out
    assert re.search(r"\d+ fichiers inchangés depuis", out)
    assert "cartes/fiches-animateur-a6.pdf" not in out  # unchanged: not to print again
    m = manifest(second)
    assert m["reprint"]["files"] and all("sha256" in j for j in m["jobs"])
    guide = " ".join(text(second / "00-guide-impression-fr.pdf").split())
    assert "Depuis le kit précédent" in guide and "la feuille 2 seulement" in guide
    # the folder may hold the manifest only
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(next(first.glob("*-manifest-*.json")), only)
    r = run("kit", session, "-o", tmp_path / "third", "--separate-decks", "--since", only)
    assert r.exit_code == 0 and "la feuille 2 seulement" in r.output.replace("\u00a0", " ")
    # a folder with no kit is said before any work
    r = run("kit", session, "-o", tmp_path / "fourth", "--since", tmp_path / "only" / "..")
    assert r.exit_code == 1 and "manifeste" in r.output


def test_kit_takes_fit_sheets_wall_theme_and_bleed(tmp_path, run):
    session = write_session(
        tmp_path,
        [{"exercise": "debrief"}, {"exercise": "vote"}, {"exercise": "chapeaux-de-bono"}],
    )
    kit = tmp_path / "kit"
    r = run(
        "kit",
        session,
        "-o",
        kit,
        "--fit-sheets",
        "4",
        "--wall",
        "a3",
        "--theme",
        "mono",
        "--bleed",
        "3mm",
    )
    assert r.exit_code == 0, r.output
    jobs = [j for j in manifest(kit)["jobs"] if j["kind"] == "canvas-tiled"]
    assert len(jobs) == 3  # debrief, vote (on 8 sheets without the option), the hats' canvas
    for j in jobs:
        (facts,) = j["plan"]
        assert facts["choice"]["sheets"] <= 4
        assert len(PdfReader(str(kit / j["name"])).pages) <= 1 + 4 * facts["copies"]
    (wall,) = kit.glob("01-*-mural-fr.pdf")
    page = PdfReader(str(wall)).pages[0]
    assert [round(float(v) / MM) for v in page.mediabox[2:]] == [297, 420]
    hats = PdfReader(str(kit / "cartes/cartes-poker.pdf")).pages[0]
    assert round((float(hats.trimbox[0]) - float(hats.bleedbox[0])) / MM, 2) == 3.0
    guide = " ".join(text(kit / "00-guide-impression-fr.pdf").split())
    assert "comme le demande --fit-sheets" in guide
    r = run("kit", session, "-o", tmp_path / "bad", "--theme", "nope")
    assert r.exit_code == 1 and "nope" in r.output and not (tmp_path / "bad").exists()


def test_fold_over_too_large_for_the_sheet_prints_the_fronts_and_says_so(tmp_path, run):
    session = write_session(tmp_path, [{"exercise": "debat-mouvant"}])
    r = run("kit", session, "-o", tmp_path / "kit", "--duplex", "fold")
    assert r.exit_code == 0, r.output
    assert "attention" in r.output and "sans leur dos" in r.output and "--duplex long" in r.output
    statements = tmp_path / "kit/cartes/cartes-a5.pdf"
    assert prefs(statements)["/Duplex"] == "/Simplex"
    assert len(PdfReader(str(statements)).pages) == 3  # three statements, fronts only
    assert any("sans leur dos" in w for w in manifest(tmp_path / "kit")["warnings"])
