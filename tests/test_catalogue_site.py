"""The catalogue: a website of the methods a facilitator has, built-in and their own, that
opens from the disk. Checked as files (links, previews, determinism), then in a real headless
browser (Debian's chromium, driven by playwright): filters and search, no console errors,
keyboard, phone width, print, and a user library's method with its overrides."""

from __future__ import annotations

import html.parser
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from facilitation.jobs.catalogue import build_catalogue
from facilitation.jobs.output import Outputs
from facilitation.load.library import Library
from facilitation.plan.suggest import shortest_for
from facilitation.text.messages import set_language

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

EXPRESS = """\
# The closing round as the Lorient team runs it: shorter, with its own name.
extends: tour-de-cloture
title: {fr: Tour de clôture express, en: Quick closing round}
duration: {typical: 15 min, min: 10 min, max: 20 min}
group_size: {min: 4, max: 18}
"""

CRIEE = """\
title: {fr: Criée de quartier, en: Neighbourhood crier}
tagline:
  fr: Lire à voix haute les doléances des habitants, comme un crieur public.
  en: Read residents' grievances aloud, like a town crier.
purpose:
  fr: Clore une journée de porte-à-porte en faisant entendre ce que les habitants ont dit.
  en: Close a day of door-to-door visits by letting everyone hear what residents said.
arc: close
family: restitution
tags: [usagers, restitution, cloture]
duration: {typical: 20 min, min: 15 min, max: 30 min}
group_size: {min: 6, max: 40}
configuration: plenary
strings:
  before: [debrief]
  after: [tour-de-cloture]
materials:
  - item: markers
    quantity: 1
    per: participant
steps:
  - title: {fr: Choisir, en: Choose}
    minutes: 5
    instructions: {fr: Chacun choisit une phrase entendue., en: Each person picks a sentence heard.}
  - title: {fr: Crier, en: Cry out}
    minutes: 15
    instructions: {fr: "On la lit debout, fort.", en: "Read it standing, loudly."}
supports:
  - id: doleances
    kind: cards
    layout: statement
    source: phrases
    title: {fr: Doléances, en: Grievances}
parameters:
  phrases:
    type: list
    label: {fr: Phrases, en: Sentences}
    default:
      fr: ["Le bus ne passe plus après 20 h.", "On ne sait jamais à qui s'adresser."]
      en: ["The bus stops running after 8 pm.", "We never know whom to ask."]
"""


@pytest.fixture(autouse=True)
def _french_back():
    yield
    set_language("fr")


@pytest.fixture(scope="session")
def preview_cache(request, tmp_path_factory) -> Path:
    """Previews kept across test runs (pytest's cache folder): the first run prints them.
    What this run did not use (an older state of the code) is removed at the end."""
    import time

    try:
        store = Path(request.config.cache.mkdir("facilitation-previews"))
    except Exception:  # no cache folder (read-only checkout): a fresh one
        store = tmp_path_factory.mktemp("previews")
    started = time.time() - 1
    yield store
    for index in store.glob("*.json"):
        if index.stat().st_mtime < started:
            for png in store.glob(f"{index.stem}-*.png"):
                png.unlink()
            index.unlink()


@pytest.fixture(scope="session")
def builtin_site(tmp_path_factory, preview_cache):
    out = tmp_path_factory.mktemp("site") / "catalogue"
    library = Library()
    with Outputs(out) as o:
        report = build_catalogue(library, o, "fr", cache=preview_cache)
    set_language("fr")
    return out, report, library


@pytest.fixture(scope="session")
def user_library(tmp_path_factory) -> Path:
    lib = tmp_path_factory.mktemp("lib") / "exercices-lorient"
    lib.mkdir()
    (lib / "tour-de-cloture.yaml").write_text(EXPRESS, encoding="utf-8")
    (lib / "criee-de-quartier.yaml").write_text(CRIEE, encoding="utf-8")
    return lib


@pytest.fixture(scope="session")
def user_site(tmp_path_factory, preview_cache, user_library):
    out = tmp_path_factory.mktemp("usersite") / "catalogue"
    library = Library([user_library])
    with Outputs(out) as o:
        build_catalogue(library, o, "en", cache=preview_cache)
    set_language("fr")
    return out


