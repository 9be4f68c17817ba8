"""Self-check quizzes (element quizzes): the built markup, how a question looks and behaves in
Chromium (rows, marks, feedback, Volgende vraag, one progress bar, reset at the end), keyboard,
storage (malformed, blocked), without JavaScript, instant navigation, the overview and the check
marks in the navigation, Dutch only, print and axe. The Eindtoets is in test_eindtoets.py.

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
from playwright.sync_api import expect

from conftest import ROOT, axe_violations
from quiztools import (ENGLISH, EXAM, OVERVIEW, QUIZ, STORE, accept_dialogs, active, answer,
                       choose, flat, follow, nav_quiz_pages, open_quiz, questions, quiz_keys, quiz_urls, store)


spec = importlib.util.spec_from_file_location("quizzes_hook", ROOT / "scripts" / "hooks" / "quizzes.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)

RED = re.compile(r"rgba?\((\d+), (\d+), (\d+)")


def is_red(colour: str) -> bool:
    m = RED.match(colour)
    return bool(m) and int(m[1]) > 150 and int(m[2]) < 110 and int(m[3]) < 110


def label_before(row) -> str:
    return row.evaluate("el => getComputedStyle(el.querySelector('label'), '::before').content")


# --- build output -------------------------------------------------------------------------------


def test_assets_only_on_quiz_pages(site_dir, all_pages):
    """quiz.js (with mkdocs-quiz's script appended) and quiz.css: files with content-hashed names,
    on quiz pages only, quiz.js as the last script of Material's container (instant navigation runs
    it, and announces the page only once it has loaded); the overview gets quiz.css and its own
    small script; no page carries quiz code inline."""
    quiz_pages = set(quiz_urls())
    assert len(quiz_pages) >= 9
    for url in all_pages:
        text = (site_dir / url / "index.html").read_text(encoding="utf-8")
        scripts = re.findall(r'<script defer src="[./]*assets/js/([\w.-]+)"></script>', text)
        styles = re.findall(r'<link rel="stylesheet" href="[./]*assets/css/(quiz[\w.-]*)">', text)
        assert "mkdocsQuiz" not in text and "quizListening" not in text, f"{url}: inline quiz code"
        quiz = [s for s in scripts if "quiz" in s and not s.startswith("quiz-status.")]
        if url in quiz_pages:
            assert len(quiz) == 1 and re.fullmatch(r"quiz\.[0-9a-f]{8}\.js", quiz[0]), f"{url}: {scripts}"
            container = text[text.index('data-md-component="container"'):text.index('data-md-component="dialog"')]
            assert container.rindex("<script") == container.index(f"assets/js/{quiz[0]}") - len('<script defer src="../../'), \
                f"{url}: quiz.js is not the container's last script"
            assert len(styles) == 1 and re.fullmatch(r"quiz\.[0-9a-f]{8}\.css", styles[0]), f"{url}: {styles}"
        elif url == OVERVIEW:
            assert [s.split(".")[0] for s in quiz] == ["quiz-overview"], scripts
            assert len(styles) == 1, f"{url}: {styles}"
        else:
            assert quiz == [], f"{url}: quiz code on a page without quizzes"
            assert styles == [], f"{url}: quiz.css on a page without quizzes"
    built = next(site_dir.glob("assets/js/quiz.*.js")).read_text(encoding="utf-8")
    assert built.index("quizListening") < built.index("mkdocsQuizTranslations"), "mkdocs-quiz's code runs first"


def test_every_quiz_page_has_its_parts(site_dir):
    """Intro, "Vraag n van N" on every question, one progress bar, our results panel at the end;
    none of mkdocs-quiz's three progress displays, no inline handler or javascript: URL."""
    for url in quiz_urls():
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        content = html.split('<article', 1)[1].split("</article>", 1)[0]
        count = len(re.findall(r'<div class="quiz"[^>]* id="quiz-[0-9a-f]{8}"', content))
        assert count >= 5, url
        numbers = re.findall(r'<h2 class="quiz-number"[^>]*>(.*?)</h2>', content)
        assert numbers == [f"Vraag {n} van {count}" for n in range(1, count + 1)], url
        assert 'class="quiz-intro"' in content, f"{url}: add `<!-- mkdocs-quiz intro -->` under the intro"
        assert content.count('class="quiz-progress"') == 1, url
        panels = [m.start() for m in re.finditer(r'class="quiz-summary[ "]', content)]
        assert len(panels) == 1, f"{url}: add `<!-- mkdocs-quiz results -->` at the end"
        assert panels[0] > content.rindex('<div class="quiz"'), url
        for gone in ['id="quiz-progress-sidebar"', 'id="quiz-progress-mobile"', 'class="quiz-results-progress"',
                     'id="quiz-results"', "onsubmit=", "javascript:"]:
            assert gone not in content, f"{url}: {gone}"


