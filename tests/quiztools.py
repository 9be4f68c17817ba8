"""Helpers shared by the quiz tests (test_quizzes.py, test_eindtoets.py, test_items.py,
test_learning.py). Tests read the correct options from the page (`data-correct`), so they hold
when the quiz content changes."""

from __future__ import annotations

import json
import re

import yaml

from conftest import ROOT

QUIZ = "zelftoetsen/samenwerking/"
OVERVIEW = "zelftoetsen/"
EXAM = "zelftoetsen/eindtoets/"
STORE = "quiz_progress_/" + QUIZ
SETTINGS = yaml.safe_load((ROOT / "data" / "quiz.yml").read_text(encoding="utf-8"))
ENGLISH = re.compile(r"\b(quiz|submit|reset|correct|incorrect|answer(ed)?|progress|try again|score|"
                     r"empty|question|complete|great|outstanding|luck)\b", re.I)


def nav_quiz_pages() -> list[tuple[str, str]]:
    """(nav title, page path) of the quizzes in the Zelftoetsen nav section, in nav order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    section = next(item["Zelftoetsen"] for item in config["nav"] if "Zelftoetsen" in item)
    return [next(iter(e.items())) for e in section if isinstance(e, dict)]


def quiz_urls() -> list[str]:
    return [path.removesuffix(".md") + "/" for _, path in nav_quiz_pages()]


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def open_quiz(page, base_url, path=QUIZ):
    page.goto(base_url + path)
    page.wait_for_selector(".quiz")
    return page


def questions(page, kind: str):
    """Locators of the questions whose options are `kind` (radio or checkbox)."""
    return page.locator(f".quiz:has(input[type={kind}])")


def choose(quiz, right: bool) -> None:
    """Tick the correct options (or one wrong one) of a question, without answering."""
    if right:
        boxes = quiz.locator("input[data-correct]")
        assert boxes.count() >= 1
        for box in boxes.all():
            box.check()
    else:
        quiz.locator("input:not([data-correct])").first.check()


def answer(quiz, right: bool) -> None:
    """Choose (right or wrong) and press Controleer."""
    choose(quiz, right)
    quiz.locator("button[type=submit]").click()


def store(page, key: str = STORE) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})") or "{}")


def quiz_keys(page) -> list[str]:
    return sorted(page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz_'))"))


def accept_dialogs(page, accept: bool = True) -> list[str]:
    """Answer every confirm() (accept or dismiss) and record its message."""
    messages: list[str] = []

    def on_dialog(dialog):
        messages.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", on_dialog)
    return messages


def follow(page, link) -> None:
    """Click a link and wait until instant navigation has swapped in the new page's content."""
    page.evaluate("document.querySelector('article').dataset.left = 'yes'")
    link.click()
    page.wait_for_selector("article:not([data-left])")
    assert page.evaluate("window.stillHere === true"), "the page was reloaded, not navigated instantly"


def active(page) -> dict:
    """What has keyboard focus."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {id: el.id, tag: el.tagName, cls: el.className, text: (el.textContent || '').trim(),
                quiz: el.closest('.quiz')?.id || null, name: el.name || null, type: el.type || null,
                disabled: !!el.disabled, checked: !!el.checked,
                hasChecked: !!el.querySelector?.('input:checked')};
    }""")


def flat(text: str) -> str:
    return " ".join(text.split())
