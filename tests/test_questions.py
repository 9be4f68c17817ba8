"""Example questions: tags become questions with a copy button; every page keeps the questions it
has (counted per page and moment below); the Vragenbank has them all, filters by moment with a
live count; a malformed tag stops the build with file and line."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BANK = "vragenbank/"
MOMENTS = [row["id"] for row in yaml.safe_load((ROOT / "data" / "moments.yml").read_text("utf-8"))]

# Read independently of the hook: a one-line list item ending in {.vraag moment=ID}.
TAGGED = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?P<text>.+?)\s*\{\s*\.vraag\s+moment=(?P<moment>\w+)(?:\s+setting=\w+)?\s*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
QUOTES = "‘’“”'\""


def plain(text: str) -> str:
    """Question text as a reader sees it: no outer quotes, no Markdown emphasis, one space."""
    text = re.sub(r"[*_`]", "", text).strip()
    if len(text) > 1 and text[0] in QUOTES and text[-1] in QUOTES:
        text = text[1:-1]
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def tagged_in_docs() -> list[tuple[str, int, str, str]]:
    """(page, line, moment, text) for every tagged question in docs/."""
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        fenced = False
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if FENCE.match(line):
                fenced = not fenced
            elif not fenced and (match := TAGGED.match(line)):
                found.append((path.relative_to(ROOT).as_posix(), number, match["moment"], plain(match["text"])))
    return found


def bank_questions(site_dir: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup((site_dir / BANK / "index.html").read_text("utf-8"), "html.parser")
    return [(q["data-moment"], plain(q.select_one(".vraag__tekst").get_text()))
            for q in soup.select(".vragenbank .vraag")]


# Tagged example questions per page and moment, as the site stands (December 2026). Deleting a
# question fails the test below; when you add or remove one on purpose, change its count here.
QUESTIONS_PER_PAGE = {
    "elementen/afstemming/": {"start": 4, "evaluatie": 1},
    "elementen/bespreekbaarheid/": {"evaluatie": 1, "feedback": 3, "start": 1},
    "elementen/eerdere-ervaringen/": {"start": 6, "spanning": 1},
    "elementen/empathie/": {"start": 2, "feedback": 2, "spanning": 1, "zelfreflectie": 1},
    "elementen/samenwerking/": {"start": 3, "evaluatie": 1, "spanning": 1},
    "elementen/taken/": {"taken": 4, "evaluatie": 1},
    "elementen/vertrouwen/": {"start": 1, "spanning": 1, "breuk": 3},
    "feedback/": {"feedback": 5},
    "tips/bespreekbaar-vanaf-begin/": {"start": 6},
    "tips/eigen-positie/": {"zelfreflectie": 5},
    "tips/feedback-hulpmiddelen/": {"feedback": 4},
    "tips/intervisie/": {"zelfreflectie": 3},
    "tips/regelmatig-terugkomen/": {"evaluatie": 5, "spanning": 1},
    "tips/relatiebreuken/": {"breuk": 5},
    "tips/spanning-benoemen/": {"spanning": 4},
    "tips/taken-afstemmen/": {"taken": 6},
    "tips/transparant/": {"taken": 4, "breuk": 1, "start": 1},
    "uitdagingen/": {"zelfreflectie": 8},
    "verplichte-zorg/": {"start": 4, "breuk": 1},
}
TOTAL_QUESTIONS = 101


def shown_per_page(site_dir: Path, all_pages: list[str]) -> dict[str, dict[str, int]]:
    """Example questions shown in each page's content (the Vragenbank aside), per moment."""
    shown = {}
    for url in all_pages:
        if url == BANK:
            continue
        soup = BeautifulSoup((site_dir / url / "index.html").read_text("utf-8"), "html.parser")
        moments = [q["data-moment"] for q in soup.select("article .vraag")]
        if moments:
            shown[url] = {m: moments.count(m) for m in dict.fromkeys(moments)}
    return shown


# --- Build output ------------------------------------------------------------------------------

