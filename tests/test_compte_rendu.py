"""After the session: the retour (what happened) and the compte rendu (what the Transfo
publishes), written as the residents of a Transfo would.

The session is Transfo Nantes, session 3 (tests/data/compte-rendu): two days on the welcome
desk of a library. Its retour has three photos (made here with Pillow), quotes, one block run
shorter than planned and one dropped. Each test copies both into its own folder, with the
photos beside them as a facilitator would keep them."""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DATA
from pdfcheck import check_fonts_embedded, metadata, text

from facilitation.text.messages import set_language

SOURCE = DATA / "compte-rendu"
SESSION = "nantes-3-mediatheque.yaml"
RETOUR = "nantes-3-mediatheque.retour.yaml"


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def photos(folder: Path) -> None:
    """Three photos as a phone and a camera give them: a PNG, a large landscape JPEG turned
    by its EXIF orientation and carrying a GPS position, a portrait JPEG."""
    from PIL import Image, ImageDraw

    (folder / "photos").mkdir(exist_ok=True)
    for name, size, colour in (
        ("groupe.png", (900, 600), (200, 80, 60)),
        ("parcours.jpg", (2400, 1600), (60, 120, 200)),
        ("scenarios.jpg", (800, 1200), (80, 160, 90)),
    ):
        im = Image.new("RGB", size, colour)
        draw = ImageDraw.Draw(im)
        for x in range(0, size[0], 60):
            draw.line([(x, 0), (size[0] - x, size[1])], fill=(255, 255, 255), width=3)
        if name == "parcours.jpg":
            exif = Image.Exif()
            exif[0x0112] = 6  # orientation: turn 90° to read
            gps = exif.get_ifd(0x8825)
            gps[1], gps[2] = "N", (47.0, 13.0, 5.0)  # where it was taken
            im.save(folder / "photos" / name, exif=exif, quality=90)
        else:
            im.save(folder / "photos" / name)


