"""The offline copy (scripts/offline.py, `./run offline`) works from disk in Chromium.

Opened as file://: navigation, search and quizzes work, and no request leaves file://.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import BUILD_ENV, ROOT

# Schemes a page from disk may use without leaving the folder.
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
REF = re.compile(r"""<(?:a|link|script|img|source|iframe)\b[^>]*?\s(?:href|src)="([^"]+)\"""")


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("offline") / "site"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "offline.py"), str(dest)],
                          cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.fail(f"offline build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return dest


@pytest.fixture
def disk_page(page):
    """The shared Playwright page, also recording every request that is not to the folder."""
    page.leaks = []
    page.on("request", lambda r: urlsplit(r.url).scheme not in LOCAL_SCHEMES
            and page.leaks.append(r.url))
    yield page
    assert page.leaks == [], "requests left file://"
    assert page.console_errors == []


def test_every_link_in_the_copy_points_to_a_file(offline_dir):
    broken = []
    pages = sorted(offline_dir.rglob("*.html"))
    assert len(pages) >= 41
    checked = 0
    for html in pages:
        if html.name == "404.html":  # only a web server shows it; it links from the site root
            continue
        for ref in REF.findall(html.read_text(encoding="utf-8")):
            url = urlsplit(ref)
            if url.scheme or ref.startswith("#") or not url.path:
                continue
            target = (html.parent / unquote(url.path)).resolve()
            checked += 1
            if url.path.startswith("/") or not target.is_file():
                broken.append(f"{html.relative_to(offline_dir)}: {ref}")
    assert checked >= 40 * 20, f"only {checked} links checked"
    assert broken == []


def test_navigation_works_from_disk(disk_page, offline_dir):
    disk_page.goto((offline_dir / "index.html").as_uri())
    disk_page.locator(".md-tabs__link", has_text="Kennis").click()  # the home page has tabs, no sidebar
    expect(disk_page).to_have_url(re.compile(r"/achtergrond\.html$"))
    disk_page.locator(".md-sidebar--primary a.md-nav__link:visible", has_text="De zeven elementen").click()
    expect(disk_page).to_have_url(re.compile(r"/elementen/index\.html$"))
    disk_page.locator(".md-content a[href='empathie.html']").first.click()
    expect(disk_page).to_have_url(re.compile(r"/elementen/empathie\.html$"))
    expect(disk_page.locator("h1")).to_contain_text("Empathie")
    disk_page.locator(".md-footer__link--next").click()
    expect(disk_page).to_have_url(re.compile(r"/elementen/afstemming\.html$"))


def test_search_works_from_disk(disk_page, offline_dir):
    disk_page.goto((offline_dir / "index.html").as_uri())
    query = disk_page.locator("input.md-search__input")
    query.click()
    query.press_sequentially("empathisch")  # found through search.js's Dutch normaliser only
    first = disk_page.locator(".md-search-result__item > .md-search-result__link").first
    expect(first).to_have_attribute("href", re.compile(r"elementen/empathie\.html"), timeout=15_000)
    first.click()
    expect(disk_page).to_have_url(re.compile(r"/elementen/empathie\.html"))


def test_quiz_works_from_disk(disk_page, offline_dir):
    disk_page.goto((offline_dir / "zelftoetsen" / "empathie.html").as_uri())
    quiz = disk_page.locator(".quiz").first
    quiz.locator("input[data-correct='true'] + label").first.click()
    quiz.locator("button[type='submit']").click()
    expect(quiz.locator(".answer-feedback:visible")).to_have_count(1)  # under the chosen option
    expect(quiz.locator(".answer-feedback:visible")).not_to_be_empty()
    # The answer is kept in the browser (localStorage works from disk too).
    disk_page.reload()
    expect(disk_page.locator(".quiz").first.locator("input[data-correct='true']").first).to_be_checked()