def test_every_page_keeps_its_example_questions(site_dir, all_pages):
    assert sum(sum(m.values()) for m in QUESTIONS_PER_PAGE.values()) == TOTAL_QUESTIONS
    shown = shown_per_page(site_dir, all_pages)
    assert shown, "no example question on any page"
    changed = [f"{url}: {shown.get(url, {})}, expected {expected}"
               for url, expected in QUESTIONS_PER_PAGE.items() if shown.get(url, {}) != expected]
    changed += [f"{url}: {found}, expected none" for url, found in shown.items() if url not in QUESTIONS_PER_PAGE]
    assert not changed, "example questions per page and moment changed:\n" + "\n".join(changed)


def test_every_tagged_question_is_in_the_bank(site_dir):
    tagged = tagged_in_docs()
    assert len(tagged) == TOTAL_QUESTIONS, f"found {len(tagged)} tagged questions in docs/"
    bank = set(bank_questions(site_dir))
    assert bank, "the Vragenbank shows no question"
    missing = [f"{page}:{line} [{moment}] {text}" for page, line, moment, text in tagged_in_docs()
               if (moment, text) not in bank]
    assert not missing, "tagged questions missing from the Vragenbank:\n" + "\n".join(missing)


def test_bank_lists_each_question_once_with_its_pages(site_dir):
    questions = bank_questions(site_dir)
    assert len(questions) == len(set(questions)), "a question appears twice under one moment"
    soup = BeautifulSoup((site_dir / BANK / "index.html").read_text("utf-8"), "html.parser")
    count = soup.select_one(".vragenbank-telling").get_text()
    assert count == (f"{len(questions)} vragen" if len(questions) != 1 else "1 vraag")
    items = soup.select(".vragenbank li")
    assert len(items) == len(questions) > 0
    for item in items:
        assert item.select(".vraag-bron a[href]"), f"no link to its page: {item.get_text()}"
    headings = [h.get("id") for h in soup.select(".vragenbank-groep > h2")]
    assert headings == [m for m in MOMENTS if m in headings], "moments out of order"


def test_tags_are_removed_from_pages(site_dir):
    leftovers = [str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html")
                 if "{.vraag" in p.read_text("utf-8")]
    assert not leftovers, f"tag text left on: {leftovers}"


def test_collect_deduplicates_and_keeps_every_page():
    """The hook's collection step on its own: same text twice = one entry with both pages."""
    hook = load_hook()
    source = "- ‘Hoe ervaar je  onze samenwerking?’ {.vraag moment=evaluatie}\n- ‘Nieuw?’ {.vraag moment=start}\n"
    hook._found.update({
        "a.md": [q for _, q in hook.scan(source, "docs/a.md")],
        "b.md": [q for _, q in hook.scan(source.replace("  ", " "), "docs/b.md")],
    })
    hook._order[:] = ["b.md", "a.md"]
    grouped = hook.collect()
    assert [(q.text, q.pages) for q in grouped["evaluatie"]] == [("Hoe ervaar je onze samenwerking?", ["b.md", "a.md"])]
    assert [q.pages for q in grouped["start"]] == [["b.md", "a.md"]]


def load_hook():
    spec = importlib.util.spec_from_file_location("questions_hook", ROOT / "scripts/hooks/questions.py")
    hook = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = hook  # dataclasses look their module up while the class is built
    spec.loader.exec_module(hook)
    hook.on_config(None)
    return hook


@pytest.mark.parametrize(
    "tag, problem",
    [
        ("{.vraag moment=onbekend}", "unknown moment 'onbekend'"),
        ("{.vraag moment=evalutie}", "did you mean 'evaluatie'"),
        ("{.vraag}", "has no moment"),
        ("{.vrag moment=start}", "is not a valid example-question tag"),
    ],
)
def test_malformed_tag_names_file_line_and_the_valid_moments(tag, problem):
    """The hook's scanner on a page in memory (no build)."""
    hook = load_hook()
    source = f"# Vragen\n\nTekst.\n\n- ‘Een testvraag?’ {tag}\n"
    with pytest.raises(PluginError) as error:
        list(hook.scan(source, "docs/vragenbank.md", offset=4))
    message = str(error.value)
    assert message.startswith("docs/vragenbank.md:9: "), message
    assert problem in message and "Fix:" in message, message
    assert all(moment in message for moment in MOMENTS), "the error should list the valid moments"