# -- as files ------------------------------------------------------------------------------------
class Parsed(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Parsed:
    p = Parsed()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_the_site_has_both_languages_every_method_and_working_links(builtin_site):
    out, report, library = builtin_site
    ids = library.ids()
    assert report.methods == len(ids) >= 59
    assert report.pages == 2 * len(ids) + 3
    root = (out / "index.html").read_text(encoding="utf-8")
    assert "url=fr/index.html" in root and 'href="en/index.html"' in root
    for lang in ("fr", "en"):
        for ex_id in ids:
            page = out / lang / f"{ex_id}.html"
            parsed = parse(page)
            assert ("html", {"lang": lang}) in parsed.tags
            assert [t for t, _ in parsed.tags].count("h1") == 1
            for tag, attrs in parsed.tags:
                ref = attrs.get("href") or (attrs.get("src") if tag in ("img", "script") else None)
                if not ref or ref.startswith("#"):
                    continue
                target = (page.parent / ref.split("#")[0]).resolve()
                assert target.is_file(), f"{page.name}: {ref}"
                if tag == "img":
                    png = target.read_bytes()
                    assert png[:8] == b"\x89PNG\r\n\x1a\n"
                    from PIL import Image

                    with Image.open(io.BytesIO(png)) as im:
                        assert im.size == (int(attrs["width"]), int(attrs["height"]))
                        assert max(im.size) == 640
                    assert attrs["alt"]


def test_a_method_page_holds_the_whole_sheet(builtin_site):
    out, _, library = builtin_site
    page = (out / "fr" / "tour-de-cloture.html").read_text(encoding="utf-8")
    for heading in (
        "Objectif", "Invitation", "Ce que cela permet", "Ce que le groupe obtient",
        "Espace", "Équipe d’animation", "Préparation", "Matériel", "Déroulé", "Conseils",
        "Pièges", "Points de vigilance", "Variantes", "Ce qu’elle imprime", "Paramètres",
        "Avant et après",
    ):  # fmt: skip
        assert f">{heading}</h2>" in page, heading
    assert "Feutres" in page  # materials, from the catalogue of materials
    # the step run by each person in turn says its minutes for a group of twenty
    assert "20 personnes, 20 minutes en tout" in page
    assert "Vient souvent après" in page and 'href="debrief.html"' in page
    assert "Souvent suivie de" in page and 'href="rangement.html"' in page
    # what it prints: its two sets of cards and the canvas, previewed
    imgs = re.findall(r'<img src="\.\./(previews/fr/[^"]+\.png)"', page)
    assert len(imgs) == 3
    assert "cartes des participants" in page and "canevas mural" in page
    assert "fiche animateur (A6)" in page
    english = (out / "en" / "tour-de-cloture.html").read_text(encoding="utf-8")
    assert "<h1>Closing round</h1>" in english and "Usually comes after" in english


def test_the_index_data_is_json_with_every_method(builtin_site):
    out, _, library = builtin_site
    page = (out / "en" / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="catalogue-data">(.*?)</script>', page,
                    re.S)  # fmt: skip
    data = json.loads(raw.group(1))
    assert {m["id"] for m in data["methods"]} == set(library.ids())
    by_id = {m["id"]: m for m in data["methods"]}
    # the shortest run for each head count, where a step is run by each person in turn
    assert by_id["tour-de-cloture"]["short"][15] == shortest_for(library.get("tour-de-cloture"), 16)
    assert by_id["debat-mouvant"]["short"] == 20


def test_the_same_library_gives_the_same_files_from_the_cache_or_not(tmp_path, user_library):
    solo = tmp_path / "solo"
    solo.mkdir()
    shutil.copy(user_library / "criee-de-quartier.yaml", solo)
    (solo / "criee-de-quartier.yaml").write_text(
        CRIEE.replace("strings:\n  before: [debrief]\n  after: [tour-de-cloture]\n", ""),
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    reports = []
    for name in ("one", "two"):
        library = Library([solo], builtin=False)
        with Outputs(tmp_path / name) as o:
            reports.append(build_catalogue(library, o, "fr", cache=cache))
    assert reports[0].cached == 0 and reports[1].cached == 2
    assert reports[0].previews == reports[1].previews == 2  # its cards, in two languages
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*"))
    two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*"))
    assert one == two
    for rel in one:
        a, b = tmp_path / "one" / rel, tmp_path / "two" / rel
        if a.is_file():
            assert a.read_bytes() == b.read_bytes(), rel


def test_the_command_without_previews(tmp_path, run, user_library):
    result = run("catalogue", "-o", tmp_path / "site", "--no-previews", "--library", user_library)
    assert result.exit_code == 0, result.output
    assert "pages et 0 aperçu pour 60 méthodes" in result.output
    page = (tmp_path / "site" / "fr" / "criee-de-quartier.html").read_text(encoding="utf-8")
    assert "votre bibliothèque" in page and "exercices-lorient" in page
    assert not (tmp_path / "site" / "previews").exists()


def test_a_new_catalogue_into_the_same_folder_drops_the_pages_of_methods_gone(
    tmp_path, run, user_library
):
    """The Lorient pack was lent for one catalogue: built again without it, the folder holds
    no page of its criée any more, while a file the user put there stays."""
    site = tmp_path / "site"
    first = run("catalogue", "-o", site, "--no-previews", "--library", user_library)
    assert first.exit_code == 0, first.output
    assert (site / "fr" / "criee-de-quartier.html").exists()
    (site / "notes-de-l-equipe.txt").write_text("à garder", encoding="utf-8")
    again = run("catalogue", "-o", site, "--no-previews")
    assert again.exit_code == 0, again.output
    assert not list(site.rglob("criee-de-quartier*"))
    assert (site / "notes-de-l-equipe.txt").read_text(encoding="utf-8") == "à garder"
    assert (site / "fr" / "tour-de-cloture.html").exists()  # the built-in one, back again
    manifest = json.loads((site / "catalogue-manifest.json").read_text(encoding="utf-8"))
    assert "fr/criee-de-quartier.html" not in manifest["files"]


# -- in a browser --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no browser at {CHROMIUM} (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # pragma: no cover - depends on the machine
            pytest.skip(f"chromium cannot start here: {exc}")
        yield b
        b.close()


class Opened:
    def __init__(self, browser, url: str, width: int = 1280, height: int = 900) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else 0
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)

    def visible(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#methods > li", "els => els.filter(e => !e.hidden).map(e => e.dataset.id)"
        )

    def count(self) -> str:
        return self.page.text_content("#count")


def url(out: Path, rel: str) -> str:
    return (out / rel).resolve().as_uri()


def test_the_index_opens_and_filters_on_closing_and_thirty_minutes(builtin_site, browser):
    out, _, library = builtin_site
    o = Opened(browser, url(out, "index.html"))
    o.page.wait_for_url("**/fr/index.html")  # sent on to the French index
    n = len(library.ids())
    assert len(o.visible()) == n and o.count() == f"{n} méthodes"
    o.page.select_option("#arc", "close")
    o.page.select_option("#time", "30")
    shown = set(o.visible())
    expected = {
        ex.id
        for ex in library.exercises.values()
        if ex.arc == "close" and shortest_for(ex, 20) <= 30
    }
    assert shown == expected and "tour-de-cloture" in shown
    assert o.count() == f"{len(shown)} méthodes sur {n}"
    assert "#arc=close&time=30" in o.page.url  # the filters are in the address
    # the label the French user sees for the arc is « conclure »
    assert o.page.eval_on_selector("#arc", "s => s.selectedOptions[0].textContent") == "conclure"
    # the same filters from the address
    again = Opened(browser, url(out, "fr/index.html") + "#arc=close&time=30")
    assert set(again.visible()) == expected
    assert not o.errors and not again.errors


def test_search_and_purpose_find_closing_methods_in_both_languages(builtin_site, browser):
    out, _, library = builtin_site
    fr = Opened(browser, url(out, "fr/index.html"))
    fr.page.fill("#q", "conclure")
    fr.page.select_option("#time", "30")
    shown = fr.visible()
    assert "tour-de-cloture" in shown
    for ex_id in shown:
        ex = library.get(ex_id)
        assert ex.arc == "close" or "cloture" in ex.tags or "conclu" in str(ex.purpose).lower()
        assert shortest_for(ex, 20) <= 30
    fr.page.fill("#q", "")
    fr.page.select_option("#time", "")
    fr.page.fill("#purpose", "clore la journée")
    assert "tour-de-cloture" in fr.visible()
    en = Opened(browser, url(out, "en/index.html"))
    en.page.fill("#q", "close")
    en.page.select_option("#time", "30")
    assert "tour-de-cloture" in en.visible()
    assert en.count().endswith(f"of {len(library.ids())} methods")
    en.page.fill("#q", "xylophone")
    assert en.visible() == [] and en.page.is_visible("#none")
    en.page.click("button[type=reset]")
    # the filters are applied again once the form has reset (a timeout of 0): wait for it
    en.page.wait_for_function("document.querySelectorAll('#methods > li[hidden]').length === 0")
    assert len(en.visible()) == len(library.ids()) and not en.page.is_visible("#none")
    assert not fr.errors and not en.errors


def test_people_configuration_and_tags(builtin_site, browser):
    out, _, library = builtin_site
    o = Opened(browser, url(out, "fr/index.html"))
    o.page.fill("#people", "45")
    for ex_id in o.visible():
        g = library.get(ex_id).group_size
        assert g.min <= 45 and (g.max is None or g.max >= 45)
    o.page.fill("#people", "")
    o.page.select_option("#conf", "pairs")
    assert all(library.get(i).configuration.kind == "pairs" for i in o.visible())
    o.page.select_option("#conf", "")
    o.page.click("#tags summary")
    o.page.check("input[name=tag][value=cloture]")
    o.page.check("input[name=tag][value=prise-de-parole]")
    shown = o.visible()
    assert shown and all({"cloture", "prise-de-parole"} <= set(library.get(i).tags) for i in shown)
    assert "tags=cloture,prise-de-parole" in o.page.url
    assert not o.errors


def test_the_keyboard_reaches_everything(builtin_site, browser):
    out, _, _ = builtin_site
    o = Opened(browser, url(out, "fr/index.html"))
    o.page.keyboard.press("Tab")
    assert o.page.evaluate("document.activeElement.className") == "skip"
    o.page.keyboard.press("Enter")
    assert o.page.evaluate("document.activeElement.id") == "main"
    for _ in range(6):
        if o.page.evaluate("document.activeElement.id") == "q":
            break
        o.page.keyboard.press("Tab")
    assert o.page.evaluate("document.activeElement.id") == "q"
    o.page.keyboard.type("débat")
    shown = o.visible()
    assert "debat-mouvant" in shown and len(shown) < 20
    # the focus is visible: an outline of its own
    o.page.keyboard.press("Tab")
    outline = o.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    # every control has its label
    unlabelled = o.page.evaluate(
        """() => [...document.querySelectorAll('input, select')].filter(
             e => !(e.labels && e.labels.length)).map(e => e.name)"""
    )
    assert unlabelled == []
    assert not o.errors


def test_a_method_page_in_the_browser(builtin_site, browser):
    out, _, library = builtin_site
    o = Opened(browser, url(out, "fr/tour-de-cloture.html"))
    assert o.page.text_content("h1") == "Tour de clôture"
    images = o.page.query_selector_all(".previews img")
    assert len(images) == 3
    for img in images:
        img.scroll_into_view_if_needed()
        o.page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img)
    o.page.click("#strings a[href='debrief.html']")
    assert o.page.url.endswith("/fr/debrief.html")
    o.page.click(".lang-switch a")
    assert o.page.url.endswith("/en/debrief.html")
    assert o.page.text_content("h1") == "Debrief"
    o.page.click("dl.facts a[href^='index.html#tags=']")  # a tag: the index, filtered on it
    assert "#tags=" in o.page.url
    tag = o.page.url.split("#tags=")[1]
    shown = o.visible()
    assert "debrief" in shown
    assert all(tag in library.get(i).tags for i in shown)
    assert not o.errors


