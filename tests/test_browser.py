"""End-to-end: the built site in headless Chromium (Debian's ``chromium`` package).

The site is built from the two small notebooks of ``test_build.py``, the
project's real report text and a synthetic figures and audit table (so the test
does not wait for ``data/figures.csv``).  It is served from a local
``http.server`` thread on 127.0.0.1 and opened with Playwright driving
``/usr/bin/chromium``; every page must load without console errors and without
a request leaving the site; a figure of the annotated report must show its
details on hover and on focus.  Screenshots go to ``test-output/screenshots/``.

Without ``/usr/bin/chromium`` (or Playwright) the test is skipped, except in CI
(``CI=true``), where it fails: CI installs Chromium.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pandas as pd
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VERDICTS = ["consistent", "inconsistent", "cannot_check", "derived"]


def _require_browser():
    """Skip without Chromium or Playwright, unless in CI where that is a failure."""
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install -e '.[dev]')"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run in CI: {missing}")
        pytest.skip(f"browser test needs headless Chromium: {missing}")


def _figures(text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic figures (the first numerals with a measure word) and checks over them."""
    pattern = re.compile(r"(\d+(?:\.\d+)?)(余)?(件|人次|人|次|个|%|项|场|万元|家)")
    rows = []
    for i, m in enumerate(pattern.finditer(text), start=1):
        if i > 60:
            break
        rows.append({"id": f"F{i:04d}", "section": "", "indicator": f"示例指标{i}", "indicator_en": f"indicator {i}",
                     "raw": m.group(0), "value": m.group(1), "unit": m.group(3), "qualifier": m.group(2) or "",
                     "lower": m.group(1), "upper": "" if m.group(2) else m.group(1), "decimals": "0",
                     "quote": m.group(0), "start": m.start(), "end": m.end(), "repeat_of": ""})
    figures = pd.DataFrame(rows)
    ids = list(figures["id"])
    audit = pd.DataFrame({
        "check_id": [f"C{i:03d}" for i in range(1, len(ids) // 2 + 1)],
        "kind": "synthetic",
        "figure_ids": [f"{ids[2 * i]} {ids[2 * i + 1]}" for i in range(len(ids) // 2)],
        "verdict": [VERDICTS[i % 4] for i in range(len(ids) // 2)],
    })
    return figures, audit


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _require_browser()
    from test_build import _build, _make_project

    from lawstats import load_report

    root = _make_project(tmp_path_factory.mktemp("browser"))
    text = load_report().text
    (root / "report.txt").write_text(text, encoding="utf-8")
    figures, audit = _figures(text)
    assert len(figures) > 10, "the report should have figures with measure words"
    figures.to_csv(root / "data" / "figures.csv", index=False)
    audit.to_csv(root / "data" / "audit.csv", index=False)
    _build(root)
    return root / "site"


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def _fontconfig(tmp: Path) -> dict[str, str]:
    """An environment in which Chromium also finds the project's Chinese font.

    Readers have a Chinese system font; this machine may not, and screenshots
    full of empty boxes would show nothing.  The site itself does not ship it.
    """
    try:
        from lawstats.presentation.fonts import cjk_font_path

        font_dir = cjk_font_path().parent
    except Exception:  # no font package: screenshots use whatever the system has
        return {}
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{font_dir}</dir>\n  <cachedir>{tmp / 'fontcache'}</cachedir>\n</fontconfig>\n"
    )
    return {"FONTCONFIG_FILE": str(conf)}


@pytest.fixture(scope="module")
def browser(tmp_path_factory, site):
    from playwright.sync_api import sync_playwright

    env = {**os.environ, **_fontconfig(tmp_path_factory.mktemp("fonts"))}
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=env)
        yield chromium
        chromium.close()


class _Watch:
    """Console errors, page errors and requests of one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def outside(self, base: str) -> list[str]:
        return [u for u in self.requests if not (u.startswith(base) or u.startswith("data:"))]


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    watch = _Watch(page)
    page.goto(url, wait_until="load")
    return page, watch


def test_every_page_loads_cleanly_and_stays_inside_the_site(browser, server):
    page, watch = _open(browser, server + "index.html")
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    pages = sorted({h.split("#")[0] for h in links if h.endswith(".html") or ".html#" in h})
    assert {"01-chart.html", "code/01-chart.html", "02-table.html", "report.html"} <= set(pages)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    assert watch.errors == [] and watch.outside(server) == []
    page.close()
    for href in pages:
        page, watch = _open(browser, server + href)
        assert watch.errors == [], f"{href}: {watch.errors}"
        assert watch.outside(server) == [], f"{href} requested {watch.outside(server)}"
        assert page.evaluate("document.documentElement.lang") == "zh"
        # the stylesheets loaded: the navigation bar is styled
        assert page.evaluate("getComputedStyle(document.querySelector('nav.ls-nav')).borderBottomStyle") == "solid"
        if href == "01-chart.html":
            img = page.locator("img").first
            assert img.get_attribute("alt").startswith("图表：")
            assert page.evaluate("document.images[0].naturalWidth") > 0
            page.screenshot(path=str(SCREENSHOTS / "notebook.png"), full_page=True)
        page.close()


def test_a_figure_shows_its_details_on_hover_and_focus(browser, server):
    from playwright.sync_api import expect

    page, watch = _open(browser, server + "report.html")
    assert page.locator("script").count() == 0
    figure = page.locator("a.fig#F0003")  # in check C002, whose verdict is "inconsistent"
    expect(figure).to_have_class(re.compile(r"\bv-inconsistent\b"))
    tip = figure.locator(".tip")
    expect(tip).to_be_hidden()
    figure.hover()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("示例指标3")
    expect(tip).to_contain_text("不一致")
    figure.evaluate("el => el.scrollIntoView({block: 'center'})")
    figure.hover()
    page.screenshot(path=str(SCREENSHOTS / "report.png"))

    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    other = page.locator("a.fig#F0005")
    other.focus()
    expect(other.locator(".tip")).to_be_visible()

    # following a figure leads to its row, and the row leads back
    figure.click()
    assert page.url.endswith("#row-F0003")
    expect(page.locator("#row-F0003")).to_be_in_viewport()
    page.locator("#row-F0003 a[href='#F0003']").click()
    expect(figure).to_be_in_viewport()
    assert watch.errors == [] and watch.outside(server) == []
    page.close()


def test_site_opened_from_a_folder_loads_nothing_else(browser, site):
    base = site.as_uri() + "/"
    for name in ("index.html", "report.html", "01-chart.html", "code/01-chart.html"):
        page, watch = _open(browser, base + name)
        assert watch.errors == [], f"{name}: {watch.errors}"
        assert watch.outside(base) == [], f"{name} requested {watch.outside(base)}"
        page.close()
