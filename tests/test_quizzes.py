"""Self-check quizzes: behaviour in Chromium (answering, keyboard, progress, instant navigation,
Dutch only, print, axe) and the stable question ids of scripts/hooks/quizzes.py.

Tests read the correct options from the page (`data-correct`), so they hold when the quiz
content changes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from pathlib import Path

import polib
import pytest
import yaml

from conftest import ROOT

QUIZ_JS_MARK = "Self-check quizzes: the gaps mkdocs-quiz"
QUIZ = "zelftoetsen/samenwerking/"
OVERVIEW = "zelftoetsen/"
STORE = "quiz_progress_/" + QUIZ

spec = importlib.util.spec_from_file_location("quizzes_hook", ROOT / "scripts" / "hooks" / "quizzes.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)


def nav_quiz_pages() -> list[tuple[str, str]]:
    """(nav title, page path) of the quizzes in the Zelftoetsen nav section, in nav order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    section = next(item["Zelftoetsen"] for item in config["nav"] if "Zelftoetsen" in item)
    return [next(iter(e.items())) for e in section if isinstance(e, dict)]


def quiz_urls() -> list[str]:
    return [path.removesuffix(".md") + "/" for _, path in nav_quiz_pages()]


# --- helpers for the browser -------------------------------------------------------------------


def open_quiz(page, base_url, path=QUIZ):
    page.goto(base_url + path)
    page.wait_for_selector(".quiz")
    return page


def questions(page, kind: str):
    """Locators of the questions whose options are `kind` (radio or checkbox)."""
    return page.locator(f".quiz:has(input[type={kind}])")


def answer(quiz, right: bool) -> None:
    """Tick the correct options (or one wrong one) of a question and press Controleer."""
    if right:
        for box in quiz.locator("input[data-correct]").all():
            box.check()
    else:
        quiz.locator("input:not([data-correct])").first.check()
    quiz.locator("button[type=submit]").click()


def store(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORE)})") or "{}")


def accept_dialogs(page) -> list[str]:
    """Accept every confirm() and record its message."""
    messages: list[str] = []

    def on_dialog(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.on("dialog", on_dialog)
    return messages


def focus_next_option(page, max_tabs: int = 300) -> dict:
    """Press Tab until an enabled answer option has focus; return what has focus."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement;
            return {name: el.name, type: el.type, disabled: el.disabled, quiz: el.closest('.quiz')?.id,
                    checked: el.checked, outline: getComputedStyle(el).outlineStyle};
        }""")
        if info["name"] == "answer" and not info["disabled"]:
            return info
    raise AssertionError("Tab never reached an answer option")


def follow(page, link) -> None:
    """Click a link and wait until instant navigation has swapped in the new page's content."""
    page.evaluate("document.querySelector('article').dataset.left = 'yes'")
    link.click()
    page.wait_for_selector("article:not([data-left])")
    assert page.evaluate("window.stillHere === true"), "the page was reloaded, not navigated instantly"


@pytest.fixture
def instant(page):
    """A page on which instant navigation works: the shared fixture builds the site with the
    test server's address as SITE_URL, so Material's sitemap lists the served URLs."""
    return page


# --- build output -------------------------------------------------------------------------------


def test_assets_only_on_quiz_pages(site_dir, all_pages):
    quiz_pages = set(quiz_urls()) | {OVERVIEW}
    for url in all_pages:
        text = (site_dir / url / "index.html" if not url.endswith(".html") else site_dir / url).read_text(
            encoding="utf-8")
        ours, theirs = QUIZ_JS_MARK in text, "mkdocsQuizTranslations" in text
        if url in quiz_pages:
            assert ours, f"{url}: quiz.js is not inlined"
            assert theirs or url == OVERVIEW, f"{url}: mkdocs-quiz is not on the page"
        else:
            assert not ours and not theirs, f"{url}: quiz code on a page without quizzes"
            assert "assets/js/quiz.js" not in text and "assets/css/quiz.css" not in text, url


