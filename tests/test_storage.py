"""Browser storage blocked (as with cookies off) or filled with garbage under every key the site
or Material uses: no uncaught error; search, the palette toggle and the glossary tooltips work;
the quizzes run and, without storage, say that they cannot save. All under the site's
Content-Security-Policy (nginx), like every browser test.

Material keeps its settings under "<base path>.__palette" (and "__tabs" etc.), read by
overrides/partials/javascripts/base.html; the quizzes keep theirs under "quiz_…" (quiz.js)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from quiztools import EXAM, OVERVIEW, QUIZ, accept_dialogs, answer

SEARCH_READY = "Typ om te beginnen met zoeken"
BLOCKED = ("for (const name of ['localStorage', 'sessionStorage']) Object.defineProperty(window, name, "
           "{get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});")
GARBAGE = ["{niet json", "42", '"tekst"', "[]", "null", '{"index": "x", "color": 3}', '{"index": -1}',
           '{"index": 0, "color": {"scheme": 7}}', '{"index": 99, "color": {}}']


def site_works(page, base_url, path: str = "") -> None:
    """Search starts and finds, the palette toggle switches, a glossary term shows its tooltip."""
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function("(text) => document.querySelector('.md-search-result__meta')?.textContent === text",
                           arg=SEARCH_READY, timeout=10_000)
    page.locator("input.md-search__input").click()
    page.keyboard.type("empathie")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("[data-md-component=palette] label:visible").click()
    assert body.get_attribute("data-md-color-scheme") != before, "the palette toggle did nothing"
    term = page.locator("article abbr:visible").first
    term.scroll_into_view_if_needed()
    term.hover()
    expect(page.locator(".md-tooltip2").first).to_be_visible()


def test_storage_blocked_site_works_without_errors(page, base_url):
    page.add_init_script(BLOCKED)
    site_works(page, base_url, "elementen/empathie/")
    assert page.console_errors == [], page.console_errors


def test_storage_blocked_quizzes_run_and_say_they_cannot_save(page, base_url):
    page.add_init_script(BLOCKED)
    accept_dialogs(page)
    page.goto(base_url + QUIZ, wait_until="load")
    expect(page.locator(".quiz-intro")).to_contain_text("Deze browser bewaart geen antwoorden")
    quizzes = page.locator(".quiz")
    assert quizzes.count() >= 5
    answer(quizzes.first, right=True)
    expect(page.locator(".quiz-progress-text")).to_contain_text("1 van")
    for path in (OVERVIEW, EXAM):
        page.goto(base_url + path, wait_until="load")
        page.wait_for_function("() => window.document$ !== undefined")
    assert page.page_errors == [], page.page_errors
    # mkdocs-quiz logs the storage failures it catches; nothing else may complain.
    assert all(e.startswith(("Failed to load quiz progress", "Failed to save quiz progress"))
               for e in page.console_errors), page.console_errors


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_under_every_key_site_works(page, base_url, value):
    """One value of garbage under each key Material and the quizzes use; then the pages load
    without an uncaught error and work."""
    accept_dialogs(page)
    page.goto(base_url + "404.html", wait_until="load")  # any page of the site: its storage
    keys = ["/.__palette", "/.__tabs", "/.__announce", "/.__consent", "quiz_name", "quiz_probe"]
    for quiz in (QUIZ, EXAM):
        keys += [f"quiz_{kind}_/{quiz}" for kind in ("progress", "draft", "handedin", "done")]
    page.evaluate("([keys, value]) => keys.forEach((k) => localStorage.setItem(k, value))", [keys, value])
    site_works(page, base_url, "elementen/empathie/")
    for path in (QUIZ, EXAM, OVERVIEW):
        page.goto(base_url + path, wait_until="load")
        page.wait_for_function("() => window.document$ !== undefined")
    page.goto(base_url + QUIZ, wait_until="load")
    answer(page.locator(".quiz").first, right=True)
    expect(page.locator(".quiz-progress-text")).to_contain_text("1 van")
    assert page.console_errors == [], f"{value}: {page.console_errors}"
    stored = page.evaluate("(key) => localStorage.getItem(key)", "quiz_progress_/" + QUIZ)
    assert len(json.loads(stored)) == 1, stored