def _not_blank(png: bytes) -> float:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        grey = im.convert("L")
        dark = sum(grey.histogram()[:200])
        return dark / (grey.width * grey.height)


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_screenshots_at_desktop_and_phone_widths_are_not_blank(builtin_site, browser, width,
                                                               height):  # fmt: skip
    out, _, _ = builtin_site
    for rel in ("fr/index.html", "en/tour-de-cloture.html"):
        o = Opened(browser, url(out, rel), width, height)
        shot = o.page.screenshot()
        assert _not_blank(shot) > 0.02, rel
        # nothing wider than the screen: no sideways scrolling on a phone
        assert o.page.evaluate("document.documentElement.scrollWidth") <= width
        assert not o.errors
        if width < 600 and rel.endswith("index.html"):
            # on a phone the filters fold under their title: the methods come first
            assert not o.page.evaluate("document.getElementById('filter-box').open")
            assert o.page.is_visible("#methods li:first-child h3")


def test_text_contrast_is_enough(builtin_site, browser):
    out, _, _ = builtin_site
    o = Opened(browser, url(out, "fr/tour-de-cloture.html"))
    ratios = o.page.evaluate(
        """() => {
        const lum = c => { const v = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(x => {
            x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
          return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
        const bg = e => { while (e) { const c = getComputedStyle(e).backgroundColor;
            if (c && !c.startsWith('rgba(0, 0, 0, 0)')) return c; e = e.parentElement; }
          return 'rgb(255, 255, 255)'; };
        const out = [];
        for (const sel of ['p', 'a', 'h1', 'h2', 'li', 'dt', 'dd', '.hint', '.meta', 'figcaption',
                           '.chips li', 'td', 'th']) {
          for (const e of document.querySelectorAll(sel)) {
            const a = lum(getComputedStyle(e).color), b = lum(bg(e));
            out.push([sel, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
          }
        }
        return out; }"""
    )
    assert ratios
    low = [(sel, round(r, 2)) for sel, r in ratios if r < 4.5]
    assert not low


