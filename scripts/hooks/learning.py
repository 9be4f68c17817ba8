"""Learning objectives and study load: stated on the pages, computed from the content.

- Objectives: every element page (`type: element`) lists `objectives:` in its front matter, Dutch
  phrases that complete "Na deze module kun je …" (contract 2). They are shown in a box under the
  page's "Kort gezegd" box, and all of them, per element in nav order, where a page says
  `{{ leerdoelen }}` (the quiz overview) and on the Eindtoets's proof of participation.
- Study load: `{{ studielast }}` becomes a table per route. Reading = the article words
  (scripts/hooks/words.py) of every page in the nav section `reading_section` at
  `words_per_minute`; the self-checks and the Eindtoets = their questions × `minutes_per_item`
  (data/quiz.yml). Words are known only once every page is rendered, so the table carries markers
  that on_page_context fills in. `{{ toetsomvang }}` in a quiz page gives its own size and time.
- Proof of participation: quizzes.py leaves `<!-- quiz-proof -->` in the Eindtoets's hand-in panel;
  this hook puts the printable page there (site_name, version from data/changelog.yml, objectives,
  study load); quiz.js fills in name, date and score.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from datetime import date
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from mkdocs_quiz.parsing import find_quizzes, mask_code_blocks

from placeholders import fill, macros, no_argument
from words import article_words
from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

log = logging.getLogger("mkdocs.hooks.learning")
ROOT = Path(__file__).resolve().parents[2]
SETTINGS = read_yaml(ROOT / "data" / "quiz.yml")
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
MARKER = "%%studielast:{}%%"  # plain text: survives Markdown, filled in on_page_context
KORT_GEZEGD = re.compile(r'<(div|details) class="(?:admonition )?abstract"[^>]*>.*?</\1>', re.S)

_nav_pages: list[Page] = []
_load: dict[str, str] = {}
_problems: list[str] = []


def esc(text: str) -> str:
    return htmllib.escape(str(text), quote=True)


def duration(minutes: float, step: int = 5) -> str:
    """‘ongeveer 1 uur en 10 minuten’: rounded to `step` minutes (at least one step)."""
    total = max(step, int(minutes / step + 0.5) * step)
    hours, rest = divmod(total, 60)
    parts = ([f"{hours} uur"] if hours else []) + ([f"{rest} {'minuut' if rest == 1 else 'minuten'}"] if rest else [])
    return "ongeveer " + " en ".join(parts)


def dutch_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def quiz_meta(meta: dict) -> dict | None:
    quiz = meta.get("quiz")
    return quiz if isinstance(quiz, dict) and quiz.get("enabled") is True else None


def count_items(markdown: str) -> int:
    return len(find_quizzes(mask_code_blocks(markdown)[0]))


# --- objectives ----------------------------------------------------------------------------------


def objectives_of(page: Page) -> list[str]:
    """An element page's objectives. An author mistake is reported with file, line and fix (once per
    page) and fails the build once every page is read (on_env), so other content rules report too."""
    _, meta = get_data(page.file.content_string)
    items = meta.get("objectives")
    lines = page.file.content_string.splitlines()
    line = next((n for n, text in enumerate(lines, start=1) if text.startswith("objectives:")), 1)
    where = f"docs/{page.file.src_uri}:{line}"
    problem = None
    if not isinstance(items, list) or len(items) < 2 or not all(isinstance(i, str) and i.strip() for i in items):
        problem = (f"{where}: an element page needs `objectives:`, a list of at least two learning objectives. "
                   "Fix: add them after `quiz_page:`, each a phrase that completes ‘Na deze module kun je …’ "
                   "(e.g. `- vragen naar eerdere ervaringen met hulpverleners`; put a phrase with a colon in "
                   "double quotes).")
    else:
        wrong = next((i for i in items if i.strip()[0].isupper() or i.rstrip().endswith((".", ";"))), None)
        if wrong:
            problem = (f"{where}: objective ‘{wrong}’ does not read as the end of ‘Na deze module kun je …’. "
                       "Fix: start it with a small letter and leave off the full stop.")
    if problem:
        if problem not in _problems:
            _problems.append(problem)
            log.error(problem)
        return []
    return [i.strip() for i in items]


def element_pages() -> list[Page]:
    return [p for p in _nav_pages if get_data(p.file.content_string)[1].get("type") == "element"]


def objectives_markdown() -> str:
    return str(macros("learning.md").objectives([(page.title, objectives_of(page)) for page in element_pages()]))


def objectives_box(items: list[str]) -> str:
    return str(macros("learning.html").objectives_box(items))


# --- study load ----------------------------------------------------------------------------------


def study_load_table() -> str:
    return str(macros("learning.md").study_load(MARKER.format))


def section_pages(title: str) -> list[Page]:
    """The pages under the nav section called `title`, at any depth, in nav order."""
    found = []
    for page in _nav_pages:
        parent = page.parent
        while parent is not None and parent.title != title:
            parent = parent.parent
        if parent is not None:
            found.append(page)
    return found


def compute_load(config) -> dict[str, str]:
    reading = section_pages(SETTINGS["reading_section"])
    if not reading:
        raise PluginError(f"data/quiz.yml: reading_section `{SETTINGS['reading_section']}` is not a nav section "
                          "with pages. Fix: name the section of mkdocs.yml's nav that holds the reading route.")
    words = sum(article_words(p.content or "") for p in reading)
    per_item, wpm = SETTINGS["minutes_per_item"], SETTINGS["words_per_minute"]
    quizzes, exam = [], []
    for page in _nav_pages:
        quiz = quiz_meta(page.meta)
        if quiz:
            (exam if quiz.get("hand_in") is True else quizzes).append(count_items(page.file.content_string))
    minutes = {"reading": words / wpm, "quizzes": sum(quizzes) * per_item, "exam": sum(exam) * per_item}
    number = f"{per_item:g}".replace(".", ",")
    load = {key: duration(value) for key, value in minutes.items()}
    load["total"] = duration(sum(max(5, int(v / 5 + 0.5) * 5) for v in minutes.values()))
    load["reading-what"] = (f"{len(reading)} pagina’s onder {SETTINGS['reading_section']}: "
                            f"{words:,} woorden".replace(",", ".") + f", bij {wpm} woorden per minuut")
    load["quizzes-what"] = (f"{len(quizzes)} zelftoetsen met samen {sum(quizzes)} vragen, "
                            f"{number} minuut per vraag")
    load["exam-what"] = f"{sum(exam)} vragen, {number} minuut per vraag"
    load["summary"] = (f"{load['total']} ({load['reading'].removeprefix('ongeveer ')} lezen, "
                       f"{load['quizzes'].removeprefix('ongeveer ')} zelftoetsen, "
                       f"{load['exam'].removeprefix('ongeveer ')} eindtoets)")
    return load


# --- proof of participation ----------------------------------------------------------------------


def proof(config) -> str:
    changelog = read_yaml(ROOT / "data" / "changelog.yml")
    if not changelog or not isinstance(changelog, list) or "version" not in changelog[0]:
        raise PluginError("data/changelog.yml:1: the first entry has no `version`. Fix: start the list with "
                          "`- version: \"1.0\"`, `date: YYYY-MM-DD` and `changes:`.")
    first = changelog[0]
    released = first.get("date")
    version = f"versie {first['version']}" + (f" van {dutch_date(released)}" if isinstance(released, date) else "")
    goals = [item for page in element_pages() for item in objectives_of(page)]
    return str(macros("learning.html").proof(config.site_name, version, goals, MARKER.format("summary")))


# --- hook events ---------------------------------------------------------------------------------


def on_config(config):
    _problems.clear()
    return config


def on_nav(nav, config, files):
    _nav_pages[:] = list(nav.pages)
    _load.clear()
    return nav


def on_page_markdown(markdown: str, page: Page, config, files) -> str:
    if page.meta.get("type") == "element":
        objectives_of(page)  # report early, with the file's line

    def quiz_size():
        items = count_items(page.file.content_string)  # mkdocs-quiz has taken the quizzes out of `markdown`
        return f"{items} vragen, {duration(items * SETTINGS['minutes_per_item'])}"

    return fill(markdown, page, config, {
        "leerdoelen": no_argument("leerdoelen", objectives_markdown),
        "studielast": no_argument("studielast", study_load_table),
        "slaaggrens": no_argument("slaaggrens", lambda: f"{SETTINGS['pass_mark']}%"),
        "toetsomvang": no_argument("toetsomvang", quiz_size),
    })


def on_page_content(html: str, page: Page, config, files) -> str:
    if page.meta.get("type") == "element" and objectives_of(page):
        box = objectives_box(objectives_of(page))
        match = KORT_GEZEGD.search(html)
        if match:
            html = html[:match.end()] + box + html[match.end():]
        elif "</h1>" in html:
            html = html.replace("</h1>", "</h1>" + box, 1)
        else:
            html = box + html
    return html


def on_env(env, config, files):
    if _problems:
        raise PluginError(f"{len(_problems)} learning-objective problem(s), see above; each names file, line and fix.")
    _load.update(compute_load(config))
    return env


@event_priority(50)  # before the search plugin indexes page.content
def on_page_context(context, page: Page, config, nav):
    content = page.content or ""
    if "<!-- quiz-proof -->" in content:
        content = content.replace("<!-- quiz-proof -->", proof(config))
    if "%%studielast:" in content:
        for key, value in _load.items():
            content = content.replace(MARKER.format(key), esc(value))
    page.content = content
    return context