def test_every_quiz_page_has_intro_and_results(site_dir):
    for url in quiz_urls():
        text = (site_dir / url / "index.html").read_text(encoding="utf-8")
        assert 'class="quiz-intro"' in text, f"{url}: add `<!-- mkdocs-quiz intro -->` under the intro"
        assert 'id="quiz-results"' in text, f"{url}: add `<!-- mkdocs-quiz results -->` after the last quiz"


def test_questions_with_more_right_answers_say_so(site_dir):
    for url in quiz_urls():
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        for block in html.split('<div class="quiz" ')[1:]:
            hint = '<p class="quiz-multiple">' in block.split("<form")[0]
            assert hint == ('type="checkbox"' in block), f"{url}: {block[:120]}"


def test_question_ids_are_stable():
    one = "<quiz>\nVraag een?\n- [x] Ja\n> Goed.\n- [ ] Nee\n> Niet goed.\n\nUitleg.\n</quiz>\n"
    two = "<quiz>\nVraag twee?\n- [ ] Ja\n> Niet goed.\n- [x] Nee\n> Goed.\n\nUitleg.\n</quiz>\n"
    new = "<quiz>\nNieuwe vraag?\n- [x] A\n> Goed.\n- [ ] B\n> Niet goed.\n\nUitleg.\n</quiz>\n"
    a, b = hook.question_ids(one + two)
    assert re.fullmatch(r"quiz-[0-9a-f]{8}", a) and a != b
    assert hook.question_ids(new + one + two)[1:] == [a, b], "inserting a question moved the others"
    assert hook.question_ids(one.replace("Uitleg.", "Betere uitleg.") + two) == [a, b]
    assert hook.question_ids(one.replace("> Goed.", "> Klopt.") + two) == [a, b]
    changed = hook.question_ids(one.replace("Vraag een?", "Vraag een, anders?") + two)
    assert changed[0] != a and changed[1] == b, "editing a question must only reset that question"
    assert hook.question_ids(one.replace("- [x] Ja", "- [ ] Ja").replace("- [ ] Nee", "- [x] Nee") + two)[0] != a
    twice = hook.question_ids(one + one)
    assert len(set(twice)) == 2, "the same question twice must get two ids"


def test_built_ids_match_the_overview(site_dir):
    overview = (site_dir / OVERVIEW / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="([^"]+)">[^<]*</a></td>\s*<td[^>]*>(\d+)</td>\s*<td><span class="quiz-status" '
                        r'data-quiz-ids="([^"]+)"', overview)
    assert [href for href, _, _ in listed] == [url.removeprefix(OVERVIEW) for url in quiz_urls()]
    for href, count, ids in listed:
        html = (site_dir / OVERVIEW / href / "index.html").read_text(encoding="utf-8")
        on_page = re.findall(r'<div class="quiz"[^>]* id="(quiz-[0-9a-f]{8})"', html)
        assert on_page == ids.split() and len(on_page) == int(count), href
        assert not re.search(r'id="quiz-\d{1,7}(-|")', html), f"{href}: a positional id is left"


def test_dutch_strings_are_complete():
    """Every string mkdocs-quiz shows has a Dutch translation in locales/nl.po."""
    import mkdocs_quiz

    template = polib.pofile(str(Path(mkdocs_quiz.__file__).parent / "locales" / "mkdocs_quiz.pot"))
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(ROOT / "locales" / "nl.po"))}
    for entry in template:
        assert ours.get(entry.msgid, "").strip(), f"no Dutch for {entry.msgid!r}"
        assert ours[entry.msgid] != entry.msgid, f"{entry.msgid!r} is not translated"


# --- answering ----------------------------------------------------------------------------------


