"""The kit's visual language, measured from the PDFs (issue 16): pictograms as vector forms on
every card and document, arc colours, no bitmaps, files under 2 MB, a time-proportional wall
agenda on A3 that fills its printable area, booklet pages at least half full, a run-sheet
measure of about 70 characters, a contents page whose numbers are right."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfcheck import (
    check_fonts_embedded,
    form_names,
    image_count,
    raster,
    text,
    text_positions,
    text_sizes,
)
from pypdf import PdfReader

from facilitation.cli import main

MM = 72 / 25.4
ICON = "/FormXob.icon-"

# A session written for these tests: a one-day "Transfo" in Lyon on public libraries, with a
# short energiser, a field outing, parallel tracks, an evening, and 14 participants.
LYON = """\
programme: Transfo Lyon
number: 3
title:
  fr: "Bibliothèques ouvertes : une journée d'enquête"
  en: "Open libraries: a day of inquiry"
participants: 14
language: fr
facilitators: [Inès, Paul]
places:
  - {id: mediatheque, name: Médiathèque de Vaise, address: "Place Valmy, Lyon"}
days:
  - date: 2026-03-12
    start: "8:45"
    end: "18:00"
    place: mediatheque
    blocks:
      - logistics: welcome
        duration: 20min
      - exercise: meteo-interieure
        duration: 10min
      - exercise: debat-mouvant
        duration: 45min
        params:
          statements:
            - "Une bibliothèque sans livres reste une bibliothèque."
            - "Le silence est un service public."
      - logistics: break
        duration: 15min
      - exercise: enquete-terrain
        duration: 2h
      - logistics: lunch
        duration: 1h
      - exercise: personas
        duration: 1h15
      - logistics: break
        duration: 15min
      - exercise: scenarios-catastrophe-ideal
        duration: 1h30
      - exercise: debrief
        duration: 45min
"""


@pytest.fixture(scope="module")
def lyon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lyon")
    session = folder / "lyon-3.yaml"
    session.write_text(LYON, encoding="utf-8")
    return session


@pytest.fixture(scope="module")
def lyon_agenda(lyon: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lyon-agenda")
    r = CliRunner().invoke(
        main, ["agenda", str(lyon), "-o", str(out), "--format", "pdf", "--wall", "a3"]
    )
    assert r.exit_code == 0, r.output
    return out


def _content(reader: PdfReader, page: object) -> bytes:
    """A page's drawing, and that of the forms it uses (one level down and further)."""
    contents = page.get_contents()
    out = [contents.get_data() if contents is not None else b""]
    res = page.get("/Resources")
    stack = [res.get_object()] if res is not None else []
    seen: set[int] = set()
    while stack:
        r = stack.pop()
        xo = r.get("/XObject")
        if xo is None:
            continue
        for ref in xo.get_object().values():
            obj = ref.get_object()
            if id(obj) in seen or obj.get("/Subtype") != "/Form":
                continue
            seen.add(id(obj))
            out.append(obj.get_data())
            if obj.get("/Resources") is not None:
                stack.append(obj.get("/Resources").get_object())
    return b"\n".join(out)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _has_colour(data: bytes, hex_colour: str) -> bool:
    """Whether a fill or stroke of this colour is set in the drawing (to 3 decimals)."""
    import re

    want = _rgb(hex_colour)
    for m in re.finditer(rb"([\d.]+) ([\d.]+) ([\d.]+) (rg|RG)", data):
        got = tuple(float(x) for x in m.groups()[:3])
        if all(abs(a - b) < 0.003 for a, b in zip(got, want, strict=True)):
            return True
    return False


def test_pictograms_on_every_page_of_cards_and_documents(example_kits):
    """Every card front and back, every agenda page, every booklet page after the cover
    carries pictograms, drawn as vector forms (never bitmaps), with the fonts embedded."""
    folder, _out = example_kits("dunkerque-2-reflex-energie", "fr")
    cards = sorted((folder / "cartes").glob("*.pdf"))
    assert any("cartes-poker" in c.name for c in cards)
    docs = [
        next(folder.glob("01-*-agenda-fr.pdf")),
        next(folder.glob("01-*-deroule-fr.pdf")),
        next(folder.glob("01-*-mural-fr.pdf")),
        next(folder.glob("02-livret-animation-fr.pdf")),
    ]
    for pdf in cards + docs:
        pages = form_names(pdf)
        start = 1 if "livret" in pdf.name else 0  # the cover carries the session alone
        if "panneaux" in pdf.name or "affiches" in pdf.name:
            continue  # floor signs and posters: words to read from afar, no method on them
        for i, names in enumerate(pages[start:], start + 1):
            icons = [n for n in names if n.startswith(ICON)]
            assert icons, f"{pdf.name}: page {i} has no pictogram"
        assert image_count(pdf) == 0, f"{pdf.name}: a bitmap"
        check_fonts_embedded(pdf)


