"""The real site, built from the project's notebooks and data as `make html` builds it.

Built twice from a clean state (no cache; the second build is test_install.py's, by the installed
lawstats from a folder outside the checkout): the bytes must be identical; no page
may load anything from outside the site; every figure has its anchor; then the
site is opened in headless Chromium and the screenshots an auditor would look at
are saved under test-output/screenshots/site-*.png.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from lawstats.site.build import build_site
from lawstats.extraction.dataset import read_figures

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-output" / "screenshots"
EXTERNAL = re.compile(r"""(?:src|href|action|data|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
CSS_EXTERNAL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)


#: Tests that read our report's Chinese site: under ``make test`` (``--dist loadgroup``) they run on the
#: worker that builds it, as test_notebooks.py's tests of the same build do (conftest.py).
ON_THE_ZH_BUILD = pytest.mark.xdist_group("site-zh")


@pytest.fixture(scope="session")
def real_site(site_build) -> Path:
    """Our report's site in Chinese, built once per session (shared with test_notebooks.py)."""
    return site_build("zh").site


# Two clean builds are byte-identical: test_install.py builds our report's Chinese site with the installed
# lawstats and no cache, and compares it byte for byte with ``real_site`` (built from an empty cache).


@ON_THE_ZH_BUILD
def test_site_has_every_page(real_site):
    """Every general page and every page of the Luzhai case study."""
    case_study = ROOT / "lawstats" / "case_studies" / "luzhai_2021" / "notebooks"
    notebooks = sorted(p.stem for folder in (ROOT / "notebooks", case_study)
                       for p in folder.glob("[0-9][0-9]-*.ipynb"))
    assert len(notebooks) == 12
    for stem in notebooks:
        assert (real_site / f"{stem}.html").is_file() and (real_site / "code" / f"{stem}.html").is_file()
    index = (real_site / "index.html").read_text(encoding="utf-8")
    for stem in notebooks:
        assert f'href="{stem}.html"' in index
    for name in ("figures.csv", "excluded.csv", "audit.csv", "datapackage.json"):
        assert (real_site / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes()


@ON_THE_ZH_BUILD
def test_no_page_loads_anything_from_outside(real_site):
    for path in sorted(real_site.rglob("*")):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            assert not EXTERNAL.search(text), f"{path.name}: {EXTERNAL.search(text).group()}"
            assert not CSS_EXTERNAL.search(text), f"{path.name}: {CSS_EXTERNAL.search(text).group()}"
            assert "<script src" not in text, path.name


@ON_THE_ZH_BUILD
def test_every_figure_has_its_anchor_and_every_chart_its_alt(real_site):
    report = (real_site / "report.html").read_text(encoding="utf-8")
    for fid in read_figures()["id"]:
        assert f'id="{fid}"' in report and f'id="row-{fid}"' in report, fid
    for page in sorted(real_site.glob("[0-9][0-9]-*.html")):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh"' in html
        for img in re.findall(r"<img\b[^>]*>", html):
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt.group(1)) > 10, f"{page.name}: an image without useful alt text"


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _prose(html: str, tag: str) -> list[str]:
    """The text of every ``<tag>`` element, tags stripped and quoted words (“…”) removed."""
    texts = [re.sub(r"<[^>]+>", "", m) for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S)]
    return [re.sub(r"“[^”]*”", "", t) for t in texts]


@pytest.mark.xdist_group("site-en")
def test_english_site_reads_in_english(site_build):
    """English means English: headings and titles carry no Chinese; no paragraph is Chinese prose.

    The report's own words appear as quotes (“…”, quote columns, the annotated report) and as
    the short words an English sentence explains (余, 上万), never as a Chinese paragraph.
    """
    site = site_build("en").site
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="en"' in html, page.name
        if page.name == "report.html":
            continue  # the annotated report is the report's own text
        for tag in ("title", "h1", "h2", "h3"):
            for text in _prose(html, tag):
                assert not CJK.search(text), f"{page.relative_to(site)}: <{tag}> {text!r}"
        for text in _prose(html, "p"):
            assert len(CJK.findall(text)) <= 12, f"{page.relative_to(site)}: Chinese prose {text[:80]!r}"


# -- in a real browser --------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(real_site):
    from test_browser import _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(real_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.browser
@ON_THE_ZH_BUILD
def test_real_site_in_chromium(served, real_site, tmp_path):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, _open, _require_browser

    _require_browser()
    import os

    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)  # no help finding a Chinese font: the site brings its own
    chart_page = next(p.name for p in sorted(real_site.glob("05-*.html")))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=env)
        for name in ["index.html", "report.html", chart_page, f"code/{chart_page}"] + sorted(
                q.name for q in real_site.glob("[0-9][0-9]-*.html")):
            page, watch = _open(browser, served + name)
            assert watch.errors == [], f"{name}: {watch.errors}"
            assert watch.outside(served) == [], f"{name} requested {watch.outside(served)}"
            if name == "index.html":
                page.screenshot(path=str(SCREENSHOTS / "site-index.png"), full_page=True)
            if name in ("index.html", "report.html", chart_page):
                # every Chinese character is drawn with the site's own font, never a box
                cdp = page.context.new_cdp_session(page)
                cdp.send("DOM.enable")
                cdp.send("CSS.enable")
                root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
                nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "h1, th, td"})["nodeIds"]
                checked = 0
                for node in nodes[:80]:
                    html = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
                    if not re.search(r">[^<]*[\u4e00-\u9fff]", html):
                        continue  # no Chinese text of its own
                    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
                    assert any(f["isCustomFont"] and f["familyName"] == "Noto Sans SC" for f in fonts), (
                        name, html[:80], fonts)
                    checked += 1
                assert checked > 3, name
                cdp.detach()
            if name == chart_page:
                assert page.evaluate("Array.from(document.images).every(i => i.naturalWidth > 0)")
                page.screenshot(path=str(SCREENSHOTS / "site-chart-page.png"), full_page=True)
            if name == "report.html":
                figure = page.locator("a.fig#disputes-resolved")
                figure.evaluate("el => el.scrollIntoView({block: 'center'})")
                figure.hover()
                tip = figure.locator(".tip")
                expect(tip).to_be_visible()
                expect(tip).to_contain_text("成功调解")
                page.screenshot(path=str(SCREENSHOTS / "site-report.png"))
            page.close()
        browser.close()


def test_site_for_a_report_never_seen_in_gb18030(tmp_path):
    """`lawstats build --report FILE`: extraction alone, labels said to be automatic."""
    import shutil

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("00-overview.ipynb", "01-figures.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, notebooks / name)
    report = ROOT / "tests/corpus/hexi-2023.txt"
    with pytest.raises(UnicodeDecodeError):
        report.read_bytes().decode("utf-8")  # really GB18030, not UTF-8
    site = tmp_path / "site"
    build_site(out_dir=site, notebooks_dir=notebooks, report=report, cache_dir=None, progress=False,
               data_dir=ROOT / "data", lock_file=ROOT / "requirements/lock.txt", language="en")
    page = (site / "report.html").read_text(encoding="utf-8")
    assert "were taken automatically" in page
    figures = (site / "data/figures.csv").read_text(encoding="utf-8")
    assert "hexi-2023" in figures and "luzhai-2021" not in figures
    assert 'id="fig-' in page  # automatic ids are anchors too
    part = (site / "01-figures.html").read_text(encoding="utf-8")
    assert "automatic" in part and "fig-" in part