def test_answer_wrong_then_right(page, base_url):
    open_quiz(page, base_url)
    quiz = questions(page, "radio").first
    wrong = quiz.locator("input:not([data-correct])").first
    wrong_feedback = quiz.locator("input:not([data-correct]) ~ .answer-feedback").first.text_content().strip()
    explanation = quiz.locator("section.content")
    assert explanation.is_hidden()

    answer(quiz, right=False)
    feedback = quiz.locator(".quiz-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    assert wrong_feedback in feedback.inner_text()
    assert explanation.is_visible() and "Lees meer" in explanation.inner_text()
    assert "niet goed" in page.evaluate(
        "el => getComputedStyle(el.nextElementSibling, '::after').content", wrong.element_handle())
    assert "goed antwoord" in page.evaluate(
        "el => getComputedStyle(el.nextElementSibling, '::after').content",
        quiz.locator("input[data-correct]").first.element_handle())
    assert quiz.locator("button[type=submit]").is_disabled()

    other = questions(page, "checkbox").first
    answer(other, right=True)
    assert other.locator(".quiz-feedback-item.correct").count() >= 1
    assert other.locator(".quiz-feedback-item.incorrect").count() == 0
    assert other.locator("section.content").is_visible()
    saved = store(page)
    assert saved[quiz.get_attribute("id")]["correct"] is False
    assert saved[other.get_attribute("id")]["correct"] is True
    assert "Beantwoord: 2" in page.locator("#quiz-progress-sidebar").inner_text()
    assert not page.console_errors


def test_controleer_without_a_choice_does_not_answer(page, base_url):
    open_quiz(page, base_url)
    quiz = questions(page, "radio").first
    quiz.locator("button[type=submit]").click()
    assert quiz.locator(".quiz-feedback").inner_text().strip() == "Kies eerst een antwoord."
    assert quiz.locator("button[type=submit]").is_enabled()
    assert store(page) == {}
    answer(quiz, right=True)
    assert store(page)[quiz.get_attribute("id")]["correct"] is True


# --- keyboard -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["radio", "checkbox"])
def test_arrow_key_does_not_answer(page, base_url, kind):
    open_quiz(page, base_url)
    quiz = questions(page, kind).first
    first, second = quiz.locator("input[name=answer]").nth(0), quiz.locator("input[name=answer]").nth(1)
    first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.id") == second.get_attribute("id")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.id") == first.get_attribute("id")
    assert quiz.locator(".quiz-feedback").inner_text().strip() == ""
    assert quiz.locator("section.content").is_hidden()
    assert quiz.locator("button[type=submit]").is_enabled()
    if kind == "checkbox":
        assert quiz.locator("input:checked").count() == 0, "an arrow key ticked a box"
    assert store(page) == {}


def test_keyboard_only_run_through_a_quiz(page, base_url):
    open_quiz(page, base_url)
    total = page.locator(".quiz").count()
    for _ in range(total):
        info = focus_next_option(page)
        assert info["outline"] != "none", "focus on an option is not visible"
        quiz = page.locator(f"#{info['quiz']}")
        if info["type"] == "checkbox":
            # Tick the correct boxes, moving with the arrow keys.
            boxes = quiz.locator("input[name=answer]").count()
            for _ in range(boxes):
                if page.evaluate("() => document.activeElement.hasAttribute('data-correct')"):
                    page.keyboard.press("Space")
                page.keyboard.press("ArrowDown")
        else:
            # Arrow to the correct option (this selects it without answering).
            for _ in range(quiz.locator("input[name=answer]").count()):
                if page.evaluate("() => document.activeElement.hasAttribute('data-correct')"):
                    break
                page.keyboard.press("ArrowDown")
            if not page.evaluate("() => document.activeElement.checked"):
                page.keyboard.press("Space")  # Tab focuses the first radio without choosing it
            assert quiz.locator(".quiz-feedback").inner_text().strip() == ""
        page.keyboard.press("Enter")
        assert quiz.locator(".quiz-feedback-item.correct").count() >= 1, info
        assert page.evaluate("() => document.activeElement.classList.contains('quiz-feedback')")
    results = page.locator("#quiz-results")
    assert "Zelftoets afgerond" in results.inner_text() and "100%" in results.inner_text()
    assert all(v["correct"] for v in store(page).values()) and len(store(page)) == total