def test_print_leaves_out_the_controls(builtin_site, browser):
    out, _, _ = builtin_site
    o = Opened(browser, url(out, "fr/index.html"))
    o.page.select_option("#arc", "close")
    o.page.emulate_media(media="print")
    assert o.page.evaluate("getComputedStyle(document.querySelector('.filters')).display") == "none"
    assert o.page.evaluate("getComputedStyle(document.querySelector('header.site')).display") == (
        "none"
    )
    printed = o.page.eval_on_selector_all(
        "#methods > li", "els => els.filter(e => getComputedStyle(e).display != 'none').length"
    )
    assert printed == len(o.visible())  # the filtered list is what prints
    pdf = o.page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_a_user_library_method_appears_with_its_overrides(user_site, browser):
    o = Opened(browser, url(user_site, "index.html"))
    o.page.wait_for_url("**/en/index.html")  # this site opens in English
    assert "exercices-lorient: 2 methods" in o.page.text_content(".lead")
    o.page.fill("#q", "crier")
    assert o.visible() == ["criee-de-quartier"]
    o.page.fill("#q", "")
    o.page.select_option("#arc", "close")
    o.page.select_option("#time", "15")
    o.page.fill("#people", "12")
    # now 10 to 20 min: for twelve people (a minute each) it fits in a quarter of an hour
    assert "tour-de-cloture" in o.visible()
    assert o.page.text_content("li[data-id=tour-de-cloture] h3") == "Quick closing round"
    o.page.select_option("#time", "")
    o.page.fill("#people", "25")
    assert "tour-de-cloture" not in o.visible()  # the team's version stops at 18 people
    page = Opened(browser, url(user_site, "fr/tour-de-cloture.html"))
    assert page.page.text_content("h1") == "Tour de clôture express"
    facts = page.page.text_content("dl.facts")
    assert "15 min (10 min–20 min)" in facts.replace("\u00a0", " ")
    assert "4–18" in facts
    assert "votre bibliothèque" in facts and "exercices-lorient" in facts
    assert "adapte la méthode du même nom\u00a0: le reste de la fiche vient d’elle" in facts
    assert "adaptée de" not in facts  # not "adapted from itself"
    # the rest of the sheet comes from the built-in method
    assert page.page.is_visible("#vigilance") and page.page.is_visible("#steps")
    criee = Opened(browser, url(user_site, "fr/criee-de-quartier.html"))
    assert criee.page.text_content("h1") == "Criée de quartier"
    criee.page.query_selector(".previews img").scroll_into_view_if_needed()
    assert criee.page.eval_on_selector(".previews img", "i => i.naturalWidth") == 640 or (
        criee.page.eval_on_selector(".previews img", "i => i.naturalHeight") == 640
    )
    # its strings, and the built-in debrief now says the crier may follow it
    assert criee.page.is_visible("#strings a[href='debrief.html']")
    debrief = Opened(browser, url(user_site, "fr/debrief.html"))
    assert debrief.page.is_visible("#strings a[href='criee-de-quartier.html']")
    for x in (o, page, criee, debrief):
        assert not x.errors


def test_the_preview_cache_forgets_what_no_build_used_for_a_month(tmp_path, monkeypatch):
    import os
    import time

    from facilitation.jobs import catalogue

    now = time.time()
    for key, age_days in (("recent", 1), ("old", 40), ("big", 2)):
        (tmp_path / f"{key}.json").write_text("[]", encoding="utf-8")
        (tmp_path / f"{key}-0.png").write_bytes(b"x" * (5000 if key == "big" else 10))
        stamp = now - age_days * 86400
        os.utime(tmp_path / f"{key}.json", (stamp, stamp))
    catalogue._prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "big-0.png", "big.json", "recent-0.png", "recent.json",
    ]  # fmt: skip
    monkeypatch.setattr(catalogue, "CACHE_BYTES", 1000)  # the least recently used go first
    catalogue._prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recent-0.png", "recent.json"]
