"""Quiz pages: stable question identities, the markup of a learning module around mkdocs-quiz's
questions, our quiz assets, and the overview table of the Zelftoetsen page.

1. Stable identities. mkdocs-quiz 1.7.1 keeps a page's answers in localStorage
   (`quiz_progress_<path>`) keyed by the question's element id, which is its position
   (quiz-0, quiz-1 …): inserting a question would shift saved answers onto other questions.
   This hook renames every question to `quiz-<hash>`, the hash of its question text and its
   options (not of feedback or explanation). Editing a question or its options therefore starts
   that question afresh; the other questions keep their answers. quiz.js drops saved answers whose
   question no longer exists, or that are malformed, before mkdocs-quiz reads them. A page's
   fingerprint (hash of its question ids) goes into `page.meta["quiz_fingerprint"]`: the nav
   (overrides/partials/nav-item.html) and quiz.js use it to mark a finished quiz.
2. Assets only on quiz pages. mkdocs-quiz inlines its script (with its translations and settings)
   into every quiz page; this hook takes those inline scripts out and appends them, unchanged, to
   overrides/assets/js/quiz.js in the built assets/js/quiz.js (the same on every page, or the
   build fails). One file, so our code always runs first, also after instant navigation. Which
   pages load it and quiz.css is decided by scripts/hooks/assets.py, which also gives them
   content-hashed names: cacheable, and no inline script for the Content-Security-Policy.
   mkdocs-quiz's own stylesheet is left out: quiz.css repeats what its markup needs.
3. Markup (overrides/partials/hooks/quizzes.html; each change must match, so an upgrade of mkdocs-quiz that changes its markup fails the
   build instead of silently losing it): "Vraag n van N" as each question's heading, a "Volgende
   vraag" button, the question as the <legend> of its options (a question that is more than
   paragraphs of text fails the build), the explanation in a <details> (readable without
   JavaScript), one progress bar before the first question instead of mkdocs-quiz's sidebar and mobile bar, our own results
   panel (with the reset button, at the end) instead of mkdocs-quiz's, no inline event handler or
   `javascript:` URL on the forms. UI text is marked `data-words="skip"` (not article text).
   An Eindtoets (`quiz: {enabled: true, hand_in: true}`) gets a hand-in panel with the review:
   each question is tagged with the page its explanation links to (the topic to reread).
4. `{{ zelftoetsen }}` becomes a table of the quiz pages in the nav section of that page, each
   with its number of questions and a status cell that quiz.js fills from this browser's storage
   (the page itself holds the "Wis alle antwoorden" button, class `quiz-wipe-all`).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from textwrap import dedent

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data
from mkdocs_quiz.parsing import CHECKBOX_REGEX, find_quizzes, mask_code_blocks
from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

from placeholders import fill, macros, markup, no_argument, source_of

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = read_yaml(ROOT / "data" / "quiz.yml")
PLACEHOLDER = re.compile(r"\{\{\s*zelftoetsen\s*\}\}")
OLD_ID = re.compile(r'(?<=["#])quiz-(\d+)(?=["-])')  # quiz-3, quiz-3-question, quiz-3-0 (option)
MD_LINK = re.compile(r"\]\(([^)#\s]+\.md)(#[^)]*)?\)")

_pages: dict[str, dict] = {}  # src_uri -> {"ids": [...], "topics": [(title, src_uri)], "hand_in": bool}


def quiz_enabled(meta: dict) -> bool:
    quiz = meta.get("quiz")
    return isinstance(quiz, dict) and quiz.get("enabled") is True


def hand_in(meta: dict) -> bool:
    return quiz_enabled(meta) and meta["quiz"].get("hand_in") is True


def _blocks(markdown: str) -> list[list[str]]:
    return [[line.strip() for line in dedent(m.group(1)).strip().splitlines()]
            for m in find_quizzes(mask_code_blocks(markdown)[0])]


def question_ids(markdown: str) -> list[str]:
    """One id per `<quiz>` block, in the order mkdocs-quiz numbers them."""
    ids: list[str] = []
    for lines in _blocks(markdown):
        first = next((i for i, line in enumerate(lines) if CHECKBOX_REGEX.match(line)), len(lines))
        options = [line for line in lines[first:] if CHECKBOX_REGEX.match(line)]
        identity = " ".join(" ".join(lines[:first] + options).split())
        digest = hashlib.sha256(identity.encode()).hexdigest()
        while f"quiz-{digest[:8]}" in ids:  # the same question twice on one page
            digest = hashlib.sha256(digest.encode()).hexdigest()
        ids.append(f"quiz-{digest[:8]}")
    return ids


def fingerprint(ids: list[str]) -> str:
    return hashlib.sha256(" ".join(ids).encode()).hexdigest()[:8]


def explanation_links(markdown: str, src_uri: str) -> list[str | None]:
    """Per question: the docs path of the first page its explanation links to."""
    out = []
    for lines in _blocks(markdown):
        last = max((i for i, line in enumerate(lines) if CHECKBOX_REGEX.match(line)), default=-1)
        rest = " ".join(line for line in lines[last + 1:] if not line.startswith(">"))
        match = MD_LINK.search(rest)
        out.append(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), match.group(1)))
                   if match else None)
    return out


@event_priority(100)  # before mkdocs-quiz replaces the quizzes with placeholders
def on_page_markdown(markdown: str, page: Page, config, files) -> str:
    if quiz_enabled(page.meta):
        ids = question_ids(markdown)
        topics = []
        for target in explanation_links(markdown, page.file.src_uri):
            file = files.get_file_from_path(target) if target else None
            title = file.page.title if file is not None and file.page is not None else None
            topics.append((title, file.url) if title else None)
        _pages[page.file.src_uri] = {"ids": ids, "topics": topics, "hand_in": hand_in(page.meta)}
        page.meta["quiz_fingerprint"] = fingerprint(ids)
    return fill(markdown, page, config, {"zelftoetsen": no_argument("zelftoetsen", lambda: overview(page))})


def overview(page: Page) -> str:
    """Markdown table of the quiz pages next to `page` in the nav, with status cells."""
    quizzes = [p for p in (page.parent.children if page.parent else []) if isinstance(p, Page) and p is not page]
    rows = []
    for quiz in quizzes:
        body, meta = get_data(quiz.file.content_string)
        if not quiz_enabled(meta):
            continue
        link = Path(quiz.file.src_uri).relative_to(Path(page.file.src_uri).parent).as_posix()
        rows.append({"title": quiz.title, "link": link, "ids": question_ids(body), "exam": hand_in(meta)})
    if not rows:
        raise PluginError(f"{page.file.src_uri}: {{{{ zelftoetsen }}}} found no quiz pages in its nav section.")
    return str(macros("quizzes.md").overview(rows))


# --- markup ------------------------------------------------------------------------------------

# Changes to mkdocs-quiz 1.7.1's markup: (applies when the HTML has, pattern, macro of
# overrides/partials/hooks/quizzes.html that gets the pattern's named groups, or None to remove, why).
FIXES = [
    ('<style type="text/css">.quiz {', r'<style type="text/css">\.quiz \{.*?</style>', None,
     "our quiz.css replaces mkdocs-quiz's stylesheet (it repeats what it needs)"),
    ('class="quiz-header-link"', r'<a href="(?P<href>#quiz-[0-9a-f]{8})" class="quiz-header-link">#</a>', "permalink",
     "the permalink has a Dutch name, not just '#'"),
    ("<form ", r'<form action="javascript:void\(0\);" onsubmit="return false;">', "form_start",
     "no inline event handler or javascript: URL (quiz.js stops the submission)"),
    ('type="submit" class="quiz-button"', r'<button type="submit" class="quiz-button">', "submit_start",
     "the submit button is UI, not article text"),
    ('<section class="content hidden">', r'<section class="content hidden">(?P<body>.*?)</section>', "explanation",
     "without JavaScript each explanation can still be opened"),
    ('id="quiz-progress-sidebar"', r'<div id="quiz-progress-sidebar".*?</nav>', None,
     "one progress bar (ours, before the first question) instead of mkdocs-quiz's sidebar and mobile bar"),
    ('class="quiz-intro"', r'<div class="quiz-intro">\s*<p>(?P<text>.*?)</p>\s*<button[^>]*quiz-intro-reset[^>]*>.*?</button>\s*</div>',
     "intro", "the reset button goes to the end of the quiz"),
]
RESULTS = re.compile(r'<div id="quiz-results" class="quiz-results">.*?quiz-results-reset">.*?</button>\s*</div>\s*</div>',
                     re.S)
QUIZ_OPEN = re.compile(r'<div class="quiz"(?P<attrs>[^>]*) id="(?P<id>quiz-[0-9a-f]{8})">\s*'
                       r'(?P<link><a href="#(?P=id)"[^>]*>#</a>)')
QUIZ_END = re.compile(r'(<section class="content hidden">.*?</section>)(\s*</div>)', re.S)
# The question moves into its options' <fieldset> as the <legend> (HTML_CodeSniffer H71: a fieldset
# needs one), which holds only phrasing content: its paragraphs become spans.
QUESTION = re.compile(r'<div class="quiz-question" id="(?P<id>quiz-[0-9a-f]{8})-question">(?P<body>.*?)</div>\s*'
                      r'(?P<form><form class="quiz-form">)\s*<fieldset aria-labelledby="(?P=id)-question">'
                      r'(?=<div><input type="(?P<type>radio|checkbox)")', re.S)
PARAGRAPHS = re.compile(r"(?:\s|<!--.*?-->)*(?:<p>(?:(?!</?p[ >]).)*</p>(?:\s|<!--.*?-->)*)+", re.S)


def T():
    return macros("quizzes.html")


def number_questions(html: str, ids: list[str], topics: list, page: Page, exam: bool) -> str:
    total = len(ids)
    position = {qid: n for n, qid in enumerate(ids, start=1)}

    def opening(m: re.Match) -> str:
        qid, n = m.group("id"), position[m.group("id")]
        topic = topics[n - 1] if n - 1 < len(topics) else None
        return str(T().question_start(qid, markup(m.group("attrs")), markup(m.group("link")), n, total, exam,
                                      topic[0] if topic else None))

    html, found = QUIZ_OPEN.subn(opening, html)
    if found != total:
        raise PluginError(f"quizzes.py: mkdocs-quiz's markup changed; numbered {found} of {total} questions.")

    def legend(m: re.Match) -> str:
        n = position[m.group("id")]
        if not PARAGRAPHS.fullmatch(m.group("body")):
            where, source = source_of(page, None)
            tags = [i for i, line in enumerate(source.splitlines(), start=1) if line.strip() == "<quiz>"]
            line = tags[n - 1] if n - 1 < len(tags) else 1
            other = sorted(set(re.findall(r"<([a-z][a-z0-9]*)", m.group("body"))) - {"p"}) or ["other markup"]
            raise PluginError(f"{where}:{line}: question {n} holds more than paragraphs of text ({', '.join(other)}); "
                              "the question becomes the legend of its options, which holds only text. Fix: write the "
                              "question as one or more paragraphs; put a list, table or box in the explanation.")
        paragraphs = [markup(p) for p in re.findall(r"<p>(.*?)</p>", m.group("body"), re.S)]
        return m.group("form") + str(T().fieldset_start(m.group("id"), paragraphs, m.group("type") == "checkbox"))

    html, found = QUESTION.subn(legend, html)
    if found != total:
        raise PluginError(f"quizzes.py: mkdocs-quiz's markup changed; found the question of {found} of {total} questions.")

    counter = iter(range(1, total + 1))

    def ending(m: re.Match) -> str:
        return str(T().next_row(markup(m.group(1)), markup(m.group(2)), next(counter) == total))

    html, found = QUIZ_END.subn(ending, html)
    if found != total:
        raise PluginError(f"quizzes.py: mkdocs-quiz's markup changed; {found} of {total} questions have an explanation.")
    return html


def answer_key(html: str, page: Page) -> str:
    """The printed worksheet's answer key: per question the letters (A, B, …) of its right options,
    in the order the options print."""
    rows = []
    for n, block in enumerate(html.split('<div class="quiz"')[1:], start=1):
        options = re.findall(r'<input[^>]*name="answer"[^>]*>', block.split("</fieldset>", 1)[0])
        letters = [chr(ord("A") + i) for i, option in enumerate(options) if 'data-correct="true"' in option]
        if not letters:
            raise PluginError(f"{page.file.src_uri}: question {n} has no right option in mkdocs-quiz's markup; "
                              "cannot print its answer key.")
        rows.append((n, letters))
    return str(T().answer_key(page.title, rows))


def progress_bar(total: int) -> str:
    return str(T().progress(total))


def summary(page: Page, topics: list, exam: bool) -> str:
    if not exam:
        return str(T().summary())
    seen = []
    for topic in topics:
        if topic and topic not in seen:
            seen.append(topic)
    return str(T().exam_summary([(title, get_relative_url(target, page.url)) for title, target in seen]))


def config_element(data: dict) -> str:
    """The page's quiz settings for quiz.js, as data attributes (a JSON <script> would be run as
    JavaScript by Material's instant navigation, which re-inserts the content's scripts)."""
    return str(T().config([(key, str(value).lower() if isinstance(value, bool) else str(value))
                           for key, value in data.items()]))


@event_priority(-100)  # after mkdocs-quiz has put its HTML in
def on_page_content(html: str, page: Page, config, files) -> str:
    if quiz_enabled(page.meta):
        data = _pages.pop(page.file.src_uri, {"ids": [], "topics": [], "hand_in": False})
        ids, exam = data["ids"], data["hand_in"]
        found = len(re.findall(r'<div class="quiz[ "]', html))
        if found != len(ids):
            raise PluginError(f"{page.file.src_uri}: {found} quizzes in the HTML, {len(ids)} in the Markdown.")
        html = OLD_ID.sub(lambda m: ids[int(m.group(1))], html)
        for applies, pattern, macro, why in FIXES:
            if applies in html:
                replace = (lambda m, macro=macro: str(getattr(T(), macro)(
                    **{k: markup(v) for k, v in m.groupdict().items()}))) if macro else ""
                html, n = re.subn(pattern, replace, html, flags=re.S)
                if not n:
                    raise PluginError(f"quizzes.py: mkdocs-quiz's markup changed; cannot apply the fix: {why}.")
        if ids:
            html = number_questions(html, ids, data["topics"], page, exam)
            first = html.index('<div class="quiz"')
            html = html[:first] + progress_bar(len(ids)) + html[first:]
            html, n = RESULTS.subn(lambda _: summary(page, data["topics"], exam), html)
            if not n:
                raise PluginError(f"{page.file.src_uri}: no results panel. Fix: put `<!-- mkdocs-quiz results -->` "
                                  "after the last question.")
            if not exam:
                html += answer_key(html, page)
        noscript = str(T().noscript())
        html = html.replace("</h1>", "</h1>" + noscript, 1) if "</h1>" in html else noscript + html
        html = config_element({"hand-in": exam, "pass-mark": SETTINGS["pass_mark"], "fingerprint": fingerprint(ids),
                               "total": len(ids)}) + html
        html = move_plugin_scripts(html, page, config, files)
    elif 'class="quiz-overview"' in html:
        html = config_element({"pass-mark": SETTINGS["pass_mark"]}) + html
    return html


# mkdocs-quiz 1.7.1 appends three inline scripts: its translations, its settings, its code.
PLUGIN_SCRIPTS = re.compile(r'<script type="text/javascript"(?: defer)?>(.*?)</script>', re.S)
QUIZ_JS = "assets/js/quiz.js"
_plugin_script: list[str] = []  # what mkdocs-quiz emitted on the first quiz page of this build


def on_config(config):
    _plugin_script.clear()
    return config


def move_plugin_scripts(html: str, page: Page, config, files) -> str:
    """Take mkdocs-quiz's inline scripts out of the page; they go after ours in quiz.js (see 2.)."""
    bodies = [body.strip() for body in PLUGIN_SCRIPTS.findall(html)]
    if len(bodies) != 3 or not bodies[0].startswith("window.mkdocsQuizTranslations") \
            or not bodies[1].startswith("window.mkdocsQuizConfig"):
        raise PluginError(f"quizzes.py: mkdocs-quiz's scripts changed on {page.file.src_uri} "
                          f"(found {len(bodies)}); cannot move them into {QUIZ_JS}.")
    script = "\n".join(bodies) + "\n"
    if not _plugin_script:
        _plugin_script.append(script)
        ours = files.get_file_from_path(QUIZ_JS)
        if ours is None:
            raise PluginError(f"quizzes.py: overrides/{QUIZ_JS} is missing.")
        files.remove(ours)
        combined = ours.content_string.rstrip() + "\n\n// mkdocs-quiz's own script (scripts/hooks/quizzes.py)\n" + script
        files.append(File.generated(config, QUIZ_JS, content=combined, inclusion=InclusionLevel.INCLUDED))
    elif _plugin_script[0] != script:
        raise PluginError(f"quizzes.py: mkdocs-quiz emits other scripts on {page.file.src_uri} than on other "
                          f"quiz pages (another language?); {QUIZ_JS} holds one version.")
    return PLUGIN_SCRIPTS.sub("", html)
