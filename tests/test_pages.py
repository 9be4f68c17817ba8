"""Every built page, in one walk through Debian's Chromium (served by nginx): each page is loaded
once and every check in CHECKS runs on it, in order. One test per check reports the pages that
fail it.

To add a rule that every page must meet, write a function `(page, path) -> list of problems` and
register it with `@check("name")`; it then runs in the same walk. Checks that look at what
happened during the whole visit (console errors, requests, Content-Security-Policy violations)
come last. nginx serves every page with the Content-Security-Policy the build wrote. Two
accessibility engines check every page in both palettes: axe-core (injected with every page) and
HTML_CodeSniffer (WCAG2AA errors; injected on first use).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from mkdocs.utils import yaml_load
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT, SETTLE, axe_violations, csp_of_the_build, watch

SEARCH_READY = "Typ om te beginnen met zoeken"  # Material's search, once its index is loaded
PALETTE = {"light": "default", "dark": "slate"}
PALETTE_TOGGLE = "[data-md-component=palette] label:visible"

CHECKS: dict[str, Callable] = {}


def check(name: str):
    def register(function):
        CHECKS[name] = function
        return function
    return register


def run_htmlcs(page) -> list[str]:
    """HTML_CodeSniffer's errors (type 1) for WCAG2AA: the code, the element and the message. Its
    script comes in through the DevTools protocol (page.evaluate), which the page's CSP allows."""
    if not page.evaluate("() => typeof HTMLCS !== 'undefined'"):
        page.evaluate(page.htmlcs_source)
    errors = page.evaluate(
        """() => new Promise((resolve, reject) => {
            """ + SETTLE + """
            HTMLCS.process('WCAG2AA', document, () => resolve(HTMLCS.getMessages()
                .filter(m => m.type === HTMLCS.ERROR)
                .map(m => [m.code, (m.element.outerHTML || m.element.nodeName).slice(0, 160), m.msg])),
              () => reject(new Error('HTML_CodeSniffer failed')), 'en');
        })"""
    )
    return [f"{code} {element!r}: {message}" for code, element, message in errors]


def switch_palette(page, scheme: str) -> list[str]:
    """Click the header's palette toggle until the page shows `scheme`; problems if it does not."""
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != PALETTE[scheme]:
        page.locator(PALETTE_TOGGLE).dispatch_event("click")  # no hover: no tooltip mid-fade
    shown = body.get_attribute("data-md-color-scheme")
    return [] if shown == PALETTE[scheme] else [f"the palette toggle did not switch to {scheme} (shows {shown})"]


@check("answers 200")
def answers_200(page, path):
    return [] if page.response_status == 200 else [f"HTTP {page.response_status}"]


@check("lang is nl")
def lang_is_dutch(page, path):
    lang = page.locator("html").get_attribute("lang")
    return [] if lang == "nl" else [f"lang={lang!r}"]


@check("search starts")
def search_starts(page, path):
    try:
        page.wait_for_function("text => document.querySelector('.md-search-result__meta')?.textContent === text",
                               arg=SEARCH_READY, timeout=10_000)
    except PlaywrightTimeout:
        return ["search did not finish loading its index within 10 s"]
    return []


@check("axe light")
def axe_light(page, path):
    return switch_palette(page, "light") or axe_violations(page)


@check("HTML_CodeSniffer light")
def htmlcs_light(page, path):
    return switch_palette(page, "light") or run_htmlcs(page)


@check("axe dark")
def axe_dark(page, path):
    return switch_palette(page, "dark") or axe_violations(page)


@check("HTML_CodeSniffer dark")
def htmlcs_dark(page, path):
    return switch_palette(page, "dark") or run_htmlcs(page)


@check("served with the build's CSP")
def served_with_csp(page, path):
    expected = page.expected_csp
    return [] if page.response_csp == expected else [f"Content-Security-Policy: {page.response_csp!r}"]


@check("no console errors")
def no_console_errors(page, path):
    return list(page.console_errors)


@check("nothing from other hosts")
def nothing_from_other_hosts(page, path):
    return list(page.foreign_requests)


@check("no CSP violations")
def no_csp_violations(page, path):
    return list(page.csp_violations)


class Walk:
    def __init__(self):
        self.pages: list[str] = []
        self.problems: dict[str, dict[str, list[str]]] = {name: {} for name in CHECKS}


@pytest.fixture(scope="module")
def walk(browser, browser_context_args, base_url, all_pages, axe_source, htmlcs_source, site_dir) -> Walk:
    """Load every page once and run every check on it."""
    result = Walk()
    context = browser.new_context(**browser_context_args, color_scheme="light")
    context.add_init_script(axe_source)
    page = watch(context.new_page())
    page.expected_csp = csp_of_the_build(site_dir)
    page.htmlcs_source = htmlcs_source
    for path in all_pages:
        page.console_errors.clear()
        page.foreign_requests.clear()
        page.csp_violations.clear()
        response = page.goto(base_url + path, wait_until="load")
        page.response_status = response.status
        page.response_csp = response.headers.get("content-security-policy")
        result.pages.append(path)
        for name, function in CHECKS.items():
            try:
                problems = function(page, path)
            except Exception as error:  # report it on this page and walk on
                problems = [f"the check raised {type(error).__name__}: {error}"]
            if problems:
                result.problems[name]["/" + path] = problems
    context.close()
    return result


def nav_pages() -> list[str]:
    """URL paths of the Markdown files named in mkdocs.yml's nav ('' for the home page)."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def files(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from files(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from files(value)

    return sorted(src.removesuffix(".md").removesuffix("index") + ("/" if not src.endswith("index.md") else "")
                  for src in files(config["nav"]))


def test_strict_build_has_pages_and_search_index(site_dir):
    assert (site_dir / "index.html").exists()
    assert (site_dir / "search" / "search_index.json").exists()


def test_every_nav_page_is_built_and_no_other(all_pages):
    pages = nav_pages()
    assert len(pages) >= 40, pages
    assert sorted(all_pages) == pages


@pytest.mark.parametrize("name", list(CHECKS))
def test_every_page(walk, all_pages, name):
    assert len(walk.pages) == len(all_pages) >= 40
    failures = walk.problems[name]
    assert not failures, f"{len(failures)} of {len(walk.pages)} pages fail `{name}`:\n" + \
        "\n".join(f"{path}: {problem}" for path, problems in failures.items() for problem in problems)


@pytest.mark.parametrize("media", ["light", "dark"])
def test_system_preference_picks_the_palette(page, base_url, media):
    page.emulate_media(color_scheme=media)
    page.goto(base_url, wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == PALETTE[media]


def test_html_codesniffer_reports_errors(page, htmlcs_source):
    """Control for the walk's HTML_CodeSniffer checks: it does report what it should."""
    page.set_content('<!doctype html><html lang="nl"><head><title>Proef</title></head><body><main>'
                     '<form><fieldset><input type="radio" name="a" id="a"><label for="a">Ja</label></fieldset></form>'
                     '</main></body></html>')
    page.htmlcs_source = htmlcs_source
    codes = sorted(problem.split()[0] for problem in run_htmlcs(page))
    assert codes == ["WCAG2AA.Principle1.Guideline1_3.1_3_1.H71.NoLegend",  # a fieldset without legend
                     "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2",  # a form without a submit button
                     "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.Fieldset.Name"], codes  # the fieldset has no name