def test_controleer_button_has_visible_focus(page, base_url):
    open_quiz(page, base_url)
    quiz = questions(page, "radio").first
    quiz.locator("input[name=answer]").first.check()
    quiz.locator("input[name=answer]").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => ({text: document.activeElement.textContent.trim(),
        outline: getComputedStyle(document.activeElement).outlineStyle})""")
    assert focused == {"text": "Controleer", "outline": "solid"}
    page.keyboard.press("Enter")
    assert quiz.locator(".quiz-feedback-item").count() >= 1


# --- progress -----------------------------------------------------------------------------------


def test_answers_survive_reload_and_reset_wipes_them(page, base_url):
    dialogs = accept_dialogs(page)
    open_quiz(page, base_url)
    first, second = page.locator(".quiz").nth(0), page.locator(".quiz").nth(1)
    answer(first, right=True)
    answer(second, right=False)
    chosen = first.locator("input:checked").get_attribute("id")

    page.reload()
    page.wait_for_selector(".quiz")
    assert page.locator(f"#{chosen}").is_checked()
    assert first.locator(".quiz-feedback-item.correct").count() >= 1
    assert second.locator(".quiz-feedback-item.incorrect").count() >= 1
    sidebar = page.locator("#quiz-progress-sidebar").inner_text()
    assert "Beantwoord: 2 /" in sidebar and "Goed: 1 / 2" in sidebar
    assert "2 / 4 vragen beantwoord" in " ".join(page.locator("#quiz-results").inner_text().split())

    reset = page.get_by_role("button", name="Antwoorden van deze toets wissen").first
    assert reset.is_visible()
    reset.click()
    assert dialogs == ["Weet je zeker dat je je antwoorden wilt wissen? Je voortgang gaat dan verloren."]
    assert store(page) == {}
    assert page.locator(".quiz-reset-status").inner_text() == "Je antwoorden op deze toets zijn gewist."
    assert page.locator(".quiz input:checked").count() == 0
    assert first.locator("section.content").is_hidden()

    page.reload()
    page.wait_for_selector(".quiz")
    assert page.locator(".quiz input:checked").count() == 0
    assert "Beantwoord: 0 /" in page.locator("#quiz-progress-sidebar").inner_text()


def test_saved_answers_of_changed_questions_are_dropped(page, base_url):
    """A stored answer whose question id no longer exists (question edited) is removed on load."""
    page.goto(base_url + QUIZ)
    live = page.locator(".quiz").first.get_attribute("id")
    saved = {live: {"answered": True, "correct": True, "selectedValues": ["0"]},
             "quiz-0": {"answered": True, "correct": False, "selectedValues": ["1"]},
             "quiz-deadbeef": {"answered": True, "correct": True, "selectedValues": ["2"]}}
    page.evaluate(f"localStorage.setItem({json.dumps(STORE)}, {json.dumps(json.dumps(saved))})")
    page.reload()
    page.wait_for_selector(".quiz")
    assert list(store(page)) == [live]
    assert "Beantwoord: 1 /" in page.locator("#quiz-progress-sidebar").inner_text()


def test_progress_stays_in_view_on_a_phone(page, base_url):
    page.set_viewport_size({"width": 390, "height": 800})
    open_quiz(page, base_url)
    answer(page.locator(".quiz").first, right=True)
    page.locator(".quiz").nth(2).scroll_into_view_if_needed()
    bar = page.locator("#quiz-progress-mobile")
    box = bar.bounding_box()
    assert bar.is_visible() and 0 <= box["y"] < 800, "the progress bar is not in view"
    assert "Beantwoord: 1 /" in bar.inner_text() and "Goed: 1 / 1" in bar.inner_text()


def test_without_storage_the_quiz_works_and_says_so_in_dutch(page, base_url):
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('blocked', 'SecurityError'); }});")
    open_quiz(page, base_url)
    quiz = page.locator(".quiz").first
    answer(quiz, right=True)
    assert quiz.locator(".quiz-feedback-item.correct").count() >= 1
    intro = page.locator(".quiz-intro").inner_text()
    assert "Deze browser bewaart geen antwoorden" in intro and "alleen in deze browser bewaard" not in intro
    assert not ENGLISH.findall(page.evaluate("() => document.body.innerText"))


# --- instant navigation -------------------------------------------------------------------------


def test_quizzes_work_after_instant_navigation(instant, base_url):
    page = instant
    dialogs = accept_dialogs(page)
    page.goto(base_url)
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.stillHere = true")

    follow(page, page.locator(".md-sidebar--primary a[href$='/zelftoetsen/']").first)
    assert page.url == base_url + OVERVIEW
    follow(page, page.locator(".quiz-overview a").first)
    assert page.url == base_url + QUIZ

    quiz = questions(page, "radio").first
    quiz.locator("input[name=answer]").first.focus()
    page.keyboard.press("ArrowDown")
    assert quiz.locator(".quiz-feedback").inner_text().strip() == ""
    answer(quiz, right=False)
    assert quiz.locator(".quiz-feedback-item.incorrect").count() == 1
    assert quiz.locator(".quiz-feedback").get_attribute("aria-live") == "polite"
    assert quiz.locator("section.content").is_visible()
    assert "Beantwoord: 1 /" in page.locator("#quiz-progress-sidebar").inner_text()

    # Every other quiz, arriving from the previous one through the footer link.
    for url in quiz_urls()[1:]:
        follow(page, page.locator("a.md-footer__link--next"))
        assert page.url == base_url + url
        first = page.locator(".quiz").first
        answer(first, right=True)
        assert first.locator(".quiz-feedback-item.correct").count() >= 1, url
        assert f"Beantwoord: 1 / {page.locator('.quiz').count()}" in page.locator(
            "#quiz-progress-sidebar").inner_text(), url
        page.get_by_role("button", name="Antwoorden van deze toets wissen").first.click()
        assert len(dialogs) == 1, f"{url}: the reset asked more than once: handlers are doubled"
        assert page.locator(".quiz input:checked").count() == 0, url
        dialogs.clear()

    follow(page, page.locator(".md-sidebar--primary a[href$='/zelftoetsen/']").first)
    statuses = page.locator(".quiz-status").all_inner_texts()
    assert statuses[0].startswith("Bezig: 1 van") and statuses[0].endswith("0 goed")
    assert statuses[1] == "Nog niet begonnen"
    assert not page.console_errors


# --- overview -----------------------------------------------------------------------------------


def test_overview_lists_every_quiz_with_its_status(page, base_url):
    dialogs = accept_dialogs(page)
    open_quiz(page, base_url)
    for quiz in page.locator(".quiz").all():
        answer(quiz, right=True)
    page.goto(base_url + "zelftoetsen/taken/")
    answer(page.locator(".quiz").first, right=False)

    page.goto(base_url + OVERVIEW)
    rows = page.locator(".quiz-overview tbody tr")
    titles = [title for title, _ in nav_quiz_pages()]
    assert rows.locator("td:first-child").all_inner_texts() == titles
    statuses = page.locator(".quiz-status").all_inner_texts()
    count = int(rows.nth(0).locator("td").nth(1).inner_text())
    assert statuses[0] == f"Afgerond: {count} van {count} goed"
    assert re.fullmatch(r"Bezig: 1 van \d+ beantwoord, 0 goed", statuses[1])
    assert set(statuses[2:]) == {"Nog niet begonnen"}
    assert "alleen in deze browser" in page.locator("article").inner_text()

    page.get_by_role("button", name="Wis alle antwoorden").click()
    assert len(dialogs) == 1 and "alle zelftoetsen" in dialogs[0]
    assert set(page.locator(".quiz-status").all_inner_texts()) == {"Nog niet begonnen"}
    assert page.locator(".quiz-wipe-status").inner_text() == "Alle antwoorden in deze browser zijn gewist."
    assert not page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz_progress_'))")


# --- Dutch only ---------------------------------------------------------------------------------


ENGLISH = re.compile(r"\b(quiz|submit|reset|correct|incorrect|answer(ed)?|progress|try again|score|"
                     r"empty|question|complete|great|outstanding|luck)\b", re.I)


@pytest.mark.parametrize("width", [1280, 390])
def test_no_english_visible(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz").all()
    for n, quiz in enumerate(quizzes):
        answer(quiz, right=n % 2 == 0)
    text = page.evaluate("() => document.body.innerText")
    labels = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.md-content [aria-label], .md-content [title], #quiz-progress-sidebar [aria-label]'),
        el => (el.getAttribute('aria-label') || '') + ' ' + (el.getAttribute('title') || ''))""")
    for where in [text, *labels]:
        found = ENGLISH.findall(where)
        assert not found, f"English on the page: {found} in {where[:200]!r}"
    assert "Zelftoets afgerond" in text