def test_arc_colours_on_cards_and_documents(example_kits):
    """The arcs' colours of the default theme are drawn on the cards and on the agendas,
    run-sheet, wall agenda and booklet: a day with methods of several arcs shows several."""
    from facilitation.load.printdata import theme

    th = theme("default")
    folder, _out = example_kits("dunkerque-2-reflex-energie", "fr")
    explore = th.arcs["explore"].colour
    for name in (
        "01-*-agenda-fr.pdf",
        "01-*-deroule-fr.pdf",
        "01-*-mural-fr.pdf",
        "02-livret-animation-fr.pdf",
        "cartes/cartes-poker.pdf",
        "cartes/fiches-animateur-a5.pdf",
    ):
        pdf = next(folder.glob(name))
        reader = PdfReader(str(pdf))
        data = b"\n".join(_content(reader, p) for p in reader.pages)
        assert _has_colour(data, explore), f"{pdf.name}: no explore colour"
        arcs = [a for a, s in th.arcs.items() if a != "logistics" and _has_colour(data, s.colour)]
        assert len(arcs) >= 2, f"{pdf.name}: arcs drawn {arcs}"


def test_cards_front_and_back_each_carry_a_pictogram(example_kits):
    """Each side of a card sheet (fronts, then backs) uses the method's pictogram form."""
    folder, _out = example_kits("dunkerque-2-reflex-energie", "fr")
    pdf = folder / "cartes" / "cartes-poker.pdf"
    pages = form_names(pdf)
    assert len(pages) % 2 == 0  # fronts and backs
    for i in range(0, len(pages), 2):
        front, back = pages[i], pages[i + 1]
        assert any(n.startswith(ICON) for n in front)
        assert any(n.startswith(ICON) for n in back)
    # no printed text on a card smaller than the paper floor (7 pt): the deck label included
    assert min(size for _p, size, _t in text_sizes(pdf)) >= 7 - 0.01


def test_every_kit_file_stays_under_2_mb(example_kits):
    for name in ("dunkerque-2-reflex-energie", "metz-4-retours-et-cas-pratique"):
        folder, _out = example_kits(name, "fr")
        for f in folder.rglob("*.pdf"):
            assert f.stat().st_size < 2_000_000, f"{f.name}: {f.stat().st_size} bytes"


def _ink_box(page: tuple[int, int, bytes]) -> tuple[int, int, int, int]:
    """The bounding box of what is drawn (pixels darker than near-white)."""
    w, h, data = page
    rows = [y for y in range(h) if min(data[y * w : (y + 1) * w]) < 245]
    cols = [x for x in range(w) if min(data[x::w][:h]) < 245]
    return min(cols), min(rows), max(cols), max(rows)


def test_wall_agenda_on_a3_fills_three_quarters_of_its_printable_area(lyon_agenda):
    """Measured from the PDF: the drawn content's bounding box is at least 75 % of the
    printable area (the page less the 5 mm an office printer cannot print), on A3."""
    pdf = next(lyon_agenda.glob("*-mural-fr.pdf"))
    reader = PdfReader(str(pdf))
    w, h = (float(x) for x in reader.pages[0].mediabox[2:])
    assert round(w / MM) == 297 and round(h / MM) == 420
    dpi = 20
    for page in raster(pdf, dpi):
        x0, y0, x1, y1 = _ink_box(page)
        px = dpi / 25.4  # pixels per mm
        drawn = (x1 - x0 + 1) / px * (y1 - y0 + 1) / px
        printable = (297 - 10) * (420 - 10)
        assert drawn / printable >= 0.75, f"{drawn / printable:.0%} of the printable area"


