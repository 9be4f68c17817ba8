"""The review copy (scripts/review_pdf.py, `./run review-pdf`): the whole module as one A4 PDF for
a quality committee, printed from the session's build.

It is tagged, A4, with an outline, its title and language; the cover names the version and has a
table to sign; the table of contents lists every page title of the navigation with the right page
number (the page it names starts there and carries that title in its header, with its review
dates; the footer has the version and "pagina N van M"); every quiz has its answer key, the
Eindtoets's agreeing with the site's right options; the trainer material is in it; links to other
sites show their address.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, pdf_page_count, pdf_text
from quiztools import nav_quiz_pages

sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from reviews import dutch_date  # noqa: E402

VERSION = yaml.safe_load((ROOT / "data" / "changelog.yml").read_text("utf-8"))[0]
MKDOCS = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)


def front_matter(src: str) -> dict:
    return yaml.safe_load((ROOT / "docs" / src).read_text("utf-8").split("---", 2)[1])


def navigation(items=None) -> list[tuple[str, str]]:
    """(title, docs path) of every page in mkdocs.yml's nav, in order; an entry without a title
    has its page's front-matter title, as MkDocs shows it."""
    pages = []
    for item in MKDOCS["nav"] if items is None else items:
        if isinstance(item, str):
            pages.append((front_matter(item)["title"], item))
        else:
            (title, value), = item.items()
            pages += navigation(value) if isinstance(value, list) else [(title, value)]
    return pages


@pytest.fixture(scope="module")
def review(site_dir, tmp_path_factory):
    """`./run review-pdf` on the session's build: (the PDF, its text per page)."""
    dest = tmp_path_factory.mktemp("review")
    # A process of its own, as `./run review-pdf`: the session's Playwright already runs here.
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "review_pdf.py"), "--site", str(site_dir), str(dest)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (pdf,) = dest.glob("*.pdf")
    assert pdf.name == f"therapeutische-relatie-ggz-{VERSION['version']}-beoordeling.pdf"
    pages = pdf_text(pdf).split("\f")[:-1]  # pdftotext ends every page with a form feed
    assert len(pages) == pdf_page_count(pdf)
    return pdf, pages


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a4_tagged_with_outline_title_and_language(review):
    pdf, pages = review
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info, re.M), info
    assert re.search(r"^Title:\s+.*beoordelingsexemplaar versie " + re.escape(VERSION["version"]), info, re.M), info
    catalog = re.search(rb"/Type /Catalog.*?>>\s*endobj", pdf.read_bytes(), re.S).group(0)
    assert b"/Lang (nl)" in catalog and b"/Outlines" in catalog and b"/StructTreeRoot" in catalog, catalog
    assert len(pages) > 2 * len(navigation()), len(pages)


def test_cover_has_version_and_a_table_to_sign(review):
    _, pages = review
    cover = flat(pages[0])
    assert "Beoordelingsexemplaar voor de kwaliteitscommissie" in cover
    assert f"{VERSION['version']} van {dutch_date(VERSION['date'])}" in cover
    assert f"{len(navigation())} pagina's" in cover
    assert "Vastgesteld door de kwaliteitscommissie" in cover and "Handtekening" in cover


def test_contents_list_every_nav_page_with_the_page_it_starts_on(review):
    pdf, pages = review
    nav = navigation()
    assert len(nav) >= 40
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "4", str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert "Inhoud" in layout
    # Every line "title   page number", in order (not the footer's "pagina N van M").
    lines = [(title, int(n)) for title, n in re.findall(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", layout, re.M)
             if not re.search(r"pagina \d+ van$", title)]
    assert [title for title, _ in lines] == [title for title, _ in nav], lines
    numbers = [n for _, n in lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), numbers
    for (title, src), number in zip(nav, numbers):
        text, meta = flat(pages[number - 1]), front_matter(src)
        dates = f"Herzien {dutch_date(meta['reviewed'])} · volgende herziening {dutch_date(meta['next_review'])}"
        assert text.startswith(f"{title} {dates}"), (title, number, text[:200])  # the page's header
        assert meta["title"] in text, (title, number)  # its own heading
        assert re.search(rf"versie {re.escape(VERSION['version'])} van .* pagina {number} van {len(pages)}$", text), number
        # It starts there: the page before has another header.
        assert not flat(pages[number - 2]).startswith(f"{title} {dates}"), (title, number)


def test_every_quiz_has_its_answer_key_and_the_eindtoets_key_is_right(review, site_dir):
    _, pages = review
    text = flat(" ".join(pages))
    quizzes = nav_quiz_pages()
    assert len(quizzes) == 9
    for title, _ in quizzes:
        assert f"Antwoorden: {title}" in text, title
    exam = BeautifulSoup((site_dir / "zelftoetsen" / "eindtoets" / "index.html").read_text("utf-8"), "html.parser")
    questions = exam.select("article .quiz fieldset")
    assert len(questions) >= 10
    expected = [" en ".join(chr(ord("A") + i) for i, option in enumerate(q.select("input[name=answer]"))
                            if option.get("data-correct") == "true") for q in questions]
    key_page = next(page for page in pages if "Antwoorden: Eindtoets" in page)
    key = dict(re.findall(r"Vraag (\d+) ([A-E](?: en [A-E])*)", flat(key_page)))
    assert {int(n): letters for n, letters in key.items()} == dict(enumerate(expected, start=1))


def test_trainer_material_and_link_addresses(review):
    _, pages = review
    text = flat(" ".join(pages))
    for words in ["Zo begeleid je stap 1", "Werkvorm: De bouwstenen", "Stap 5: Afronding",
                  "Als iemand iets ingrijpends vertelt"]:
        assert words in text, words
    assert "www.113.nl (https://www.113.nl)" in text
    assert "(https://doi.org/10.1037/" in text  # the references print their DOI addresses
