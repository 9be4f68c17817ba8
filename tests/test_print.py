"""Printing: one page of every page type (data/page_types.yml), printed in Chromium as its print
dialog does (A4, no options). On paper there is no site chrome (header, navigation, search,
footer), no blank page anywhere, and no more pages than the type needs. Chromium adds a blank
trailing page to a Material page that fits on one sheet unless print.css sets
`html { height: auto }`: so each page is also printed cut down to its title and first paragraph,
which must give one sheet.
The zakkaart (one page) and the quiz sheet have tests of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, pdf_page_count, pdf_text

PAGE_TYPES = yaml.safe_load((ROOT / "data" / "page_types.yml").read_text(encoding="utf-8"))
PAGE_TYPES.pop("every_page")  # rules for all pages, not a type
# One page of each type, with the most pages it may print to. The bound is the page's current
# length with some room; a page that prints far longer has lost its print layout.
PRINTED = {
    "page": ("achtergrond/", 7),      # text, the evidence chart and table
    "element": ("elementen/empathie/", 5),
    "tip": ("tips/relatiebreuken/", 6),
    "quiz": ("zelftoetsen/empathie/", 4),
    "workshop": ("workshop/", 14),
    "handout": ("workshop/handout/", 2),
    "timer": ("workshop/timer/", 5),
}
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-top", ".md-search", ".md-dialog"]
COPYRIGHT = "kennisbank en e-learning"  # the site footer (mkdocs.yml copyright)
# Keep only the article's title and first paragraph (what a short page of this type would be).
CUT_DOWN = """() => {
    const article = document.querySelector('article');
    const first = [...article.querySelectorAll(':scope > p')].find(p => p.textContent.trim());
    article.replaceChildren(...[article.querySelector('h1'), first].filter(Boolean));
    return article.children.length;
}"""


def test_every_page_type_has_a_printed_example():
    assert sorted(PRINTED) == sorted(PAGE_TYPES)


@pytest.mark.parametrize("kind", sorted(PRINTED))
def test_printed_page_has_no_chrome_and_no_blank_page(page, base_url, tmp_path, kind):
    path, most = PRINTED[kind]
    page.goto(base_url + path, wait_until="load")
    page.emulate_media(media="print")
    shown = page.evaluate("""(selectors) => selectors.filter(s =>
        Array.from(document.querySelectorAll(s)).some(el => el.checkVisibility()))""", CHROME)
    assert shown == [], f"/{path}: site chrome on paper"
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = pdf_page_count(pdf)
    assert 1 <= pages <= most, f"/{path}: {pages} pages, at most {most} expected"
    blank = [n for n in range(1, pages + 1) if not pdf_text(pdf, n).strip()]
    assert blank == [], f"/{path}: blank page(s) {blank} of {pages}"
    text = pdf_text(pdf)
    assert "Zoeken" not in text and COPYRIGHT not in text
    first = next(line for line in page.locator("article").inner_text().splitlines() if line.strip())
    first = " ".join(first.replace("¶", "").split())
    assert first in " ".join(pdf_text(pdf, 1).split()), f"/{path}: {first!r} is not on the first printed page"

    assert page.evaluate(CUT_DOWN) >= 1
    short = tmp_path / "short.pdf"
    page.pdf(path=str(short), format="A4")
    assert pdf_page_count(short) == 1, f"/{path}: a page that fits on one sheet prints on more"
