"""Every built page, opened in Debian's Chromium: Dutch, no console errors, nothing from another
host, and zero axe-core violations (WCAG 2.1 AA rules)."""

from __future__ import annotations

import json

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def test_strict_build_succeeds(site_dir):
    assert (site_dir / "index.html").exists()
    assert (site_dir / "search" / "search_index.json").exists()


def test_every_nav_page_is_built(site_dir, all_pages):
    # The nav has some 45 pages; a missing one means a page silently fell out of the build.
    assert len(all_pages) >= 40, all_pages


def visit(page, url, settle=True):
    page.goto(url, wait_until="load")
    if settle:  # let late requests (search index, sitemap) happen, so they are seen
        page.wait_for_load_state("networkidle")


def test_pages_are_dutch_quiet_and_local(page, base_url, all_pages):
    """One browser page walks every page: checks lang, console errors and foreign requests."""
    failures = []
    for path in all_pages:
        page.console_errors.clear()
        page.foreign_requests.clear()
        visit(page, base_url + path)
        lang = page.locator("html").get_attribute("lang")
        if lang != "nl":
            failures.append(f"/{path}: lang={lang!r}")
        if page.console_errors:
            failures.append(f"/{path}: console errors {page.console_errors}")
        if page.foreign_requests:
            failures.append(f"/{path}: requests to other hosts {page.foreign_requests}")
    assert not failures, "\n".join(failures)


def run_axe(page, axe_source):
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
              nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        AXE_TAGS,
    )


@pytest.mark.parametrize("media, scheme", [("light", "default"), ("dark", "slate")])
def test_axe_has_no_violations_on_any_page(page, base_url, all_pages, axe_source, media, scheme):
    """Both palettes: the system preference picks the light or the dark one."""
    page.emulate_media(color_scheme=media)
    report = {}
    for path in all_pages:
        visit(page, base_url + path, settle=False)
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
        violations = run_axe(page, axe_source)
        if violations:
            report["/" + path] = violations
    assert not report, json.dumps(report, indent=1, ensure_ascii=False)
