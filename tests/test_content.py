"""Clinical content layer (issue 9): safety box, word budgets, review dates, editorial roles and
versions, settings outside the therapy room, exact evidence and references.

- The "Veiligheid eerst" box (includes/veiligheid.md) is on the pages that must carry it and on
  the zakkaart (one line); a page about those subjects without it fails the build.
- The word budgets (data/word_budgets.yml) hold, counted with scripts/hooks/words.py.
- Every page shows its review dates; a missing date fails the build; an overdue one shows a
  notice and the build still passes; `scripts/reviews.py` lists it.
- Editorial roles that are not set leave no empty label (the example institution's filled-in
  roles: tests/test_instelling.py); the Wijzigingen page and the footer show the module version
  from data/changelog.yml.
- Every element page has an example from outside the weekly therapy session; the Vragenbank
  filters by setting, combined with the moment filter.
- No causal wording on the teaching pages; every journal reference has a DOI or says it is
  incomplete; the feedback page gives the PCOMS result in psychiatric settings.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
import wordcount  # noqa: E402  (scripts/wordcount.py: the budget check itself)
from conftest import site_config  # noqa: E402  (the institution's settings, if any)
from words import article_words  # noqa: E402

SAFETY_PAGES = ["tips/spanning-benoemen/", "tips/relatiebreuken/", "elementen/vertrouwen/",
                "elementen/eerdere-ervaringen/", "uitdagingen/"]
ELEMENTS = ["samenwerking", "taken", "vertrouwen", "empathie", "afstemming", "bespreekbaarheid",
            "eerdere-ervaringen"]
SETTINGS = [row["id"] for row in yaml.safe_load((ROOT / "data" / "settings.yml").read_text("utf-8"))]


def soup_of(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text("utf-8"), "html.parser")


def article(site_dir: Path, path: str):
    return soup_of(site_dir, path).select_one("article.md-content__inner")


def html_path(site_dir: Path, page: str) -> Path:
    return site_dir / page if page.endswith(".html") else site_dir / page / "index.html"


# --- Veiligheid eerst --------------------------------------------------------------------------

def test_safety_box_is_on_the_listed_pages(site_dir):
    for path in SAFETY_PAGES:
        boxes = article(site_dir, path).select(".veiligheid")
        assert len(boxes) == 1, f"/{path}: {len(boxes)} safety boxes"
        box = boxes[0]
        text = " ".join(box.get_text(" ").split())
        for needed in ["Veiligheid eerst", "zelfdoding", "protocol", "113", "0800-0113", "agressie",
                       "meld het incident", "Acuut gevaar"]:
            assert needed in text, f"/{path}: safety box lacks {needed!r}"
        assert box.get("data-words") == "skip"
        assert box.name != "details" or box.has_attr("open"), f"/{path}: the safety box must show its advice without a click"
        sources = box.select("a[href*='bronnen/#veiligheid-en-recht']")
        assert len(sources) == 1, f"/{path}: the box does not link its sources"
        target = sources[0]["href"].split("#")[0]
        assert (html_path(site_dir, path).parent / target / "index.html").resolve().exists()


def test_safety_box_is_not_repeated_in_search(site_dir):
    """data-search-exclude keeps the box out of every page's search entry; the Bronnen page,
    which lists the sources, is where search finds 113. (Quiz items that teach the number are
    their own text, not the box.)"""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))["docs"]
    hits = sorted({d["location"].split("#")[0] for d in docs
                   if "0800-0113" in d["text"] and not d["location"].startswith("zelftoetsen/")})
    assert hits == ["bronnen/"], hits


def test_zakkaart_has_the_one_line_version(site_dir):
    """On the A4 summary once, and on the back of every badge card (the preview and the sheet)."""
    page = article(site_dir, "zakkaart")
    assert not page.select(".veiligheid")
    summary = page.select(".zakkaart .veiligheid-kort")
    backs = page.select(".kaart--achter")
    assert len(summary) == 1 and len(backs) == 9
    for line in summary + [back.select_one(".veiligheid-kort") for back in backs]:
        text = line.get_text(" ")
        assert "113" in text and "0800-0113" in text and "zelfdoding" in text


def page_text(title: str, body: str) -> str:
    return (f"---\ntype: page\ntitle: {title}\ndescription: Een testpagina.\n"
            f"reviewed: 2026-12-01\nnext_review: 2027-12-01\n---\n\n# {title}\n\n{body}\n")


def test_a_page_about_hopelessness_without_the_box_fails_the_build(build_with):
    body = "Een patiënt klinkt al weken hopeloos.\n"
    broken = build_with({"docs/over.md": page_text("Over", body)})
    assert broken.returncode != 0
    line = page_text("Over", body).splitlines().index(body.strip()) + 1
    assert f"docs/over.md:{line}: this page discusses hopeloosheid (‘hopeloos…’)" in broken.output, broken.output[-2000:]
    assert '--8<-- "veiligheid.md:box"' in broken.output
    fixed = build_with({"docs/over.md": page_text("Over", '--8<-- "veiligheid.md:box"\n\n' + body)})
    assert fixed.returncode == 0, fixed.output[-2000:]


# --- Word budgets ------------------------------------------------------------------------------

def test_word_budgets_hold(site_dir):
    counts = wordcount.count(site_dir)
    kinds = {kind for kind, _ in counts.values()}
    assert {"element", "tip", "quiz", "page"} <= kinds, kinds
    assert len([1 for kind, _ in counts.values() if kind == "element"]) == len(ELEMENTS)
    problems, totals = wordcount.check(counts, wordcount.load_budgets())
    print("\n".join(f"{page}: {words}" for page, (_, words) in counts.items()))
    print(totals)
    assert not problems, "\n".join(problems)
    assert totals["site"] == sum(words for _, words in counts.values())


def test_word_count_counts_collapsibles_and_skips_the_safety_box(site_dir):
    html = wordcount.article_html(html_path(site_dir, "elementen/vertrouwen/").read_text("utf-8"))
    soup = BeautifulSoup(html, "html.parser")
    details = soup.select("details")
    assert len(details) >= 3, "element pages put research and pitfalls in collapsible blocks"
    in_details = sum(article_words(str(d)) for d in details)
    assert in_details > 50
    box = soup.select_one(".veiligheid")
    assert box and article_words(str(box)) == 0 < len(box.get_text().split())
    without_details = BeautifulSoup(html, "html.parser")
    for d in without_details.select("details"):
        d.decompose()
    assert article_words(html) - article_words(str(without_details)) == in_details


def test_element_pages_open_with_the_short_version(site_dir):
    for slug in ELEMENTS:
        body = article(site_dir, f"elementen/{slug}")
        first = body.find(["div", "details", "h2"], recursive=False)
        assert first is not None and "abstract" in first.get("class", []), slug


# --- Review dates ------------------------------------------------------------------------------

def test_every_page_shows_its_review_dates(site_dir, all_pages):
    assert len(all_pages) > 30
    for page in all_pages:
        soup = BeautifulSoup(html_path(site_dir, page).read_text("utf-8"), "html.parser")
        line = soup.select("article .herziening")
        assert len(line) == 1, f"/{page}: no review dates"
        text = " ".join(line[0].get_text(" ").split())
        assert "Laatst inhoudelijk herzien:" in text and "Volgende herziening:" in text, page
        times = [t["datetime"] for t in line[0].select("time")]
        assert len(times) == 2 and times[0] < times[1], page
        assert line[0].get("data-words") == "skip"


def test_missing_review_date_fails_and_overdue_date_shows_a_notice(build_with, tmp_path):
    missing = build_with({"docs/over.md": page_text("Over", "Tekst.").replace("next_review: 2027-12-01\n", "")})
    assert missing.returncode != 0
    assert "docs/over.md:1: front matter has no `next_review`." in missing.output, missing.output[-2000:]

    overdue = build_with({"docs/over.md": page_text("Over", "Tekst.")
                          .replace("reviewed: 2026-12-01", "reviewed: 2019-01-01")
                          .replace("next_review: 2027-12-01", "next_review: 2020-01-01")})
    assert overdue.returncode == 0, overdue.output[-2000:]
    html = (tmp_path / "out" / "over" / "index.html").read_text("utf-8")
    notice = BeautifulSoup(html, "html.parser").select(".herziening-verlopen")
    assert len(notice) == 1 and "1 januari 2020" in notice[0].get_text()


def test_reviews_command_lists_overdue_pages():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "reviews.py"), "--date", "2030-01-01"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    pages = list((ROOT / "docs").rglob("*.md"))
    assert proc.stdout.count("OVERDUE") == len(pages), proc.stdout
    today = subprocess.run([sys.executable, str(ROOT / "scripts" / "reviews.py"), "--date", "2026-12-02"],
                           capture_output=True, text=True, check=True)
    assert "OVERDUE" not in today.stdout and f"0 of {len(pages)} pages overdue." in today.stdout


# --- Editorial roles and versions ----------------------------------------------------------------

def test_unset_roles_leave_no_empty_labels(site_dir):
    """The module alone sets no roles; an institution's settings file may set some (all of them:
    tests/test_instelling.py)."""
    given = (site_config().get("extra") or {}).get("redactie") or {}
    text = soup_of(site_dir, "").select_one(".md-copyright").get_text(" ")
    for key, label in [("inhoudelijk_verantwoordelijke", "Inhoudelijk verantwoordelijk:"), ("redactie", "Redactie:"),
                       ("contact", "Contact:")]:
        assert (label in text) == bool(str(given.get(key) or "").strip()), label
    about = article(site_dir, "over").get_text(" ")
    assert ("nog niet ingevuld" in about) == (not any(str(value or "").strip() for value in given.values()))


def test_wijzigingen_page_and_footer_show_the_versions(site_dir):
    versions = yaml.safe_load((ROOT / "data" / "changelog.yml").read_text("utf-8"))
    page = article(site_dir, "wijzigingen")
    headings = [h.get_text(" ", strip=True) for h in page.select("h2")]
    assert len(headings) == len(versions) and headings[0].startswith(f"Versie {versions[0]['version']}")
    assert len(page.select("#versie-1-1 + ul > li")) == len(versions[0]["changes"])
    footer = soup_of(site_dir, "elementen/empathie").select_one(".md-copyright").get_text(" ")
    assert f"Versie {versions[0]['version']}" in footer
    assert soup_of(site_dir, "elementen/empathie").select_one(".md-copyright a[href='../../wijzigingen/']")


# --- Every setting --------------------------------------------------------------------------------

def test_every_element_page_has_an_example_outside_the_therapy_room(site_dir):
    for slug in ELEMENTS:
        examples = [a for a in article(site_dir, f"elementen/{slug}").select(".admonition.example")
                    if a.select_one(".admonition-title").get_text().startswith("Buiten de spreekkamer")]
        assert len(examples) == 1, slug
        assert len(examples[0].get_text().split()) > 25, slug


def test_bank_has_questions_for_every_setting(site_dir):
    bank = soup_of(site_dir, "vragenbank")
    found = {q["data-setting"] for q in bank.select(".vragenbank .vraag[data-setting]")}
    assert found == set(SETTINGS)
    assert len(bank.select(".vragenbank-filter button[data-setting]")) == len(SETTINGS) + 1


VISIBLE = ("[...document.querySelectorAll('.vragenbank .vraag')].filter(q => q.checkVisibility())"
           ".map(q => [q.dataset.moment, q.dataset.setting || ''])")


def test_setting_filter_combines_with_the_moment_filter(page, base_url):
    page.goto(base_url + "vragenbank/")
    total = len(page.evaluate(VISIBLE))
    settings = page.get_by_role("group", name="Toon vragen voor")
    moments = page.get_by_role("group", name="Toon vragen bij")
    count = page.locator(".vragenbank-telling")
    buttons = settings.locator("button[data-setting]:not([data-setting=''])")
    assert buttons.count() == len(SETTINGS)
    for i in range(buttons.count()):
        button = buttons.nth(i)
        setting = button.get_attribute("data-setting")
        button.click()
        shown = page.evaluate(VISIBLE)
        assert shown and {s for _, s in shown} == {setting}, setting
        assert count.inner_text() == (f"{len(shown)} vragen" if len(shown) != 1 else "1 vraag")
        assert button.get_attribute("aria-pressed") == "true"
    settings.locator("button[data-setting='verplicht']").click()
    moment = page.evaluate(VISIBLE)[0][0]
    moments.locator(f"button[data-moment='{moment}']").click()
    both = page.evaluate(VISIBLE)
    assert both and {tuple(x) for x in both} == {(moment, "verplicht")}
    settings.get_by_role("button", name="Alle situaties").click()
    assert {m for m, _ in page.evaluate(VISIBLE)} == {moment}
    moments.get_by_role("button", name="Alle momenten").click()
    assert len(page.evaluate(VISIBLE)) == total and count.inner_text() == f"{total} vragen"
    assert not page.console_errors and not page.foreign_requests


def test_unknown_setting_fails_the_build_with_file_and_line(build_with):
    lines = (ROOT / "docs" / "vragenbank.md").read_text("utf-8").split("\n")
    at = lines.index("{{ vragenbank }}")
    lines[at:at] = ["- ‘Een testvraag?’ {.vraag moment=start setting=afdeling}", ""]
    proc = build_with({"docs/vragenbank.md": "\n".join(lines)})
    assert proc.returncode != 0
    assert f"docs/vragenbank.md:{at + 1}: unknown setting 'afdeling'" in proc.output, proc.output[-2000:]


# --- Evidence, stated exactly ----------------------------------------------------------------------

CAUSAL = re.compile(r"\b(werkt beter|werken beter|leidt tot (een )?beter|zorgt voor (een )?beter|"
                    r"maakt de behandeling beter|verbetert de uitkomst|feedback vragen loont)", re.I)


def test_no_causal_wording_on_teaching_pages(site_dir, all_pages):
    checked = 0
    for page in all_pages:
        if page.startswith("zelftoetsen/"):
            continue  # the quiz pages (issue 10) have their own check
        text = BeautifulSoup(html_path(site_dir, page).read_text("utf-8"), "html.parser").select_one("article").get_text(" ")
        checked += 1
        found = CAUSAL.search(" ".join(text.split()))
        assert not found, f"/{page}: causal wording {found.group(0)!r}; write ‘hangt samen met’"
    assert checked > 25


def test_every_journal_reference_has_a_doi_or_says_it_is_incomplete(site_dir):
    items = article(site_dir, "bronnen").select("li")
    journal = [li for li in items if re.search(r"\d+\(\d[^)]*\)", li.get_text())]
    assert len(journal) >= 12
    for li in journal:
        text = li.get_text(" ")
        assert "doi.org/10." in text or "Bron onvolledig" in text, text[:120]


def test_positive_regard_is_given_as_r_next_to_r_figures(site_dir):
    empathy = " ".join(article(site_dir, "elementen/empathie").get_text(" ").split())
    assert "g = .28 (≈ r = .14)" in empathy
    background = " ".join(article(site_dir, "achtergrond").get_text(" ").split())
    assert "r = d / √(d² + 4)" in background and "≈ .14" in background


def test_feedback_page_gives_the_pcoms_result_in_psychiatric_settings(site_dir):
    text = " ".join(article(site_dir, "feedback").get_text(" ").split())
    assert "psychiatrische settings" in text and "g = 0.10, p = .144" in text
    assert "Østergård et al., 2020" in text and "praktijkadvies" in text


def test_srs_licensing_is_worded_the_same_everywhere(site_dir, all_pages):
    wording = "Individuele behandelaars mogen de SRS gratis gebruiken, na registratie bij de makers."
    pages = [p for p in all_pages if "Gebruiksrecht van de SRS" in article(site_dir, p.rstrip("/")).get_text()]
    assert sorted(pages) == ["feedback/", "tips/feedback-hulpmiddelen/"]
    for page in pages:
        assert wording in " ".join(article(site_dir, page.rstrip("/")).get_text(" ").split())