def test_questions_with_more_right_answers_say_so(site_dir):
    for url in quiz_urls():
        html = (site_dir / url / "index.html").read_text(encoding="utf-8")
        blocks = html.split('<div class="quiz" ')[1:]
        assert blocks, url
        for block in blocks:
            legend = re.search(r'<fieldset[^>]*><legend class="quiz-question"[^>]*>(.*?)</legend>', block, re.S)
            assert legend, f"{url}: the question is not the legend of its options: {block[:160]}"
            hint = 'class="quiz-multiple"' in legend.group(1)
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
    assert hook.fingerprint([a, b]) != hook.fingerprint([a, changed[0]])


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
        fingerprint = re.search(r'<div id="quiz-config" hidden[^>]* data-fingerprint="([0-9a-f]{8})"', html)[1]
        assert fingerprint == hook.fingerprint(on_page), href
        assert f'data-quiz-fingerprint="{fingerprint}"' in overview, f"{href}: no nav check mark"


def test_dutch_strings_are_complete():
    """Every string mkdocs-quiz shows has a Dutch translation in locales/nl.po."""
    import mkdocs_quiz

    template = polib.pofile(str(Path(mkdocs_quiz.__file__).parent / "locales" / "mkdocs_quiz.pot"))
    ours = {e.msgid: e.msgstr for e in polib.pofile(str(ROOT / "locales" / "nl.po"))}
    assert len(template) > 10
    for entry in template:
        assert ours.get(entry.msgid, "").strip(), f"no Dutch for {entry.msgid!r}"
        assert ours[entry.msgid] != entry.msgid, f"{entry.msgid!r} is not translated"