# --- print --------------------------------------------------------------------------------------


def test_printed_quiz_is_a_clean_question_sheet(page, base_url, tmp_path):
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz")
    answer(quizzes.nth(0), right=False)
    answer(quizzes.nth(1), right=True)
    page.emulate_media(media="print")

    visible_buttons = page.evaluate("""() => Array.from(document.querySelectorAll('button, .md-button'))
        .filter(el => el.checkVisibility()).map(el => el.outerHTML.slice(0, 80))""")
    assert visible_buttons == []
    for selector in [".quiz-feedback", ".quiz section.content", ".quiz-intro", "#quiz-results",
                     ".quiz-progress-mobile", ".quiz-header-link"]:
        assert not page.evaluate(f"""() => Array.from(document.querySelectorAll('{selector}'))
            .some(el => el.checkVisibility())"""), f"{selector} prints"
    styles = page.evaluate("""() => Array.from(document.querySelectorAll('.quiz fieldset > div')).map(div => {
        const label = getComputedStyle(div.querySelector('label'));
        const marker = getComputedStyle(div.querySelector('label'), '::after').content;
        const box = getComputedStyle(div.querySelector('input')).appearance;
        return [label.color, label.fontWeight, label.textDecorationLine, marker, box].join('|');
    })""")
    assert len(set(styles)) == 1, f"answered options print differently: {set(styles)}"

    pdf = tmp_path / "quiz.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    question = " ".join(quizzes.nth(2).locator(".quiz-question").inner_text().split())
    assert question[:60] in flat
    explanation = " ".join(quizzes.nth(0).locator("section.content").text_content().split())
    for leaked in ["Controleer", "goed antwoord", "Antwoorden van deze toets wissen", explanation[:50]]:
        assert leaked not in flat, f"{leaked!r} is printed"


# --- accessibility ------------------------------------------------------------------------------


def axe_violations(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result]


@pytest.mark.parametrize("path", quiz_urls() + [OVERVIEW])
def test_axe_quiz_pages(page, base_url, axe_source, path):
    page.goto(base_url + path)
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_after_answering(page, base_url, axe_source, scheme):
    page.emulate_media(color_scheme=scheme)
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz").all()
    for n, quiz in enumerate(quizzes):
        answer(quiz, right=n % 2 == 0)  # feedback of both kinds, then the results panel
    assert page.locator(".quiz-results-complete").is_visible()
    assert axe_violations(page, axe_source) == []
