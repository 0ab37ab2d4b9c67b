"""The HTML agenda read on a phone (390 px wide), in a real headless browser: Debian's
Chromium driven by Playwright. Skipped, saying why, only where no browser can be found; in CI
(.ci/run installs Chromium) a missing browser is a failure, not a skip."""

import os
import shutil
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

PHONE = {"width": 390, "height": 844}
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def _browser() -> str | None:
    for path in CANDIDATES:
        if Path(path).is_file():
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def page():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[test]'")
    executable = _browser()
    if executable is None:
        _unavailable("no Chromium found: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport=PHONE, device_scale_factor=1)
        yield context.new_page()
        browser.close()


# What overflows the screen: the page's width, and every element whose box runs past it.
OVERFLOW = """() => {
  const w = window.innerWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > w + 1) {
      out.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: w, over: out};
}"""

SIZES = """() => Array.from(document.querySelectorAll('td, p, h1, h2'))
  .filter(e => e.textContent.trim())
  .map(e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.parametrize(
    "session",
    [
        EXAMPLES / "metz-4-retours-et-cas-pratique.yaml",  # five parallel tracks
        EXAMPLES / "dunkerque-2-reflex-energie.yaml",
        DATA / "sessions" / "occitanie-exposition-immersion.yaml",  # events, before, after
    ],
    ids=lambda p: p.stem,
)
def test_html_agenda_reads_on_a_phone(session, page, tmp_path, run):
    r = run("agenda", session, "-o", tmp_path, "--format", "html")
    assert r.exit_code == 0, r.output
    (html,) = tmp_path.glob("*.html")
    page.goto(html.as_uri())
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= PHONE["width"], found
    assert found["over"] == [], found["over"][:5]
    assert min(page.evaluate(SIZES)) >= 14  # no text shrunk to fit
    # each block reads as its time, then what it is: the time is on screen, above its title
    first = page.locator("tbody tr").first
    time_box = first.locator("td.time").bounding_box()
    what_box = first.locator("td").nth(1).bounding_box()
    assert time_box["y"] < what_box["y"] and what_box["width"] > 300
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