def test_wall_agenda_is_time_proportional_and_readable_from_afar(lyon, lyon_agenda):
    """Each block as tall as it lasts: the 2-hour outing is about 12 times the 10-minute
    weather check-in's... at least 4 times, since short blocks keep a line of type; titles
    in display type, nothing smaller than a legend read from 3 m."""
    from facilitation.layout.timeline import day_column

    pdf = next(lyon_agenda.glob("*-mural-fr.pdf"))
    sizes = [s for _p, s, _t in text_sizes(pdf)]
    assert min(sizes) >= 12.5  # the legend, the smallest text on the wall, on A3
    assert max(sizes) >= 36  # the day's heading
    titles = {t: s for _p, s, t in text_sizes(pdf)}
    assert titles.get("Débat mouvant", 0) >= 20
    minutes = [
        ("welcome", 20),
        ("meteo-interieure", 10),
        ("debat-mouvant", 45),
        ("break", 15),
        ("enquete-terrain", 120),
        ("lunch", 60),
        ("personas", 75),
    ]
    rows, clock = [], 8 * 60 + 45
    for what, m in minutes:
        rows.append({"start": clock, "end": clock + m, "what": what, "tracks": []})
        clock += m
    boxes = {b.row["what"]: b for b in day_column(rows, 0, 0, 277, 330, 12)}
    outing, lunch, weather = boxes["enquete-terrain"], boxes["lunch"], boxes["meteo-interieure"]
    assert outing.h == pytest.approx(2 * lunch.h, rel=0.01)  # proportional where type fits
    assert outing.h > 4 * weather.h
    assert weather.h >= 12  # a short block keeps its line of type
    tops = [b.top for b in sorted(boxes.values(), key=lambda b: -b.top)]
    assert tops[0] == pytest.approx(330)  # the day fills the column


def test_wall_list_form_and_participants_timeline_stay_available(lyon, tmp_path):
    r = CliRunner().invoke(
        main,
        [
            "agenda",
            str(lyon),
            "-o",
            str(tmp_path),
            "--format",
            "pdf",
            "--wall-form",
            "list",
            "--agenda-form",
            "timeline",
        ],
    )
    assert r.exit_code == 0, r.output
    wall = next(tmp_path.glob("*-mural-fr.pdf"))
    agenda = next(tmp_path.glob("*-agenda-fr.pdf"))
    assert "Débat mouvant" in text(wall) and "Débat mouvant" in text(agenda)
    assert len(PdfReader(str(agenda)).pages) == 1  # one day, one page
    assert any(n.startswith(ICON) for n in form_names(agenda)[0])


def _day_pages(pdf: Path) -> tuple[list[list[tuple[float, float, str]]], set[int]]:
    """The booklet's pages, and those that end a part (the contents, each day)."""
    pages = text_positions(pdf)
    height = float(PdfReader(str(pdf)).pages[0].mediabox[3])
    starts = [
        i
        for i, runs in enumerate(pages)
        if any(
            t.startswith(("Jour ", "Day ")) and "—" in t
            for _x, _y, t in [r for r in runs if 12 * MM < r[1] < height - 17 * MM][:2]
        )
    ]
    ends = {s - 1 for s in starts} | {len(pages) - 1}
    return pages, ends


@pytest.mark.parametrize(
    "name", ["dunkerque-2-reflex-energie", "strasbourg-8-comptoir-des-services"]
)
def test_booklet_pages_are_at_least_half_full(example_kits, name):
    """Measured from the text positions: on every page but the cover, a day's last and the
    contents' last, the lowest line of text lies below the frame's middle."""
    folder, _out = example_kits(name, "fr")
    pdf = next(folder.glob("02-*.pdf"))
    height = float(PdfReader(str(pdf)).pages[0].mediabox[3])
    top, bottom = height - 18 * MM, 15 * MM
    pages, ends = _day_pages(pdf)
    assert len(ends) >= 2
    for i, runs in enumerate(pages):
        if i == 0 or i in ends:
            continue
        ys = [y for _x, y, _t in runs if 12 * MM < y < top]
        fill = (top - min(ys)) / (top - bottom)
        assert fill >= 0.5, f"{pdf.name}: page {i + 1} is {fill:.0%} full"


def test_booklet_contents_give_the_right_pages(example_kits):
    """The contents list every block with the page its sheet starts on; the cover has the
    session's title, dates and place."""
    folder, _out = example_kits("dunkerque-2-reflex-energie", "fr")
    pdf = folder / "02-livret-animation-fr.pdf"
    reader = PdfReader(str(pdf))
    cover = reader.pages[0].extract_text()
    assert "Reflex" in cover and "2 avril 2019" in cover and "Halle aux Sucres" in cover
    toc = reader.pages[1].extract_text()
    assert "Sommaire" in toc
    pages = [p.extract_text() for p in reader.pages]
    lines = toc.splitlines()
    for title in ("Personas", "Débrief", "Verbatims"):
        at = next(i for i, x in enumerate(lines) if x.strip() == title)
        number = int(lines[at + 1])  # the page number follows the title
        assert title in pages[number - 1], f"{title} is not on page {number}"