def test_malformed_tag_fails_the_build(build_with):
    lines = (DOCS / "vragenbank.md").read_text("utf-8").split("\n")
    at = lines.index("{{ vragenbank }}")
    lines[at:at] = ["- ‘Een testvraag?’ {.vraag moment=onbekend}", ""]
    proc = build_with({"docs/vragenbank.md": "\n".join(lines)})
    assert proc.returncode != 0, "the build should fail"
    assert f"docs/vragenbank.md:{at + 1}: unknown moment 'onbekend'" in proc.output, proc.output


# --- In the browser ----------------------------------------------------------------------------

VISIBLE_MOMENTS = "[...document.querySelectorAll('.vragenbank .vraag')].filter(q => q.checkVisibility()).map(q => q.dataset.moment)"


def test_filter_shows_only_the_chosen_moment(page, base_url):
    page.goto(base_url + BANK)
    total = len(page.evaluate(VISIBLE_MOMENTS))
    assert total > 0
    count = page.locator(".vragenbank-telling")
    assert count.get_attribute("role") == "status"
    filters = page.get_by_role("group", name="Toon vragen bij")
    moments = filters.locator("button[data-moment]:not([data-moment=''])")
    assert moments.count() == len(set(page.evaluate(VISIBLE_MOMENTS))) > 1, "one button per moment"
    for i in range(moments.count()):
        button = moments.nth(i)
        moment = button.get_attribute("data-moment")
        button.click()
        shown = page.evaluate(VISIBLE_MOMENTS)
        assert shown and set(shown) == {moment}, f"{moment}: shows {sorted(set(shown))}"
        assert count.inner_text() == (f"{len(shown)} vragen" if len(shown) != 1 else "1 vraag")
        assert button.get_attribute("aria-pressed") == "true"
        assert filters.locator("button[aria-pressed='true']").count() == 1
    filters.get_by_role("button", name="Alle momenten").click()
    assert len(page.evaluate(VISIBLE_MOMENTS)) == total
    assert count.inner_text() == f"{total} vragen"
    assert not page.console_errors and not page.foreign_requests


def test_copy_button_copies_exactly_the_question(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(base_url + BANK)
    question = page.locator(".vragenbank .vraag").nth(1)
    expected = question.locator(".vraag__tekst").inner_text().strip()
    button = question.get_by_role("button", name="Kopieer vraag")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert question.locator(".vraag-kopieer__status").inner_text() == "Gekopieerd"
    assert page.locator(".vraag-melding[role=status]").inner_text() == "Gekopieerd"
    assert not page.console_errors


def test_questions_on_content_pages_have_a_copy_button_after_navigation(page, base_url):
    """Follow a link from the bank to a question's page: the copy button is there too."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(base_url + BANK)
    page.locator(".vragenbank .vraag-bron a").first.click()
    page.wait_for_url(lambda url: BANK not in url)
    question = page.locator(".md-content .vraag").first
    question.get_by_role("button", name="Kopieer vraag").click()
    expected = question.locator(".vraag__tekst").inner_text().strip()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert not page.console_errors


def test_copy_falls_back_when_the_clipboard_api_refuses(page, base_url):
    """On an intranet over plain http navigator.clipboard is missing or refuses: copy still works."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('blocked'))")
    page.goto(base_url + BANK)
    question = page.locator(".vragenbank .vraag").first
    button = question.get_by_role("button", name="Kopieer vraag")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == question.locator(".vraag__tekst").inner_text().strip()
    assert question.locator(".vraag-kopieer__status").inner_text() == "Gekopieerd"
    assert page.evaluate("document.activeElement.classList.contains('vraag-kopieer')"), "focus left the button"