# --- how a question looks ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
def test_options_are_full_width_rows_with_aligned_text(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_quiz(page, base_url)
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('.quiz fieldset > div'), div => {
        const fieldset = div.parentElement.getBoundingClientRect(), row = div.getBoundingClientRect();
        const label = div.querySelector('label'), input = div.querySelector('input');
        const range = document.createRange();
        range.selectNodeContents(label);
        const lines = Array.from(range.getClientRects()).filter(r => r.width > 0);
        const lefts = [...new Set(lines.map(r => Math.round(r.left)))];
        return {height: row.height, width: row.width, fieldset: fieldset.width,
                label: label.getBoundingClientRect().width, lines: new Set(lines.map(r => Math.round(r.top))).size,
                lefts: lefts.length, inputShown: getComputedStyle(input).display !== 'none',
                inputLeft: input.getBoundingClientRect().right <= Math.min(...lines.map(r => r.left))};
    })""")
    assert len(rows) >= 20
    for row in rows:
        assert row["height"] >= 44, row
        assert abs(row["width"] - row["fieldset"]) < 1, row
        assert row["label"] >= row["width"] - 2, "the label does not fill the row"
        assert row["inputShown"] and row["inputLeft"], "the real input is not in place"
        assert row["lefts"] == 1, f"wrapped text does not keep its left edge: {row}"
    if width == 390:
        assert sum(r["lines"] > 1 for r in rows) >= 5, "no wrapped option text to check at 390 px"

    # The whole row is clickable: a click at the far right end of a short option chooses it.
    row = questions(page, "radio").first.locator("fieldset > div").nth(1)
    box = row.locator("label").bounding_box()
    row.locator("label").click(position={"x": box["width"] - 4, "y": box["height"] - 4})
    assert row.locator("input").is_checked()


def test_wrong_answer_marks_feedback_once_and_next_question(page, base_url):
    open_quiz(page, base_url)
    quiz = questions(page, "radio").first
    ids = page.locator(".quiz").evaluate_all("qs => qs.map(q => q.id)")
    assert len(ids) >= 2 and ids.index(quiz.get_attribute("id")) < len(ids) - 1
    next_id = ids[ids.index(quiz.get_attribute("id")) + 1]
    wrong_row = quiz.locator("fieldset > div:has(input:not([data-correct]))").first
    right_row = quiz.locator("fieldset > div:has(input[data-correct])").first
    feedback = flat(wrong_row.locator(".answer-feedback").text_content())
    assert feedback and wrong_row.locator(".answer-feedback").is_hidden()
    assert quiz.locator(".quiz-next").is_hidden() and quiz.locator("section.content").is_hidden()

    answer(quiz, right=False)
    # The chosen option and the right one are marked with an icon and a word; nothing struck through.
    assert "✗" in label_before(wrong_row) and "niet goed" in label_before(wrong_row)
    assert "✓" in label_before(right_row) and "Goed antwoord" in label_before(right_row)
    decorations = quiz.locator("label").evaluate_all("ls => ls.map(l => getComputedStyle(l).textDecorationLine)")
    assert len(decorations) >= 3 and set(decorations) == {"none"}
    assert "Niet goed" in quiz.locator(".quiz-number").evaluate("el => getComputedStyle(el, '::after').content")
    # The chosen option's feedback: once, in full, directly under it.
    shown = quiz.locator(".answer-feedback:visible")
    assert shown.count() == 1
    assert flat(shown.inner_text()) == feedback
    assert flat(quiz.inner_text()).count(feedback) == 1 and "…" not in flat(shown.inner_text())
    label_box, feedback_box = wrong_row.locator("label").bounding_box(), shown.bounding_box()
    assert 0 <= feedback_box["y"] - (label_box["y"] + label_box["height"]) < 4
    assert quiz.locator("section.content").is_visible()
    assert quiz.locator("button[type=submit]").is_hidden(), "the grey Controleer stays"
    expect(page.locator(".quiz-announcer")).to_have_text(re.compile(r"^Niet goed"))
    # Then "Volgende vraag" takes focus to the next question.
    assert active(page)["hasChecked"], "focus is not on the chosen option"
    quiz.locator(".quiz-next").click()
    assert active(page)["id"] == next_id + "-number"
    assert store(page)[quiz.get_attribute("id")]["correct"] is False
    assert not page.console_errors


def test_right_answer_with_more_options(page, base_url):
    open_quiz(page, base_url)
    quiz = questions(page, "checkbox").first
    keys = quiz.locator("input[data-correct]").count()
    assert keys >= 2
    answer(quiz, right=True)
    marks = [label_before(quiz.locator("fieldset > div").nth(i)) for i in range(quiz.locator("fieldset > div").count())]
    assert sum("Jouw antwoord: goed" in m for m in marks) == keys
    assert not any("niet goed" in m for m in marks)
    assert quiz.locator(".answer-feedback:visible").count() == keys
    assert "Goed" in quiz.locator(".quiz-number").evaluate("el => getComputedStyle(el, '::after').content")
    expect(page.locator(".quiz-announcer")).to_have_text("Goed.")
    assert store(page)[quiz.get_attribute("id")]["correct"] is True


def test_controleer_without_a_choice_does_not_answer(page, base_url):
    open_quiz(page, base_url)
    quiz = questions(page, "radio").first
    quiz.locator("button[type=submit]").click()
    assert quiz.locator(".quiz-feedback").inner_text().strip() == "Kies eerst een antwoord."
    assert quiz.locator(".quiz-feedback").is_visible()
    assert quiz.locator("button[type=submit]").is_enabled()
    assert store(page) == {}
    answer(quiz, right=True)
    assert store(page)[quiz.get_attribute("id")]["correct"] is True
    assert quiz.locator(".quiz-feedback").is_hidden()


# --- progress, results, reset ---------------------------------------------------------------------


def test_progress_in_one_place_never_red(page, base_url):
    open_quiz(page, base_url)
    total = page.locator(".quiz").count()
    assert page.locator(".quiz-progress").count() == 1
    bar = page.locator(".quiz-progress")
    assert flat(bar.locator(".quiz-progress-text").inner_text()) == f"0 van {total} beantwoord"
    answer(page.locator(".quiz").first, right=False)
    assert flat(bar.locator(".quiz-progress-text").inner_text()) == f"1 van {total} beantwoord · 0 goed"
    fill = bar.locator(".quiz-progress-fill")
    assert float(fill.evaluate("el => el.style.width").rstrip("%")) == pytest.approx(100 / total)
    colours = bar.evaluate("""el => Array.from(el.querySelectorAll('*')).concat(el)
        .flatMap(e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor])""")
    assert colours and not [c for c in colours if is_red(c)]
    assert page.locator("#quiz-progress-sidebar, #quiz-progress-mobile, .quiz-results-progress").count() == 0


def test_answers_survive_reload_and_reset_is_at_the_end(page, base_url):
    dialogs = accept_dialogs(page)
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    reset = page.get_by_role("button", name="Opnieuw beginnen")
    assert reset.is_hidden(), "a reset before anything is answered"
    first, second = quizzes.nth(0), quizzes.nth(1)
    answer(first, right=True)
    answer(second, right=False)
    chosen = first.locator("input:checked").get_attribute("id")

    page.reload()
    page.wait_for_selector(".quiz")
    assert page.locator(f"#{chosen}").is_checked()
    assert first.locator(".answer-feedback:visible").count() >= 1
    assert "niet goed" in label_before(second.locator("fieldset > div.wrong"))
    assert flat(page.locator(".quiz-progress-text").inner_text()) == f"2 van {total} beantwoord · 1 goed"
    assert page.locator(".quiz-summary-title").is_hidden()

    # One reset, after the last question, secondary, with a confirmation.
    assert reset.count() == 1 and reset.is_visible()
    assert reset.evaluate("(el) => !!(document.querySelectorAll('.quiz')[document.querySelectorAll('.quiz').length - 1]"
                          ".compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)")
    assert "md-button--primary" not in reset.get_attribute("class")
    reset.click()
    assert dialogs == ["Weet je zeker dat je je antwoorden wilt wissen? Je voortgang gaat dan verloren."]
    assert store(page) == {} and quiz_keys(page) == []
    expect(page.locator(".quiz-announcer")).to_have_text("Je antwoorden op deze toets zijn gewist.")
    assert page.locator(".quiz input:checked").count() == 0
    assert first.locator("section.content").is_hidden()
    assert active(page)["id"] == first.get_attribute("id") + "-number"
    assert reset.is_hidden()

    page.reload()
    page.wait_for_selector(".quiz")
    assert page.locator(".quiz input:checked").count() == 0
    assert flat(page.locator(".quiz-progress-text").inner_text()) == f"0 van {total} beantwoord"


def test_reset_cancelled_keeps_the_answers(page, base_url):
    dialogs = accept_dialogs(page, accept=False)
    open_quiz(page, base_url)
    quiz = page.locator(".quiz").first
    answer(quiz, right=True)
    page.get_by_role("button", name="Opnieuw beginnen").click()
    assert len(dialogs) == 1
    assert quiz.get_attribute("id") in store(page)
    assert quiz.locator("input:checked").count() >= 1 and quiz.locator("section.content").is_visible()


def test_finished_quiz_result_is_announced(page, base_url):
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    assert total >= 2
    live = page.locator(".quiz-summary-live")
    assert live.get_attribute("role") == "status" and live.inner_text() == ""
    for n in range(total):
        answer(quizzes.nth(n), right=n != 0)
    expect(live).to_contain_text(f"Je hebt {total - 1} van {total} vragen goed.")
    assert page.locator(".quiz-summary-title").is_visible()
    last = quizzes.nth(total - 1).locator(".quiz-next")
    assert last.inner_text() == "Naar je resultaat"
    last.click()
    assert active(page)["id"] == "quiz-summary-title"


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_scrolling_respects_reduced_motion(page, base_url, motion):
    page.add_init_script("""(() => {
        window.scrolls = [];
        const original = Element.prototype.scrollIntoView;
        Element.prototype.scrollIntoView = function (options) {
            if (this.classList.contains('quiz')) window.scrolls.push(options && options.behavior);
            return original.call(this, options);
        };
    })()""")
    page.emulate_media(reduced_motion=motion)
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz")
    answer(quizzes.first, right=True)
    page.evaluate("window.scrolls = []")
    quizzes.first.locator(".quiz-next").click()
    behaviours = page.evaluate("window.scrolls")
    assert behaviours == ["instant" if motion == "reduce" else "smooth"]


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
    assert quiz.locator(".quiz-feedback").is_hidden()
    assert quiz.locator("section.content").is_hidden()
    assert quiz.locator("button[type=submit]").is_enabled()
    if kind == "checkbox":
        assert quiz.locator("input:checked").count() == 0, "an arrow key ticked a box"
    assert store(page) == {}


def tab_to(page, predicate: str, max_tabs: int = 60) -> dict:
    """Press Tab until `predicate` (JS, on document.activeElement as `el`) holds; return active()."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({predicate}); }}"):
            return active(page)
    raise AssertionError(f"Tab never reached {predicate}")