def test_runsheet_measure_is_about_seventy_characters(example_kits):
    """Two columns on landscape paper: the median line of the run-sheet's text runs 55 to 85
    characters (it was 112 on a portrait page)."""
    folder, _out = example_kits("dunkerque-2-reflex-energie", "fr")
    pdf = next(folder.glob("01-*-deroule-fr.pdf"))
    reader = PdfReader(str(pdf))
    w, h = (float(x) for x in reader.pages[0].mediabox[2:])
    assert w > h  # landscape
    lengths = []
    for runs in text_positions(pdf):
        lines: dict[tuple[int, int], str] = {}
        for x, y, t in runs:
            if not 12 * MM < y < h - 16 * MM:
                continue  # header and footer
            key = (int(x > w / 2), round(y))
            lines[key] = (lines.get(key, "") + " " + t).strip()
        lengths += [len(v) for v in lines.values() if len(v) > 15]
    median = statistics.median(lengths)
    assert 55 <= median <= 85, median


def test_an_unknown_pictogram_in_a_theme_is_said_with_its_line(tmp_path):
    lib = tmp_path / "lib"
    (lib / "cards").mkdir(parents=True)
    (lib / "cards" / "themes.yaml").write_text(
        "atelier:\n  extends: default\n  families:\n    debat: balance\n", encoding="utf-8"
    )
    r = CliRunner().invoke(
        main,
        [
            "cards",
            "debat-mouvant",
            "--library",
            str(lib),
            "--theme",
            "atelier",
            "-o",
            str(tmp_path / "out"),
        ],
        env={"FACILITATION_LANG": "en"},
    )
    assert r.exit_code != 0
    assert "themes.yaml:4" in r.output and "unknown pictogram 'balance'" in r.output
    assert "scale" in r.output or "known:" in r.output
    assert not (tmp_path / "out").exists()


def test_mono_theme_keeps_pictograms_in_grey(tmp_path, lyon):
    """The mono theme prints the same pictograms, in its one grey: black and white reads by
    name and pictogram."""
    r = CliRunner().invoke(
        main, ["agenda", str(lyon), "-o", str(tmp_path), "--format", "pdf", "--theme", "mono"]
    )
    assert r.exit_code == 0, r.output
    pdf = next(tmp_path.glob("*-agenda-fr.pdf"))
    assert any(n.startswith(ICON) for n in form_names(pdf)[0])
    reader = PdfReader(str(pdf))
    data = _content(reader, reader.pages[0])
    assert _has_colour(data, "#444444")
    assert not _has_colour(data, "#56B4E9")


def test_icons_are_the_vendored_tabler_set_with_its_licence():
    from facilitation.load.icons import icon_names, icon_shapes
    from facilitation.load.printdata import theme
    from facilitation.resources import icon_dir

    assert "MIT License" in (icon_dir() / "LICENSE").read_text(encoding="utf-8")
    assert "Tabler Icons" in (icon_dir() / "CREDITS.txt").read_text(encoding="utf-8")
    th = theme("default")
    used = {a.icon for a in th.arcs.values()} | set(th.families.values())
    used |= {k.icon for k in th.kinds.values()}
    assert used <= icon_names()
    for name in used:  # strokes inside the 24-unit box
        pts = [v for s in icon_shapes(name) for op in s.ops for v in op[1:]]
        assert pts and 0 <= min(pts) and max(pts) <= 24


def test_the_stored_icon_strokes_are_those_svglib_reads_from_the_svgs():
    """shapes.json spares each process reading the SVGs with svglib: it must hold, for every
    icon, the very strokes svglib reads (run tools/icon_shapes.py after changing an icon)."""
    import json

    from facilitation.load.icons import (
        SHAPES_FILE,
        icon_names,
        icon_shapes,
        shapes_table,
        svg_shapes,
    )
    from facilitation.resources import icon_dir

    stored = json.loads((icon_dir() / SHAPES_FILE).read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(shapes_table())), "run tools/icon_shapes.py"
    for name in sorted(icon_names()):
        assert icon_shapes(name) == svg_shapes(name), name
