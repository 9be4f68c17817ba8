"""Quiz pages: stable question identities, our quiz assets, small fixes to mkdocs-quiz's HTML, and
the overview table of the Zelftoetsen page.

1. Stable identities. mkdocs-quiz 1.7.1 keeps a page's answers in localStorage
   (`quiz_progress_<path>`) keyed by the question's element id, which is its position
   (quiz-0, quiz-1 …): inserting a question would shift saved answers onto other questions.
   This hook renames every question to `quiz-<hash>`, the hash of its question text and its
   options (not of feedback or explanation). Editing a question or its options therefore starts
   that question afresh; the other questions keep their answers. quiz.js drops saved answers whose
   question no longer exists, before mkdocs-quiz reads them.
2. Assets only on quiz pages. overrides/assets/js/quiz.js and css/quiz.css are inlined into the
   content of quiz pages (`quiz: {enabled: true}`) and of the overview page, nowhere else. Inline,
   because Material's instant navigation re-runs scripts in the content in document order: our
   script must run before mkdocs-quiz's (which follows the content) on every arrival. The style
   goes after mkdocs-quiz's style so ours wins.
3. HTML fixes (each must match, so an upgrade of mkdocs-quiz that changes its markup fails the
   build instead of silently losing a fix): feedback is an aria-live region; the "#" permalink
   has a Dutch name; the sidebar's "Wissen" link is a real button; the results heading is an h2
   (the page has no other h2, so an h3 would skip a level); a question with more than one right
   answer (checkboxes) says so, inside the question that names the group of options.
4. `{{ zelftoetsen }}` becomes a table of the quiz pages in the nav section of that page, each
   with its number of questions and a status cell that quiz.js fills from this browser's storage
   (the page itself holds the "Wis alle antwoorden" button, class `quiz-wipe-all`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from textwrap import dedent

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from mkdocs_quiz.parsing import CHECKBOX_REGEX, find_quizzes, mask_code_blocks

ASSETS = Path(__file__).resolve().parents[2] / "overrides" / "assets"
PLACEHOLDER = re.compile(r"\{\{\s*zelftoetsen\s*\}\}")
OLD_ID = re.compile(r'(?<=["#])quiz-(\d+)(?=["-])')  # quiz-3, quiz-3-question, quiz-3-0 (option)

_ids: dict[str, list[str]] = {}  # src_uri -> question ids, in page order


def quiz_enabled(meta: dict) -> bool:
    quiz = meta.get("quiz")
    return isinstance(quiz, dict) and quiz.get("enabled") is True


def question_ids(markdown: str) -> list[str]:
    """One id per `<quiz>` block, in the order mkdocs-quiz numbers them."""
    ids: list[str] = []
    for match in find_quizzes(mask_code_blocks(markdown)[0]):
        lines = [line.strip() for line in dedent(match.group(1)).strip().splitlines()]
        first = next((i for i, line in enumerate(lines) if CHECKBOX_REGEX.match(line)), len(lines))
        options = [line for line in lines[first:] if CHECKBOX_REGEX.match(line)]
        identity = " ".join(" ".join(lines[:first] + options).split())
        digest = hashlib.sha256(identity.encode()).hexdigest()
        while f"quiz-{digest[:8]}" in ids:  # the same question twice on one page
            digest = hashlib.sha256(digest.encode()).hexdigest()
        ids.append(f"quiz-{digest[:8]}")
    return ids


@event_priority(100)  # before mkdocs-quiz replaces the quizzes with placeholders
def on_page_markdown(markdown: str, page: Page, config, files) -> str:
    if quiz_enabled(page.meta):
        _ids[page.file.src_uri] = question_ids(markdown)
    if PLACEHOLDER.search(markdown):
        markdown = PLACEHOLDER.sub(lambda _: overview(page), markdown)
    return markdown


def overview(page: Page) -> str:
    """Markdown table of the quiz pages next to `page` in the nav, with status cells."""
    quizzes = [p for p in (page.parent.children if page.parent else []) if isinstance(p, Page) and p is not page]
    rows = []
    for quiz in quizzes:
        body, meta = get_data(quiz.file.content_string)
        if not quiz_enabled(meta):
            continue
        ids = question_ids(body)
        link = Path(quiz.file.src_uri).relative_to(Path(page.file.src_uri).parent).as_posix()
        status = (f'<span class="quiz-status" data-quiz-ids="{" ".join(ids)}">'
                  "Nog niet begonnen</span>")
        rows.append(f"| [{quiz.title}]({link}) | {len(ids)} | {status} |")
    if not rows:
        raise PluginError(f"{page.file.src_uri}: {{{{ zelftoetsen }}}} found no quiz pages in its nav section.")
    return "\n".join([
        '<div class="quiz-overview" markdown>',
        "",
        "| Zelftoets | Vragen | Jouw stand in deze browser |",
        "| --- | ---: | --- |",
        *rows,
        "",
        "</div>",
    ])


# Fixes to mkdocs-quiz 1.7.1's markup: (applies when the HTML has, pattern, replacement, why).
FIXES = [
    ('class="quiz-feedback', r'<div class="quiz-feedback hidden">',
     '<div class="quiz-feedback hidden" aria-live="polite">',
     "feedback is announced to screen readers"),
    ('class="quiz-header-link"', r'class="quiz-header-link">#</a>',
     'class="quiz-header-link" title="Link naar deze vraag" aria-label="Link naar deze vraag">#</a>',
     "the permalink has a Dutch name, not just '#'"),
    ('class="quiz-reset-all-link"', r'<a href="#" class="quiz-reset-all-link"[^>]*>(.*?)</a>',
     r'<button type="button" class="quiz-reset-all-link" aria-label="Antwoorden van deze toets wissen">'
     r'\1</button>',
     "the sidebar's reset is a button, not a link Material would treat as navigation"),
    ('id="quiz-results"', r'<h3>(.*?)</h3>(?=\s*<p class="quiz-results-stats">)',
     r"<h2>\1</h2>",
     "the results heading follows the h1 without skipping a level"),
    ('type="checkbox" name="answer"',
     r'(?P<q><div class="quiz-question"[^>]*>(?:(?!<div class="quiz-question").)*?)'
     r'(?P<end></div>\s*<form[^>]*>\s*<fieldset[^>]*><div><input type="checkbox")',
     r'\g<q><p class="quiz-multiple">Meer antwoorden zijn goed. Kies ze allemaal.</p>\g<end>',
     "a question with more than one right answer says so"),
]


@event_priority(-100)  # after mkdocs-quiz has put its HTML in
def on_page_content(html: str, page: Page, config, files) -> str:
    if quiz_enabled(page.meta):
        ids = _ids.pop(page.file.src_uri, [])
        found = len(re.findall(r'<div class="quiz[ "]', html))
        if found != len(ids):
            raise PluginError(f"{page.file.src_uri}: {found} quizzes in the HTML, {len(ids)} in the Markdown.")
        html = OLD_ID.sub(lambda m: ids[int(m.group(1))], html)
        for applies, pattern, replacement, why in FIXES:
            if applies in html:
                html, n = re.subn(pattern, replacement, html, flags=re.S)
                if not n:
                    raise PluginError(f"quizzes.py: mkdocs-quiz's markup changed; cannot apply the fix: {why}.")
    elif 'class="quiz-overview"' not in html:
        return html
    script = (ASSETS / "js" / "quiz.js").read_text(encoding="utf-8")
    style = (ASSETS / "css" / "quiz.css").read_text(encoding="utf-8")
    return f"<script>{script}</script>\n{html}\n<style>{style}</style>"