@pytest.mark.parametrize("width", [1280, 390])
def test_keyboard_only_run_through_a_quiz(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    assert total >= 5
    tab_to(page, "el.name === 'answer'", max_tabs=300)  # past the header and the navigation
    for n in range(total):
        info = active(page)
        assert info["name"] == "answer" and info["quiz"] == quizzes.nth(n).get_attribute("id"), info
        row_outline = page.evaluate("() => getComputedStyle(document.activeElement.parentElement).outlineStyle")
        assert row_outline == "solid", "focus on an option is not visible"
        quiz = quizzes.nth(n)
        options = quiz.locator("input[name=answer]").count()
        if info["type"] == "checkbox":
            for _ in range(options):  # tick the correct boxes, moving with the arrow keys
                if page.evaluate("() => document.activeElement.hasAttribute('data-correct')"):
                    page.keyboard.press("Space")
                page.keyboard.press("ArrowDown")
        else:
            for _ in range(options):  # arrow to the correct option (selects without answering)
                if page.evaluate("() => document.activeElement.hasAttribute('data-correct')"):
                    break
                page.keyboard.press("ArrowDown")
            if not page.evaluate("() => document.activeElement.checked"):
                page.keyboard.press("Space")
            assert quiz.locator("section.content").is_hidden()
        page.keyboard.press("Enter")
        assert quiz.locator(".answer-feedback:visible").count() >= 1
        assert active(page)["hasChecked"], "after answering, focus is not on the chosen option"
        nxt = tab_to(page, "el.classList.contains('quiz-next')")
        assert nxt["quiz"] == quiz.get_attribute("id")
        page.keyboard.press("Enter")
        if n < total - 1:
            assert active(page)["id"] == quizzes.nth(n + 1).get_attribute("id") + "-number"
            tab_to(page, "el.name === 'answer'")
        else:
            assert active(page)["id"] == "quiz-summary-title"
    assert len(store(page)) == total and all(v["correct"] for v in store(page).values())
    assert not page.console_errors


def test_tab_from_option_reaches_controleer(page, base_url):
    open_quiz(page, base_url)
    quiz = questions(page, "radio").first
    quiz.locator("input[name=answer]").first.check()
    quiz.locator("input[name=answer]").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => ({text: document.activeElement.textContent.trim(),
        outline: getComputedStyle(document.activeElement).outlineStyle})""")
    assert focused == {"text": "Controleer", "outline": "solid"}
    page.keyboard.press("Enter")
    assert quiz.locator(".answer-feedback:visible").count() == 1


# --- robustness -----------------------------------------------------------------------------------


def test_malformed_stored_answers_are_dropped(page, base_url):
    """Malformed entries (missing or null selectedValues, wrong types, unknown values, two values
    for one radio) and unknown questions are dropped; every question still works."""
    page.goto(base_url + QUIZ)
    page.wait_for_selector(".quiz")
    ids = page.locator(".quiz").evaluate_all("qs => qs.map(q => q.id)")
    radios = questions(page, "radio").evaluate_all("qs => qs.map(q => q.id)")
    assert len(ids) >= 5 and len(radios) >= 3
    valid = ids[-1]
    saved = {
        ids[0]: {"answered": True, "correct": False},                           # no selectedValues
        ids[1]: {"answered": True, "correct": False, "selectedValues": None},   # null
        ids[2]: {"answered": "yes", "correct": 1, "selectedValues": ["0"]},     # wrong types
        ids[3]: {"answered": True, "correct": True, "selectedValues": [0, "9"]},  # numbers, unknown value
        radios[0]: {"answered": True, "correct": False, "selectedValues": ["0", "1"]},  # two for a radio
        valid: {"answered": True, "correct": True, "selectedValues": ["0"]},
        "quiz-deadbeef": {"answered": True, "correct": True, "selectedValues": ["2"]},  # edited away
        "quiz-0": "nonsense",
    }
    page.evaluate(f"localStorage.setItem({json.dumps(STORE)}, {json.dumps(json.dumps(saved))})")
    page.reload()
    page.wait_for_selector(".quiz")
    assert list(store(page)) == [valid]
    assert page.locator(f"#{valid} input:disabled").count() >= 1, "the valid answer is not restored"
    quizzes = page.locator(".quiz")
    for n in range(len(ids) - 1):  # every other question still answers
        answer(quizzes.nth(n), right=True)
        assert quizzes.nth(n).locator(".answer-feedback:visible").count() >= 1, n
    assert len(store(page)) == len(ids)

    page.evaluate(f"localStorage.setItem({json.dumps(STORE)}, '{{not json')")
    page.reload()
    page.wait_for_selector(".quiz")
    assert store(page) == {}
    answer(page.locator(".quiz").first, right=True)
    assert len(store(page)) == 1


def test_without_storage_the_quiz_works_and_says_so_in_dutch(page, base_url):
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('blocked', 'SecurityError'); }});")
    page.set_viewport_size({"width": 390, "height": 800})
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    for n in range(total):
        answer(quizzes.nth(n), right=True)
        assert quizzes.nth(n).locator(".answer-feedback:visible").count() >= 1
    expect(page.locator(".quiz-summary-live")).to_contain_text(f"{total} van {total}")
    intro = page.locator(".quiz-intro").inner_text()
    assert "Deze browser bewaart geen antwoorden" in intro and "alleen in deze browser" not in intro
    assert not ENGLISH.findall(page.evaluate("() => document.body.innerText"))


def test_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(base_url + QUIZ)
    first = page.locator("article > *").evaluate_all(
        "els => els.filter(e => !['SCRIPT', 'STYLE'].includes(e.tagName) && !e.hidden).slice(0, 2).map(e => e.tagName)")
    assert first == ["H1", "NOSCRIPT"], "the note is not at the top"
    note = page.locator(".quiz-noscript")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    assert total >= 5 and page.locator("details.quiz-explanation").count() == total
    for n in range(total):
        details = quizzes.nth(n).locator("details.quiz-explanation")
        body = details.locator(".quiz-explanation-body")
        assert details.locator("summary").is_visible() and body.is_hidden()
        details.locator("summary").click()
        assert body.is_visible() and "Lees" in body.inner_text()
    for hidden in ["button[type=submit]", ".quiz-progress", ".quiz-summary", ".quiz-next"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    context.close()


# --- instant navigation, overview, check marks ----------------------------------------------------


def test_quizzes_work_after_instant_navigation(page, base_url):
    dialogs = accept_dialogs(page)
    # Material navigates instantly only to URLs in sitemap.xml: wait for it before clicking.
    with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
        page.goto(base_url)
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.stillHere = true")
    # (Addresses are compared without their fragment: navigation.tracking may add the section in view.)

    follow(page, page.locator(".md-tabs__link[href$='/zelftoetsen/']").first)  # the home page: tabs, no sidebar
    assert page.url.split("#")[0] == base_url + OVERVIEW
    follow(page, page.locator(".quiz-overview a").first)
    assert page.url.split("#")[0] == base_url + QUIZ

    quiz = questions(page, "radio").first
    quiz.locator("input[name=answer]").first.focus()
    page.keyboard.press("ArrowDown")
    assert quiz.locator(".answer-feedback:visible").count() == 0
    answer(quiz, right=False)
    assert quiz.locator("fieldset > div.wrong").count() == 1
    assert quiz.locator("section.content").is_visible()
    assert page.locator(".quiz-progress-text").inner_text().startswith("1 van")

    # Every other quiz, arriving from the previous one through the footer link.
    for url in quiz_urls()[1:]:
        follow(page, page.locator("a.md-footer__link--next"))
        assert page.url.split("#")[0] == base_url + url
        first = page.locator(".quiz").first
        choose(first, right=True)
        if url == EXAM:
            assert first.locator("button[type=submit]").is_hidden()
            continue
        first.locator("button[type=submit]").click()
        assert first.locator(".answer-feedback:visible").count() >= 1, url
        assert page.locator(".quiz-progress-text").inner_text().startswith("1 van"), url
        page.get_by_role("button", name="Opnieuw beginnen").click()
        assert len(dialogs) == 1, f"{url}: the reset asked more than once: handlers are doubled"
        assert page.locator(".quiz input:checked").count() == 0, url
        dialogs.clear()

    follow(page, page.locator(".md-tabs__link[href$='/zelftoetsen/']").first)  # the home page: tabs, no sidebar
    statuses = page.locator(".quiz-status").all_inner_texts()
    assert statuses[0].startswith("Bezig: 1 van") and statuses[0].endswith("0 goed")
    assert statuses[1] == "Nog niet begonnen"
    exam_ids = page.locator(".quiz-status").last.get_attribute("data-quiz-ids").split()
    assert statuses[-1] == f"Bezig: 1 van {len(exam_ids)} beantwoord"
    assert not page.console_errors


def nav_marked(page, url: str) -> bool:
    """Is the check mark next to the quiz at `url` shown in the site navigation?"""
    shown = page.evaluate("""(path) => Array.from(document.querySelectorAll('.md-sidebar--primary .quiz-nav-done'))
        .filter(m => new URL(m.dataset.quizUrl, location.href).pathname === path).map(m => !m.hidden)""", "/" + url)
    assert shown and len(set(shown)) == 1, f"{url}: {shown}"
    return shown[0]


def test_finished_quiz_gets_a_check_mark_in_nav_and_overview(page, base_url):
    dialogs = accept_dialogs(page)
    # Material navigates instantly only to URLs in sitemap.xml: wait for it before clicking.
    with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
        page.goto(base_url + OVERVIEW)
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.stillHere = true")
    marks = page.locator(".md-sidebar--primary .quiz-nav-done")
    assert marks.count() == len(quiz_urls())
    assert marks.evaluate_all("ms => ms.filter(m => !m.hidden).length") == 0

    follow(page, page.locator(".quiz-overview a").first)
    quizzes = page.locator(".quiz")
    for n in range(quizzes.count() - 1):
        answer(quizzes.nth(n), right=n % 2 == 0)
    assert not nav_marked(page, QUIZ), "a check mark before the quiz is finished"
    answer(quizzes.last, right=True)
    assert nav_marked(page, QUIZ), "no check mark once the quiz is finished"
    assert "afgerond" in page.locator(".md-sidebar--primary .quiz-nav-done:not([hidden])").first.text_content()

    follow(page, page.locator(".md-tabs__link[href$='/zelftoetsen/']").first)  # the home page: tabs, no sidebar
    assert nav_marked(page, QUIZ)
    status = page.locator(".quiz-status").first
    assert status.inner_text().startswith("Afgerond") and "✓" in status.evaluate(
        "el => getComputedStyle(el, '::before').content")
    # A stale mark (the quiz was edited since: other fingerprint) does not show.
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", ["quiz_done_/" + quiz_urls()[1], "deadbeef"])
    page.reload()
    page.wait_for_selector(".quiz-overview")
    assert not nav_marked(page, quiz_urls()[1]) and nav_marked(page, QUIZ)

    page.get_by_role("button", name="Wis alle antwoorden").click()
    assert len(dialogs) == 1 and "alle zelftoetsen" in dialogs[0]
    assert marks.evaluate_all("ms => ms.filter(m => !m.hidden).length") == 0
    assert set(page.locator(".quiz-status").all_inner_texts()) == {"Nog niet begonnen"}
    assert quiz_keys(page) == []


def test_overview_lists_every_quiz_with_its_status(page, base_url):
    dialogs = accept_dialogs(page)
    open_quiz(page, base_url)
    for quiz in page.locator(".quiz").all():
        answer(quiz, right=True)
    page.goto(base_url + "zelftoetsen/taken/")
    answer(page.locator(".quiz").first, right=False)
    page.evaluate("localStorage.setItem('quiz_name', 'Iemand')")

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
    assert quiz_keys(page) == [], "Wis alle antwoorden leaves quiz_ keys"


# --- Dutch only ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_no_english_visible(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz").all()
    assert len(quizzes) >= 5
    for n, quiz in enumerate(quizzes):
        answer(quiz, right=n % 2 == 0)
    text = page.evaluate("() => document.body.innerText")
    labels = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.md-content [aria-label], .md-content [title]'),
        el => (el.getAttribute('aria-label') || '') + ' ' + (el.getAttribute('title') || ''))""")
    for where in [text, *labels]:
        found = ENGLISH.findall(where)
        assert not found, f"English on the page: {found} in {where[:200]!r}"
    assert "Je hebt" in page.locator(".quiz-summary").inner_text()


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
    for selector in [".quiz-feedback", ".quiz section.content", ".quiz-intro", ".quiz-summary", ".answer-feedback",
                     ".quiz-progress", ".quiz-header-link", ".quiz-next"]:
        assert not page.evaluate(f"""() => Array.from(document.querySelectorAll('{selector}'))
            .some(el => el.checkVisibility())"""), f"{selector} prints"
    styles = page.evaluate("""() => Array.from(document.querySelectorAll('.quiz fieldset > div')).map(div => {
        const label = getComputedStyle(div.querySelector('label'));
        const marker = getComputedStyle(div.querySelector('label'), '::before').content;
        const box = getComputedStyle(div.querySelector('input')).appearance;
        return [label.color, label.fontWeight, label.textDecorationLine, marker, box,
                getComputedStyle(div).borderColor, getComputedStyle(div).backgroundColor].join('|');
    })""")
    assert len(styles) >= 20 and len(set(styles)) == 1, f"answered options print differently: {set(styles)}"

    pdf = tmp_path / "quiz.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat_text = flat(text)
    question = flat(quizzes.nth(2).locator(".quiz-question").inner_text())
    assert question[:60] in flat_text and "vraag 3 van" in flat_text.lower()
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout)[1])
    assert pages <= 2 + quizzes.count() // 2, "the question sheet wastes paper"
    explanation = flat(quizzes.nth(0).locator("section.content").text_content())
    for leaked in ["Controleer", "Goed antwoord", "Opnieuw beginnen", "Volgende vraag", "beantwoord",
                   explanation[20:70]]:
        assert leaked not in flat_text, f"{leaked!r} is printed"
    # A worksheet: lettered options, and the answer key alone on the last page (issue 12).
    last = flat(subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout)
    assert last.startswith("Antwoorden") and "vraag 3 van" not in last.lower(), last[:200]
    keys = page.evaluate("""() => [...document.querySelectorAll('.quiz')].map(quiz =>
        [...quiz.querySelectorAll('input[name=answer]')].map((input, n) => input.dataset.correct === 'true'
            ? String.fromCharCode(65 + n) : '').filter(Boolean).join(' en '))""")
    assert len(keys) == quizzes.count() >= 5
    for n, letters in enumerate(keys, start=1):
        assert f"Vraag {n} {letters}" in last, f"the key of question {n} ({letters}) is not on the last page"
    assert "A." in flat_text and "B." in flat_text


# --- accessibility ------------------------------------------------------------------------------


# (axe on every quiz page before answering, in both palettes: the page walk in test_pages.py)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_after_answering(page, base_url, axe_source, scheme, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    open_quiz(page, base_url)
    quizzes = page.locator(".quiz").all()
    assert len(quizzes) >= 5
    for n, quiz in enumerate(quizzes):
        answer(quiz, right=n % 2 == 0)  # feedback of both kinds, then the result
    assert page.locator(".quiz-summary-title").is_visible()
    assert axe_violations(page, axe_source) == []
