"""The Eindtoets as a test: no feedback until it is handed in ("Inleveren"), then the review
(score, pass or not by data/quiz.yml's pass mark, per topic with a link to reread, every question
with its feedback); "Opnieuw" starts afresh; the events and storage keys of contract 6; on a pass
a proof of participation printed on one A4 page. Also keyboard only, 390 px, blocked storage, axe.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, site_config
from conftest import axe_violations
from quiztools import EXAM, SETTINGS, active, choose, flat, front_matter, quiz_keys, store

KEYS = {f"quiz_{kind}_/{EXAM}" for kind in ("progress", "handedin", "done")}
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
EVENTS = """(() => {
    window.quizEvents = [];
    for (const name of ['quiz:handed-in', 'quiz:restarted']) {
        document.addEventListener(name, e => window.quizEvents.push({name, detail: e.detail ?? null}));
    }
    window.print = () => { window.printed = (window.printed || 0) + 1; };  // page.pdf() does the printing
})()"""


@pytest.fixture
def exam(page, base_url):
    page.add_init_script(EVENTS)
    page.goto(base_url + EXAM)
    page.wait_for_selector(".quiz")
    return page


def pattern(total: int, wrong: int) -> list[bool]:
    """Which questions to answer right: the first `wrong` ones wrong."""
    return [n >= wrong for n in range(total)]


def fill_in(page, right: list[bool]) -> None:
    quizzes = page.locator(".quiz")
    assert quizzes.count() == len(right)
    for n, ok in enumerate(right):
        choose(quizzes.nth(n), ok)


def expected(right: list[bool]) -> dict:
    score, total = sum(right), len(right)
    return {"score": score, "max": total, "percent": round(100 * score / total),
            "passed": score * 100 >= SETTINGS["pass_mark"] * total, "passMark": SETTINGS["pass_mark"]}


def failing_count(total: int) -> int:
    """The fewest wrong answers that fail."""
    return next(w for w in range(total + 1) if (total - w) * 100 < SETTINGS["pass_mark"] * total)


def test_no_feedback_before_hand_in_and_choices_are_kept(exam):
    page = exam
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    assert total >= 15
    assert page.locator(".quiz button[type=submit]:visible").count() == 0
    for n in range(3):
        choose(quizzes.nth(n), right=n != 1)
    quizzes.nth(0).locator("input:checked").first.press("Enter")
    assert page.locator(".quiz fieldset > div.correct, .quiz fieldset > div.wrong").count() == 0
    assert page.locator(".answer-feedback:visible, .quiz section.content:visible, .quiz-next:visible").count() == 0
    assert page.locator(".quiz input:disabled").count() == 0
    assert flat(page.locator(".quiz-progress-text").inner_text()) == f"3 van {total} beantwoord"
    assert store(page, f"quiz_progress_/{EXAM}") == {} and page.locator(".quiz-review").is_hidden()

    page.reload()
    page.wait_for_selector(".quiz")
    assert page.locator(".quiz input:checked").count() >= 3, "the choices are lost on reload"
    assert flat(page.locator(".quiz-progress-text").inner_text()) == f"3 van {total} beantwoord"
    assert quiz_keys(page) == [f"quiz_draft_/{EXAM}"]


def test_hand_in_needs_every_question(exam):
    page = exam
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    for n in range(total):
        if n not in (2, 9):
            choose(quizzes.nth(n), right=True)
    page.get_by_role("button", name="Inleveren").click()
    missing = page.locator(".quiz-handin-missing")
    assert missing.is_visible() and active(page)["cls"] == "quiz-handin-missing"
    assert flat(missing.inner_text()) == "Beantwoord eerst alle vragen. Nog open: vraag 3 en vraag 10."
    assert missing.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        "#" + quizzes.nth(2).get_attribute("id"), "#" + quizzes.nth(9).get_attribute("id")]
    assert page.locator(".quiz-review").is_hidden() and page.evaluate("window.quizEvents") == []
    assert page.locator(".quiz input:disabled").count() == 0
    choose(quizzes.nth(2), right=True)
    choose(quizzes.nth(9), right=True)
    assert missing.is_hidden()


def test_hand_in_shows_the_review(exam, site_dir):
    page = exam
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    right = pattern(total, 3)
    fill_in(page, right)
    page.get_by_role("button", name="Inleveren").click()

    result = expected(right)
    review = page.locator(".quiz-review")
    assert review.is_visible() and page.locator(".quiz-handin").is_hidden()
    assert active(page)["id"] == "quiz-summary-title"
    assert page.evaluate("window.quizEvents") == [{"name": "quiz:handed-in", "detail": result}]
    assert review.locator(".quiz-review-score").inner_text() == \
        f"{result['score']} van {total} vragen goed ({result['percent']}%)"
    verdict = review.locator(".quiz-review-verdict").inner_text()
    assert verdict.startswith("Geslaagd" if result["passed"] else "Nog niet geslaagd")
    assert f"{SETTINGS['pass_mark']}%" in verdict
    expect(page.locator(".quiz-summary-live")).to_have_text(re.compile(rf"^Ingeleverd: {result['score']} van"))

    # Per topic: how many right, with a link to the page that teaches it.
    topics = quizzes.evaluate_all("qs => qs.map(q => q.dataset.topic)")
    assert all(topics), "a question without a topic (its explanation links to no page)"
    rows = review.locator("tr[data-topic]")
    assert rows.count() == len(set(topics)) >= 7
    for i in range(rows.count()):
        row = rows.nth(i)
        name = row.get_attribute("data-topic")
        picks = [ok for ok, topic in zip(right, topics) if topic == name]
        assert row.locator("td").inner_text() == f"{sum(picks)} van {len(picks)}"
        href = row.locator("a").get_attribute("href")
        target = urlsplit(urljoin(page.url, href)).path.lstrip("/")
        assert (site_dir / target / "index.html").exists(), f"{name}: {href} leads nowhere"
        assert row.locator("a").inner_text() == name
    # Per question, and every question with its feedback and explanation.
    verdicts = review.locator(".quiz-question-verdict").all_inner_texts()
    assert verdicts == ["goed" if ok else "niet goed" for ok in right]
    for n in range(total):
        quiz = quizzes.nth(n)
        assert quiz.locator(".answer-feedback:visible").count() >= 1, n
        assert quiz.locator("section.content").is_visible(), n
        assert ("Niet goed" if not right[n] else "Goed") in quiz.locator(".quiz-number").evaluate(
            "el => getComputedStyle(el, '::after').content")
    assert set(quiz_keys(page)) == KEYS
    assert page.evaluate(f"localStorage.getItem('quiz_handedin_/{EXAM}')") == datetime.date.today().isoformat()
    assert len(store(page, f"quiz_progress_/{EXAM}")) == total

    # The review stays after a reload, without a second hand-in event.
    page.reload()
    page.wait_for_selector(".quiz")
    assert review.is_visible() and page.evaluate("window.quizEvents") == []
    assert review.locator(".quiz-question-verdict").all_inner_texts() == verdicts


def test_below_the_pass_mark(exam, tmp_path):
    page = exam
    total = page.locator(".quiz").count()
    right = pattern(total, failing_count(total))
    fill_in(page, right)
    page.get_by_role("button", name="Inleveren").click()
    result = expected(right)
    assert result["passed"] is False
    assert page.evaluate("window.quizEvents")[0]["detail"] == result
    verdict = page.locator(".quiz-review-verdict").inner_text()
    assert verdict.startswith("Nog niet geslaagd") and "1 meer goed nodig" in verdict
    assert page.locator(".quiz-proof-form").is_hidden()
    # Printed, a failed Eindtoets is the question sheet, not a proof.
    pdf = tmp_path / "failed.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert "Bewijs van deelname" not in text and "vraag 1 van" in text.lower()


def test_opnieuw_starts_afresh(exam):
    page = exam
    total = page.locator(".quiz").count()
    fill_in(page, pattern(total, 2))
    page.get_by_role("button", name="Inleveren").click()
    decisions, messages = [False, True], []  # first cancel, then confirm

    def on_dialog(dialog):
        messages.append(dialog.message)
        dialog.accept() if decisions[len(messages) - 1] else dialog.dismiss()

    page.on("dialog", on_dialog)
    reset = page.get_by_role("button", name="Opnieuw", exact=True)
    reset.click()
    assert len(messages) == 1 and page.locator(".quiz-review").is_visible()
    assert set(quiz_keys(page)) == KEYS, "cancelling cleared something"

    page.evaluate("window.quizEvents = []")
    reset.click()
    assert len(messages) == 2, "no confirmation"
    assert page.evaluate("window.quizEvents") == [{"name": "quiz:restarted", "detail": None}]
    assert quiz_keys(page) == []
    assert page.locator(".quiz-review").is_hidden() and page.locator(".quiz-handin").is_visible()
    assert page.locator(".quiz input:checked, .quiz input:disabled").count() == 0
    assert page.locator(".quiz section.content:visible, .answer-feedback:visible").count() == 0
    assert flat(page.locator(".quiz-progress-text").inner_text()) == f"0 van {total} beantwoord"
    assert active(page)["id"] == page.locator(".quiz").first.get_attribute("id") + "-number"


def test_proof_of_participation_prints_on_one_a4_page(exam, tmp_path):
    page = exam
    total = page.locator(".quiz").count()
    right = pattern(total, 1)
    fill_in(page, right)
    page.get_by_role("button", name="Inleveren").click()
    form = page.locator(".quiz-proof-form")
    assert form.is_visible()
    button = page.get_by_role("button", name="Bewijs van deelname afdrukken")
    button.click()
    assert page.locator(".quiz-proof-message").inner_text() == "Vul eerst je naam in."
    assert active(page)["id"] == "quiz-proof-name" and not page.evaluate("window.printed")
    name = "Anna de Vries-van Dijk"
    page.get_by_label("Je naam op het bewijs").fill(name)
    button.click()
    assert page.evaluate("window.printed") == 1
    assert page.evaluate("localStorage.getItem('quiz_name')") == name

    pdf = tmp_path / "bewijs.pdf"
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+|Page size:\s+595\.\d+ x 842\.\d+", info), info
    text = flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    today = datetime.date.today()
    config = site_config()  # the institution's site name, when it has a settings file
    version = yaml.safe_load((ROOT / "data" / "changelog.yml").read_text(encoding="utf-8"))[0]["version"]
    result = expected(right)
    for needed in ["Bewijs van deelname", name, f"{today.day} {MONTHS[today.month - 1]} {today.year}",
                   f"{result['score']} van {total} vragen goed ({result['percent']}%)", config["site_name"],
                   f"versie {version}", "Studielast", "lezen", "zelftoetsen", "eindtoets",
                   "bewijs van deelname, geen accreditatie"]:
        assert needed in text, f"{needed!r} is not on the proof"
    objectives = [o for path in sorted((ROOT / "docs" / "elementen").glob("*.md"))
                  for o in front_matter(path).get("objectives", [])]
    assert len(objectives) >= 14
    unhyphenated = text.replace("- ", "")
    for objective in objectives:
        assert flat(objective) in text or flat(objective).replace("-", "") in unhyphenated, objective
    overview_load = flat(page.evaluate("""async () => {
        const html = await (await fetch('../')).text();
        return new DOMParser().parseFromString(html, 'text/html').querySelector('#studielast + p + table, '
            + '#studielast ~ table').innerText;
    }"""))
    total_time = re.search(r"Samen (ongeveer .+)$", overview_load)[1]
    assert total_time in text, "the proof's study load differs from the overview's"
    for leaked in ["Inleveren", "Per onderwerp", "Vraag 1 van", "Opnieuw"]:
        assert leaked not in text, f"{leaked!r} is printed with the proof"


def test_hand_in_by_keyboard_only(exam):
    page = exam
    quizzes = page.locator(".quiz")
    total = quizzes.count()
    for _ in range(300):
        page.keyboard.press("Tab")
        if active(page)["name"] == "answer":
            break
    for n in range(total):
        info = active(page)
        assert info["name"] == "answer" and info["quiz"] == quizzes.nth(n).get_attribute("id"), info
        if info["type"] == "checkbox":
            for _ in range(quizzes.nth(n).locator("input").count()):
                if page.evaluate("() => document.activeElement.hasAttribute('data-correct')"):
                    page.keyboard.press("Space")
                page.keyboard.press("ArrowDown")
        else:
            for _ in range(quizzes.nth(n).locator("input").count()):
                if page.evaluate("() => document.activeElement.hasAttribute('data-correct')"):
                    break
                page.keyboard.press("ArrowDown")
            if not page.evaluate("() => document.activeElement.checked"):
                page.keyboard.press("Space")
        page.keyboard.press("Enter")  # does not answer an Eindtoets question
        assert quizzes.nth(n).locator("input:disabled").count() == 0
        for _ in range(10):  # on to the next question's options, or to Inleveren
            page.keyboard.press("Tab")
            now = active(page)
            if (now["name"] == "answer" and now["quiz"] != info["quiz"]) or now["text"] == "Inleveren":
                break
    assert active(page)["text"] == "Inleveren"
    page.keyboard.press("Enter")
    assert active(page)["id"] == "quiz-summary-title"
    assert page.locator(".quiz-review-score").inner_text().startswith(f"{total} van {total}")


def test_at_390_px_nothing_overflows(exam):
    page = exam
    page.set_viewport_size({"width": 390, "height": 800})
    total = page.locator(".quiz").count()
    fill_in(page, pattern(total, 2))
    page.get_by_role("button", name="Inleveren").click()
    assert page.locator(".quiz-review").is_visible()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways at 390 px: {widths}"
    table = page.locator(".quiz-review-topics").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 390
    assert page.get_by_role("button", name="Bewijs van deelname afdrukken").is_visible()


def test_without_storage_the_eindtoets_still_works(page, base_url):
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('blocked', 'SecurityError'); }});")
    page.add_init_script(EVENTS)
    page.goto(base_url + EXAM)
    page.wait_for_selector(".quiz")
    total = page.locator(".quiz").count()
    fill_in(page, pattern(total, 0))
    page.get_by_role("button", name="Inleveren").click()
    assert page.locator(".quiz-review-score").inner_text().startswith(f"{total} van {total}")
    assert page.evaluate("window.quizEvents")[0]["detail"]["passed"] is True
    page.get_by_label("Je naam op het bewijs").fill("Sam")
    page.get_by_role("button", name="Bewijs van deelname afdrukken").click()
    assert page.evaluate("window.printed") == 1
    assert "Deze browser bewaart geen antwoorden" in page.locator(".quiz-intro").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_after_hand_in(exam, axe_source, scheme):
    page = exam
    page.emulate_media(color_scheme=scheme)
    total = page.locator(".quiz").count()
    fill_in(page, pattern(total, 2))
    assert axe_violations(page, axe_source) == []
    page.get_by_role("button", name="Inleveren").click()
    page.get_by_role("button", name="Bewijs van deelname afdrukken").click()  # shows the name message
    assert axe_violations(page, axe_source) == []