def setup(tmp_path: Path, replace: dict[str, str] | None = None, retour: bool = True) -> Path:
    """The session (and its retour, with `replace`'s changes) in a folder of its own, with
    the photos; returns the session file."""
    folder = tmp_path / "nantes"
    folder.mkdir(parents=True)
    shutil.copy(SOURCE / SESSION, folder / SESSION)
    if retour:
        body = (SOURCE / RETOUR).read_text(encoding="utf-8")
        for old, new in (replace or {}).items():
            assert old in body, old
            body = body.replace(old, new)
        (folder / RETOUR).write_text(body, encoding="utf-8")
    photos(folder)
    return folder / SESSION


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line holding `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if needle in line)


def flat(s: str) -> str:
    """Text as a reader sees it: no-break spaces as plain ones, lines joined."""
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


class Semantics(HTMLParser):
    """The elements of an HTML page, with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page(path: Path) -> Semantics:
    parser = Semantics()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- what it must show ---------------------------------------------------------------------------
def test_article_in_french_holds_the_session_as_it_ran(tmp_path, run):
    session = setup(tmp_path)
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out)
    assert r.exit_code == 0, r.output
    assert "écrit : 3 photos dans" in r.output
    html = out / "transfo-nantes-3-compte-rendu-fr.html"
    pdf = out / "transfo-nantes-3-compte-rendu-fr.pdf"
    md = out / "transfo-nantes-3-compte-rendu-fr.md"
    texts = {
        "html": flat("".join(page(html).text)),
        "pdf": flat(text(pdf)),
        "md": flat(md.read_text(encoding="utf-8").replace("*", "")),
    }
    for fmt, t in texts.items():
        assert "Accueillir à la médiathèque" in t, fmt
        assert "Jour 1 — mardi 11 mars 2025 : Comprendre l’accueil" in t, fmt
        assert "Jour 2 — mercredi 12 mars 2025 : Des observations aux scénarios" in t, fmt
        assert "mardi 11 et mercredi 12 mars 2025" in t, fmt
        # each block that ran, why, and what came of it
        for block in (
            "Météo intérieure",
            "Le cas pratique : l’accueil de la médiathèque",
            "Parcours utilisateur",
            "Enquête qualitative de terrain",
            "Enquête qualitative de terrain (suite)",
            "Scénario catastrophe, scénario idéal",
            "Prochaines étapes",
        ):
            assert block in t, (fmt, block)
        assert "Pourquoi : Suivre le parcours d’un usager de la porte au prêt" in t, fmt
        assert "Quatre parcours d’usagers affichés au mur" in t, fmt
        assert "Vingt-deux rencontres au marché et dans le hall" in t, fmt
        assert "Un scénario catastrophe et un scénario idéal par persona" in t, fmt
        # the shortened block at its real times, the dropped one nowhere
        assert "10 h 30 – 11 h 30" in t, fmt
        assert "jeu de la bombe" not in t.lower(), fmt
        # participants' words: anonymous, described, or named with consent
        assert "Je ne savais pas qu’on pouvait venir sans carte." in t, fmt
        assert "un habitant rencontré au marché" in t, fmt
        assert "On a enfin parlé des gens qui ne viennent pas." in t, fmt
        assert "Claire Le Goff (porteuse du cas)" in t, fmt
        # the captions and their credits
        assert "Le groupe dans le hall de la médiathèque" in t, fmt
        assert "Un parcours d’usager, de la porte au prêt" in t, fmt
        assert "Les scénarios affichés avant le vote" in t, fmt
        assert "Photo : Malik Benali" in t, fmt
        # the debrief, the decisions, what comes next and when
        assert "Trop de contenus le premier jour : alléger." in t, fmt
        assert "Tester deux scénarios à l’accueil pendant un mois." in t, fmt
        assert "Prochaine session : mardi 15 et mercredi 16 avril 2025" in t, fmt
        assert "14 participants" in t, fmt
        # what stays with the team: the table, the team's notes
        assert "Prévu et réalisé" not in t and "raccourci" not in t, fmt
        assert "Claire apporte les chiffres de fréquentation" not in t, fmt
    # the planned-versus-run table, for the team
    for name in ("transfo-nantes-3-prevu-realise-fr.md", "transfo-nantes-3-prevu-realise-fr.pdf"):
        t = flat(text(out / name) if name.endswith(".pdf") else (out / name).read_text("utf-8"))
        assert "Prévu et réalisé — Accueillir à la médiathèque" in t
        assert "raccourci de 30 min" in t
        assert "La visite du directeur a pris plus de temps que prévu." in t
        assert "supprimé" in t and "Le jeu de la bombe" in t
        assert "Le terrain s’est terminé tard." in t
        assert "16 participants prévus, 14 présents" in t
        assert "1 raccourci (30 min en tout)" in t and "1 supprimé" in t
    assert check_fonts_embedded(pdf) == {
        "SourceSans3-Regular",
        "SourceSans3-Bold",
        "SourceSans3-Italic",
    }
    meta = metadata(pdf)
    assert meta["/Title"] == "Accueillir à la médiathèque" and meta["/Lang"] == "fr-FR"
    assert meta["/Author"] == "L’équipe de la Transfo Nantes"  # typeset like the printed text


def test_article_in_english_from_the_same_files(tmp_path, run):
    session = setup(tmp_path)
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "wrote 3 photos in" in r.output
    t = flat(text(out / "transfo-nantes-3-report-en.pdf"))
    assert "Welcoming people at the library" in t
    assert "Day 1 — Tuesday 11 March 2025: Understanding the welcome" in t
    assert "Tuesday 11 and Wednesday 12 March 2025" in t
    assert "Why: Follow a user’s journey from the door to the loan" in t
    assert "What came of it" in t and "Four user journeys on the wall" in t
    assert "“The hall is scary, it looks like a bank.”" in t
    assert "— a resident met at the market" in t
    assert "A user journey, from the door to the loan (Photo: Transfo Nantes)" in t
    assert "Next session: Tuesday 15 and Wednesday 16 April 2025 — Testing at full scale" in t
    html = flat((out / "transfo-nantes-3-report-en.html").read_text("utf-8"))
    assert "The scenarios on the wall before the vote" in html and "bomb game" not in html
    table = flat((out / "transfo-nantes-3-planned-vs-run-en.md").read_text("utf-8"))
    assert (
        "| 10:30–12:00 (1 h 30 min) | 10:30–11:30 (1 h) | User journey | **shortened by 30 min** "
        "| The director’s visit took longer than planned. |"
    ) in table
    assert (
        "| 15:45–16:00 (15 min) | — | ~~The bomb game~~ | **dropped** | The fieldwork ended"
        in table
    )
    assert "16 participants planned, 14 there" in table
    assert "14 blocks ran as planned · 1 shortened (30 min in all) · 1 dropped" in table
    assert (out / "transfo-nantes-3-planned-vs-run-en.pdf").is_file()


def test_a_photo_not_cleared_is_refused_with_its_line_and_nothing_is_written(tmp_path, run):
    session = setup(
        tmp_path,
        {
            "        credit: Transfo Nantes\n        cleared: true": (
                "        credit: Transfo Nantes\n        cleared: false"
            )
        },
    )
    retour = session.with_name(RETOUR)
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out, "--lang", "en")
    assert r.exit_code == 1
    line = line_of(retour, "file: photos/scenarios.jpg")
    assert f"{retour}:{line}:" in r.output
    assert "photo 'photos/scenarios.jpg' is not marked as cleared" in r.output
    assert "cleared: true" in r.output  # the hint says how to clear it
    assert not out.exists()
    # check says it too, as a warning: the retour is a work in progress
    r = run("check", session, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert f"{retour}:{line}:" in r.output and "warning: blocks[4].photos[0]" in r.output
    assert run("check", session, "--strict").exit_code == 1
    # in French, for the French facilitator
    r = run("compte-rendu", session, "-o", out, "--lang", "fr")
    assert "la photo « photos/scenarios.jpg » n'est pas marquée comme autorisée" in r.output
    assert not out.exists()


def test_a_photo_without_its_mark_is_not_cleared_either(tmp_path, run):
    session = setup(tmp_path, {"    credit: Malik Benali\n    cleared: true": "    credit: M. B."})
    r = run("compte-rendu", session, "-o", tmp_path / "cr", "--lang", "en")
    assert r.exit_code == 1
    assert "photo 'photos/groupe.png' is not marked as cleared" in r.output


def test_named_quotes_need_a_mark_of_consent(tmp_path, run):
    session = setup(
        tmp_path, {"        name: claire\n        consent: true": "        name: claire"}
    )
    retour = session.with_name(RETOUR)
    r = run("compte-rendu", session, "-o", tmp_path / "cr", "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'name: claire')}:" in r.output
    assert "the quote is signed 'claire' without a mark of consent" in r.output
    # a name slipped into the anonymous description is a name too
    session2 = setup(
        tmp_path / "b",
        {
            "who: {fr: un habitant rencontré au marché, en: a resident met at the market}": (
                "who: Claire Le Goff"
            )
        },
    )
    r = run("compte-rendu", session2, "-o", tmp_path / "cr2", "--lang", "fr")
    assert r.exit_code == 1
    assert "« who » nomme Claire Le Goff, une personne de la session" in r.output
    assert not (tmp_path / "cr2").exists()


def test_same_inputs_give_the_same_bytes_photos_included(tmp_path, run):
    session = setup(tmp_path)
    for out in ("a", "b"):
        assert run("compte-rendu", session, "-o", tmp_path / out).exit_code == 0

    def digests(folder: Path) -> dict[str, str]:
        return {
            str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    a, b = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert a == b
    assert sorted(a) == [
        "images/01-groupe.jpg",
        "images/02-parcours.jpg",
        "images/03-scenarios.jpg",
        "transfo-nantes-3-compte-rendu-fr.html",
        "transfo-nantes-3-compte-rendu-fr.md",
        "transfo-nantes-3-compte-rendu-fr.pdf",
        "transfo-nantes-3-prevu-realise-fr.md",
        "transfo-nantes-3-prevu-realise-fr.pdf",
    ]


def test_photos_are_resized_turned_upright_and_stripped_of_their_metadata(tmp_path, run):
    from PIL import Image

    session = setup(tmp_path)
    out = tmp_path / "cr"
    assert run("compte-rendu", session, "-o", out).exit_code == 0
    with Image.open(out / "images" / "02-parcours.jpg") as im:
        assert im.format == "JPEG"
        assert im.size == (1067, 1600)  # 2400 × 1600 turned upright, 1600 on its long side
        assert not im.getexif() and "exif" not in im.info  # no GPS position left
    with Image.open(out / "images" / "01-groupe.jpg") as im:
        assert im.size == (900, 600) and im.mode == "RGB"  # small enough: not enlarged
    # the HTML gives each photo its size, its text alternative, its caption
    tags = page(out / "transfo-nantes-3-compte-rendu-fr.html").tags
    imgs = [a for t, a in tags if t == "img"]
    assert [(i["src"], i["width"], i["height"]) for i in imgs] == [
        ("images/01-groupe.jpg", "900", "600"),
        ("images/02-parcours.jpg", "1067", "1600"),
        ("images/03-scenarios.jpg", "800", "1200"),
    ]
    assert all(i["alt"] for i in imgs)
    names = [t for t, _a in tags]
    assert names.count("figure") == 3 and names.count("figcaption") == 3
    assert names.count("blockquote") == 3 and "article" in names and "header" in names
    assert names.count("h1") == 1
    ids = [a["id"] for t, a in tags if a.get("id")]
    assert len(ids) == len(set(ids))  # anchors are unique (two debriefs)


def test_the_session_language_decides_unless_lang_is_given(tmp_path, run):
    session = setup(tmp_path)
    session.write_text(
        session.read_text("utf-8").replace("language: fr", "language: en"), encoding="utf-8"
    )
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out)
    assert r.exit_code == 0, r.output
    assert (out / "transfo-nantes-3-report-en.html").is_file()
    assert "wrote " in r.output
    r = run("compte-rendu", session, "-o", tmp_path / "fr", "--lang", "fr")
    assert (tmp_path / "fr" / "transfo-nantes-3-compte-rendu-fr.html").is_file()


def test_pdf_only_leaves_no_photo_folder_and_md_html_need_no_glyph_check(tmp_path, run):
    session = setup(
        tmp_path, {"Je ne savais pas qu'on pouvait venir sans carte.": "Génial 🎉 sans carte."}
    )
    retour = session.with_name(RETOUR)
    r = run("compte-rendu", session, "-o", tmp_path / "pdf", "--format", "pdf", "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'Génial')}:" in r.output
    assert "the font has no glyph for '🎉'" in r.output and "--format md,html" in r.output
    r = run("compte-rendu", session, "-o", tmp_path / "web", "--format", "md,html")
    assert r.exit_code == 0, r.output
    assert "Génial 🎉" in (tmp_path / "web" / "transfo-nantes-3-compte-rendu-fr.html").read_text(
        "utf-8"
    )
    session2 = setup(tmp_path / "b")
    r = run("compte-rendu", session2, "-o", tmp_path / "p2", "--format", "pdf")
    assert r.exit_code == 0, r.output
    assert not (tmp_path / "p2" / "images").exists()
    assert sorted(p.name for p in (tmp_path / "p2").iterdir()) == [
        "transfo-nantes-3-compte-rendu-fr.pdf",
        "transfo-nantes-3-prevu-realise-fr.md",
        "transfo-nantes-3-prevu-realise-fr.pdf",
    ]


# --- the retour checked against its session ---------------------------------------------------
def test_check_names_unknown_blocks_with_their_line(tmp_path, run):
    session = setup(
        tmp_path,
        {
            "  - block: scenarios\n": "  - block: scenario\n",
            '  - block: "1/4"\n': '  - block: "1/12"\n',
        },
    )
    retour = session.with_name(RETOUR)
    r = run("check", session, "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'block: scenario')}:" in r.output
    assert "no block with the id 'scenario' in the session" in r.output
    assert "did you mean 'scenarios'?" in r.output
    where = line_of(retour, 'block: "1/12"')
    assert f"{retour}:{where}:" in r.output
    assert "day 1 has 9 blocks, no block 12" in r.output
    r = run("check", session, "--lang", "fr")
    assert "le jour 1 compte 9 blocs, pas de bloc 12" in r.output
    assert "aucun bloc d'identifiant « scenario » dans la session" in r.output


def test_a_retour_written_for_another_plan_is_caught(tmp_path, run):
    """The session gained a block at the start of day 1: "1/4" is now another block."""
    session = setup(tmp_path)
    body = session.read_text("utf-8").replace(
        "      - id: meteo\n",
        "      - free: Mot d'accueil de la directrice\n        duration: 10 min\n"
        "      - id: meteo\n",
    )
    session.write_text(body, encoding="utf-8")
    retour = session.with_name(RETOUR)
    r = run("check", session, "--lang", "en")
    assert r.exit_code == 1
    where = line_of(retour, 'block: "1/4"')
    assert f"{retour}:{where}:" in r.output
    assert "block 1/4 of the session is a free block, not 'parcours-utilisateur'" in r.output
    assert "has the session changed since the retour was written?" in r.output


def test_check_finds_missing_and_outside_photos(tmp_path, run):
    session = setup(
        tmp_path,
        {
            "file: photos/groupe.png": "file: photos/groupe-manquante.png",
            "file: photos/parcours.jpg": "file: ../dehors.jpg",
            "file: photos/scenarios.jpg": "file: photos/lien.jpg",
        },
    )
    folder = session.parent
    shutil.copy(folder / "photos" / "scenarios.jpg", tmp_path / "dehors.jpg")
    os.symlink(tmp_path / "dehors.jpg", folder / "photos" / "lien.jpg")
    retour = session.with_name(RETOUR)
    r = run("check", session, "--lang", "en")
    assert r.exit_code == 1
    out = r.output
    assert f"{retour}:{line_of(retour, 'groupe-manquante')}:" in out
    assert "photo 'photos/groupe-manquante.png' not found" in out
    assert f"{retour}:{line_of(retour, 'dehors.jpg')}:" in out
    assert "photo '../dehors.jpg' must be a path inside the session's folder" in out
    assert f"{retour}:{line_of(retour, 'photos/lien.jpg')}:" in out
    assert "photo 'photos/lien.jpg' leads outside the session's folder" in out
    r = run("check", session, "--lang", "fr")
    assert "photo « photos/groupe-manquante.png » introuvable" in r.output


def test_bad_photo_files_are_said_at_their_line_without_hanging(tmp_path, run):
    session = setup(
        tmp_path,
        {
            "file: photos/groupe.png": "file: photos/texte.jpg",
            "file: photos/parcours.jpg": "file: photos/tube.jpg",
            "file: photos/scenarios.jpg": "file: photos/bombe.png",
        },
    )
    photos_dir = session.parent / "photos"
    (photos_dir / "texte.jpg").write_text("ceci n'est pas une photo", encoding="utf-8")
    os.mkfifo(photos_dir / "tube.jpg")  # opening it would wait forever
    (photos_dir / "bombe.png").write_bytes(bomb_png(100_000, 100_000))
    retour = session.with_name(RETOUR)
    r = run("check", session, "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'texte.jpg')}:" in r.output
    assert "photo 'photos/texte.jpg' cannot be read as an image" in r.output
    assert f"{retour}:{line_of(retour, 'tube.jpg')}:" in r.output
    assert "photo 'photos/tube.jpg' is not a regular file" in r.output
    assert f"{retour}:{line_of(retour, 'bombe.png')}:" in r.output
    assert "photo 'photos/bombe.png' has more than the 120 million pixels" in r.output


def bomb_png(width: int, height: int) -> bytes:
    """A small PNG file whose header announces width × height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def test_a_huge_photo_is_refused_before_it_is_decoded(tmp_path, run, monkeypatch):
    """The bound is read from the header: a photo over it is never decoded (the bound is
    lowered here so that the test photo, 3.8 megapixels, is over it)."""
    import facilitation.load.retour as retour_module

    monkeypatch.setattr(retour_module, "MAX_PHOTO_PIXELS", 2_000_000)
    session = setup(tmp_path)
    retour = session.with_name(RETOUR)
    r = run("compte-rendu", session, "-o", tmp_path / "cr", "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'photos/parcours.jpg')}:" in r.output
    assert "photo 'photos/parcours.jpg' is 2400 × 1600 pixels" in r.output
    assert not (tmp_path / "cr").exists()


def test_a_photo_cut_short_passes_check_but_is_refused_when_decoded(tmp_path, run):
    session = setup(tmp_path)
    jpg = session.parent / "photos" / "scenarios.jpg"
    data = jpg.read_bytes()
    jpg.write_bytes(data[: len(data) // 3])  # the header is whole, the picture is not
    retour = session.with_name(RETOUR)
    assert run("check", session).exit_code == 0
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out, "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'photos/scenarios.jpg')}:" in r.output
    assert "cannot be decoded: the file is damaged or cut short" in r.output
    assert not out.exists()  # nothing half-written, not even the photos already resized


def test_format_mistakes_in_the_retour_have_their_line(tmp_path, run):
    session = setup(
        tmp_path,
        {
            "    ran: {duration: 1h}\n": (
                "    ran: {duration: 1h, end: '11:30'}\n    droped: true\n"
            ),
            "  - block: cas\n": "  - block: 1.2\n",
        },
    )
    retour = session.with_name(RETOUR)
    r = run("check", session, "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'droped')}:" in r.output
    assert "unknown key 'droped'" in r.output and "did you mean 'dropped'?" in r.output
    assert "give the end or the duration, not both" in r.output
    assert f"{retour}:{line_of(retour, 'block: 1.2')}:" in r.output
    assert 'write a block\'s place in quotes, with a slash: "day/block", like "1/3"' in r.output


# --- as run: shortened, moved, dropped, added ------------------------------------------------
def test_planned_versus_run_moves_adds_and_lengthens(tmp_path, library):
    from facilitation.load.retour import load_retour
    from facilitation.load.sessions import load_session
    from facilitation.plan.as_run import as_run
    from facilitation.plan.schedule import schedule
    from facilitation.view.compte_rendu import article_view, run_table_view

    session = setup(
        tmp_path,
        {
            "  - block: scenarios\n": (
                "  - block: suites\n    ran: {day: 1, start: '16:15', duration: 30 min}\n"
                "    why: On a pris de l'avance.\n"
                "  - title: {fr: Retour des binômes, en: Pairs report back}\n"
                "    ran: {day: 2, start: '11:15', duration: 20 min}\n"
                "    story: Chaque binôme a raconté sa rencontre la plus marquante.\n"
                "  - block: debrief\n    ran: {end: '16:30'}\n"
                "  - block: scenarios\n"
            )
        },
    )
    loaded = load_session(session, library)
    plan = schedule(loaded)
    rp = as_run(plan, load_retour(session.with_name(RETOUR), loaded))
    by_title = {(b.slot.title("fr") if b.slot else "added"): b for b in rp.all_blocks()}
    assert by_title["Prochaines étapes"].changes() == ["day", "shortened"]
    assert by_title["Prochaines étapes"].day == 0
    assert by_title["Parcours utilisateur"].changes() == ["shortened"]
    assert by_title["added"].changes() == ["added"]
    set_language("fr")
    table = run_table_view(rp, "fr")
    rows = {r["title"]: r for d in table["days"] for r in d["rows"]}
    assert flat(rows["Prochaines étapes"]["change"]) == (
        "déplacé au jour 1, 16 h 15, raccourci de 15 min"
    )
    assert rows["Retour des binômes"]["change"] == "ajouté"
    assert flat(rows["Retour des binômes"]["run"]) == "11 h 15 – 11 h 35"
    day2 = [r["title"] for r in table["days"][1]["rows"]]
    assert day2.index("Retour des binômes") == day2.index("Pause") + 1
    assert flat(rows["Débrief"]["change"]) == "allongé de 30 min"
    assert "1 ajouté" in table["summary"] and "1 déplacé" in table["summary"]
    view = article_view(rp, "fr")
    day1 = [b["title"] for b in view["days"][0]["blocks"]]
    assert day1[-1] == "Prochaines étapes"  # where it ran, at the end of day 1
    day2 = [b["title"] for b in view["days"][1]["blocks"]]
    assert "Retour des binômes" in day2 and "Prochaines étapes" not in day2


def test_a_block_ending_before_it_starts_is_refused(tmp_path, run):
    session = setup(tmp_path, {"    ran: {duration: 1h}\n": "    ran: {end: '10:00'}\n"})
    retour = session.with_name(RETOUR)
    r = run("check", session, "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'ran: {end')}:" in r.output
    assert "as run, this block ends at 10:00, before it starts at 10:30" in r.output


# --- the skeletons ------------------------------------------------------------------------------
def test_without_a_retour_the_compte_rendu_is_a_skeleton_to_write_from(tmp_path, run):
    session = setup(tmp_path, retour=False)
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out)
    assert r.exit_code == 0, r.output
    assert "pas de retour à côté de la session" in r.output
    assert [p.name for p in out.iterdir()] == ["transfo-nantes-3-compte-rendu-a-completer-fr.md"]
    md = flat((out / "transfo-nantes-3-compte-rendu-a-completer-fr.md").read_text("utf-8"))
    assert "# Accueillir à la médiathèque" in md
    assert "mardi 11 et mercredi 12 mars 2025 · Médiathèque Luce-Courville" in md
    assert "## Jour 1 — mardi 11 mars 2025 : Comprendre l’accueil" in md
    assert "### Le jeu de la bombe" in md  # as planned: there is no retour yet
    assert "**Pourquoi** : Suivre le parcours d’un usager de la porte au prêt" in md
    # what the method gives, as a prompt
    assert "> ✎ Ce que le groupe obtient d’habitude :" in md
    assert "> ✎ Ce qui a été fait, et comment cela s’est passé." in md
    # the team's notes and leads, as prompts; the people and their roles
    assert "Objectifs pédagogiques : enquêter auprès d’usagers" in md
    assert "> ✎ Animé par : Claire Le Goff (porteuse du cas)" in md
    assert "- Claire Le Goff (porteuse du cas)" in md and "- Malik Benali (résident)" in md
    assert "- Tester deux scénarios à l’accueil pendant un mois." in md  # what was next
    assert "16 participants" in md
    # in English too
    r = run("compte-rendu", session, "-o", tmp_path / "en", "--lang", "en")
    md = flat((tmp_path / "en" / "transfo-nantes-3-report-draft-en.md").read_text("utf-8"))
    assert "## Day 2 — Wednesday 12 March 2025: From observations to scenarios" in md
    assert "> ✎ What the group gets:" in md and "### Weather check-in" in md


def test_new_retour_lists_every_block_and_checks_clean(tmp_path, run):
    session = setup(tmp_path, retour=False)
    r = run("new", "retour", session)
    assert r.exit_code == 0, r.output
    retour = session.with_name(RETOUR)
    body = retour.read_text("utf-8")
    assert "# Retour de la session « Accueillir à la médiathèque »" in body
    assert '- block: "meteo"' in body and '- block: "2/2"' in body  # ids, else places
    assert '- {block: "1/1", logistics: accueil}' in body
    assert "    exercise: parcours-utilisateur" in body
    assert "# Ce que le groupe obtient d'habitude :" in body
    assert '  - "Tester deux scénarios à l\'accueil pendant un mois."' in body
    assert "participants: 16" in body
    assert all(len(line) <= 100 for line in body.splitlines() if line.lstrip().startswith("#  "))
    r = run("check", session)
    assert r.exit_code == 0, r.output
    assert "retour " in r.output and ": 16 blocs, 0 photo" in r.output
    # it never writes over a retour
    r = run("new", "retour", session)
    assert r.exit_code == 1 and "un retour existe déjà" in r.output
    assert retour.read_text("utf-8") == body
    # and the article builds from it as it is, every block there, nothing invented
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out)
    assert r.exit_code == 0, r.output
    t = flat(text(out / "transfo-nantes-3-compte-rendu-fr.pdf"))
    assert "Le jeu de la bombe" in t and "Ce qu’il en est sorti" not in t
    assert "Rédaction : Transfo Nantes" in t
    assert not (out / "images").exists()
    # a photo added without a credit, while the retour's credit is still empty: no credit line
    retour.write_text(
        body.replace(
            "photos: []   #",
            "photos: [{file: photos/groupe.png, caption: Le groupe, cleared: true}]   #",
        ),
        encoding="utf-8",
    )
    r = run("compte-rendu", session, "-o", tmp_path / "cr2", "--format", "md")
    assert r.exit_code == 0, r.output
    md = (tmp_path / "cr2" / "transfo-nantes-3-compte-rendu-fr.md").read_text("utf-8")
    assert "![Le groupe](images/01-groupe.jpg)  \n*Le groupe*\n" in md and "Photo" not in md


def test_content_on_a_facilitators_block_stays_out_with_a_warning(tmp_path, run):
    session = setup(tmp_path)
    body = session.read_text("utf-8").replace(
        "      - id: suites\n",
        "      - id: point\n        free: Point de l'équipe\n        duration: 15 min\n"
        "        audience: facilitators\n      - id: suites\n",
    )
    session.write_text(body, encoding="utf-8")
    retour = session.with_name(RETOUR)
    retour.write_text(
        retour.read_text("utf-8").replace(
            "debrief:\n", "  - block: point\n    story: On a revu le planning de mai.\ndebrief:\n"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "cr"
    r = run("compte-rendu", session, "-o", out, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert f"{retour}:{line_of(retour, 'block: point')}:" in r.output
    assert "block 2/6 is for the facilitators only" in r.output
    html = (out / "transfo-nantes-3-report-en.html").read_text("utf-8")
    assert "planning de mai" not in html and "Point de l" not in html
    assert "Point de l’équipe" in flat((out / "transfo-nantes-3-planned-vs-run-en.md").read_text())


def test_validate_checks_a_retour_against_its_session(tmp_path, run):
    session = setup(tmp_path, {"  - block: cas\n": "  - block: cass\n"})
    retour = session.with_name(RETOUR)
    r = run("validate", retour, "--lang", "en")
    assert r.exit_code == 1
    assert f"{retour}:{line_of(retour, 'block: cass')}:" in r.output
    assert "did you mean 'cas'?" in r.output
    retour.write_text(retour.read_text("utf-8").replace("block: cass", "block: cas"), "utf-8")
    r = run("validate", session, retour)
    assert r.exit_code == 0, r.output
    assert "1 session, 1 retour, aucun problème" in r.output
    alone = tmp_path / "seul.retour.yaml"
    shutil.copy(retour, alone)
    r = run("validate", alone, "--lang", "fr")
    assert r.exit_code == 1 and "pas de session à côté de ce retour" in r.output


def test_user_text_stays_text_and_templates_of_ones_own_replace_ours(tmp_path, run):
    session = setup(
        tmp_path,
        {
            "Claire a raconté une journée à l'accueil, chiffres à l'appui.": (
                "<script>alert(1)</script> *gras* & [lien](x)"
            )
        },
    )
    out = tmp_path / "cr"
    assert run("compte-rendu", session, "-o", out, "--format", "md,html").exit_code == 0
    html = (out / "transfo-nantes-3-compte-rendu-fr.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *gras* &amp; [lien](x)" in html
    assert "<script>" not in html
    md = (out / "transfo-nantes-3-compte-rendu-fr.md").read_text("utf-8")
    assert r"\<script\>alert(1)\</script\> \*gras\* & \[lien\](x)" in md
    own = tmp_path / "gabarits"
    own.mkdir()
    (own / "compte-rendu.md.j2").write_text(
        "{{ title }} — {{ days | length }} jours\n"
        "{% for d in days %}{% for b in d.blocks %}* {{ b.title }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    out2 = tmp_path / "cr2"
    r = run("compte-rendu", session, "-o", out2, "--format", "md", "--templates", own)
    assert r.exit_code == 0, r.output
    md = (out2 / "transfo-nantes-3-compte-rendu-fr.md").read_text("utf-8")
    assert md.startswith("Accueillir à la médiathèque — 2 jours\n* Météo intérieure\n")
    (own / "compte-rendu.md.j2").write_text("{{ title.__class__ }}", encoding="utf-8")
    r = run("compte-rendu", session, "-o", tmp_path / "cr3", "--format", "md", "--templates", own)
    assert r.exit_code == 1 and "compte-rendu.md.j2" in r.output


def test_parallel_tracks_move_with_their_blocks(tmp_path, library):
    """Metz, session 1: the desk research and the field work (day 1, block 9) start late;
    on day 2 the field group's block is dropped and only the desk research runs."""
    from facilitation.load.retour import load_retour
    from facilitation.load.sessions import load_session
    from facilitation.plan.as_run import as_run
    from facilitation.plan.schedule import schedule

    folder = tmp_path / "metz"
    folder.mkdir()
    session = folder / "metz-1.yaml"
    shutil.copy(DATA.parent.parent / "examples" / "metz-1-planter-le-decor.yaml", session)
    (folder / "metz-1.retour.yaml").write_text(
        'blocks:\n  - block: "1/9"\n    ran: {start: "15:15"}\n'
        + '  - {block: "2/2/2", dropped: true, why: Pluie battante.}\n',
        encoding="utf-8",
    )
    loaded = load_session(session, library)
    rp = as_run(schedule(loaded), load_retour(folder / "metz-1.retour.yaml", loaded))
    tracks = next(b for b in rp.blocks if b.slot and b.slot.path == ("days", 0, "blocks", 8))
    assert (tracks.start, tracks.end) == (15 * 60 + 15, 17 * 60)
    assert [(c.start, c.end) for c in tracks.children] == [(915, 1020), (915, 1020)]
    assert tracks.changes() == ["moved"]
    day2 = next(b for b in rp.blocks if b.slot and b.slot.path == ("days", 1, "blocks", 1))
    assert [c.dropped for c in day2.children] == [False, True]
    assert not day2.dropped and day2.changes() == []
