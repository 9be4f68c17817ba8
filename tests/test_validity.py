"""Valid HTML: the W3C Nu HTML Checker (npm vnu-jar, run with Debian's Java) finds no error in any
built page, but for the ones listed in ALLOWED, each with the reason it stays. The checker runs
once per test session over the whole built site (one JVM, a few seconds).

HTML_CodeSniffer, the second accessibility engine, runs in the page walk (tests/test_pages.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that stay, matched exactly: (message, the markup it is about, why it stays). Each must be
# found on every page, once; any other error fails.
AUTOCOMPLETE = ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
                "“tel”, “text”, “time”, “url”, or “week”.")
TOGGLES_REASON = (
    "Material's base.html writes its drawer and search toggles outside any block, with "
    "autocomplete=\"off\" so that the browser does not restore them: without it, going Back to a page "
    "reopens the search and the drawer (test_back_does_not_reopen_search_or_drawer). HTML allows "
    "autocomplete only on text-like inputs. The only valid way to keep that, a form owner with "
    "autocomplete=\"off\", is a form without a submit button, an error for HTML_CodeSniffer (H32.2). "
    "Kept as Material ships it.")
ALLOWED = [
    (AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     TOGGLES_REASON),
    (AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     TOGGLES_REASON),
]


@pytest.fixture(scope="module")
def vnu_errors(site_dir) -> list[dict]:
    """The checker's errors for every HTML file of the built site (404.html included)."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: ./run test installs Debian's default-jre-headless", pytrace=False)
    if not VNU.exists():
        pytest.fail("vnu-jar is missing: run ./run test (it runs npm ci)", pytrace=False)
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                           str(site_dir)], capture_output=True, text=True, check=False)
    # vnu exits 1 when it found errors; its report goes to stderr.
    report = json.loads(proc.stderr or proc.stdout)
    for message in report["messages"]:
        message["page"] = message["url"].split(site_dir.as_posix(), 1)[-1].lstrip("/")
    return report["messages"]


def markup_of(message: dict) -> str:
    """The element vnu's message is about: the source from its first to its last column."""
    extract = message.get("extract", "")
    start = message.get("hiliteStart", 0)
    return extract[start:start + message.get("hiliteLength", len(extract))]


def allowed(message: dict) -> bool:
    return any(message["type"] == "error" and message["message"] == text and markup_of(message) == markup
               for text, markup, _ in ALLOWED)


def test_every_page_is_valid_html(vnu_errors, site_dir):
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    assert len(pages) >= 41, pages
    unexpected = [m for m in vnu_errors if not allowed(m)]
    assert not unexpected, f"{len(unexpected)} HTML errors (W3C Nu HTML Checker):\n" + "\n".join(
        f"{m['page']}:{m.get('lastLine')}: {m['message']} :: {markup_of(m) or m.get('extract', '')!r}"
        for m in unexpected[:40])


@pytest.mark.parametrize("entry", range(len(ALLOWED)), ids=[markup for _, markup, _ in ALLOWED])
def test_allowed_errors_are_still_there_on_every_page(vnu_errors, site_dir, entry):
    """Each entry of ALLOWED is found once on every page: the list holds nothing stale, and the
    checker did read every page (it reports only pages with errors)."""
    text, markup, _ = ALLOWED[entry]
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    found = [m["page"] for m in vnu_errors if m["message"] == text and markup_of(m) == markup]
    assert sorted(found) == pages, f"expected once on each of {len(pages)} pages, found on {len(found)}"


def test_back_does_not_reopen_search_or_drawer(page, base_url):
    """Why the toggles keep autocomplete="off" (ALLOWED): a page left with the search open, reached
    again with Back, shows no search and no drawer."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "feedback/", wait_until="load")
    page.evaluate("() => { __drawer.checked = true; __search.checked = true; }")  # as Material opens them
    page.goto(base_url + "over/", wait_until="load")  # a full load, not instant navigation
    page.go_back(wait_until="load")
    page.wait_for_function("() => location.pathname.endsWith('/feedback/') && document.readyState === 'complete'")
    state = page.evaluate("""() => ({
        back: performance.getEntriesByType('navigation')[0].type,
        drawer: document.getElementById('__drawer').checked,
        search: document.getElementById('__search').checked})""")
    assert state["back"] == "back_forward", state
    assert not state["drawer"] and not state["search"], f"Back reopened them: {state}"
