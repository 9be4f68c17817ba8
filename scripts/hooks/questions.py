"""Example questions: check their moment tags, mark them up, and build the Vragenbank.

A page writes an example question as a one-line list item ending in a moment tag:

    - ‘Hoe ervaar je onze samenwerking?’ {.vraag moment=evaluatie}

A question that fits a setting outside the weekly therapy session also names that setting:

    - ‘Wat mag ik wel en niet met je moeder bespreken?’ {.vraag moment=start setting=naasten}

The moments (ids, Dutch labels, order) are in data/moments.yml, the settings in data/settings.yml.
This hook

- reads every page's Markdown source when the files are known (before any page renders), checks
  every tag and collects the questions, de-duplicated by text (every source page is kept);
- rewrites each tagged item into `<span class="vraag" data-moment="…" [data-setting="…"]>‘<span
  class="vraag__tekst">…</span>’</span>` (the inner span is the text a copy button copies);
- replaces `{{ vragenbank }}` with the questions grouped by moment, each linking to its pages and
  naming its setting, with a filter by moment and one by setting.

The markup is in overrides/partials/hooks/questions.html and questions.md.

A malformed tag (unknown moment or setting, no moment, `{.vrag …}`, not a list item) stops the
build, naming file, line and the fix. assets/js/questions.js adds the copy buttons and the filters.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data
from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

from placeholders import fill, macros, markup, no_argument

DATA = Path(__file__).resolve().parents[2] / "data" / "moments.yml"
SETTINGS = Path(__file__).resolve().parents[2] / "data" / "settings.yml"

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
TRAILING_TAG = re.compile(r"\s*\{:?([^{}]*)\}\s*$")
LIST_ITEM = re.compile(r"^(?P<bullet>\s*(?:[-*+]|\d+[.)])\s+)(?P<text>.*)$")
TOKEN = re.compile(r"""\.(?P<cls>[\w-]+)|(?P<key>[\w-]+)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"']+)|(?P<other>\S+)""")
QUOTED = re.compile(r"^(?P<open>[‘’“”'\"])(?P<inner>.*)(?P<close>[‘’“”'\"])$", re.S)
TAG_WORDS = ("vraag", "moment")  # a trailing {…} with a word close to these is meant as a tag

EXAMPLE = "- ‘Hoe ervaar je onze samenwerking?’ {.vraag moment=evaluatie}"

moments: dict[str, dict] = {}          # id -> {"label", "intro"}, in display order
settings: dict[str, str] = {}          # id -> label, in display order
_found: dict[str, list] = {}           # src_uri -> [Question] of that page, in page order
_titles: dict[str, str] = {}           # src_uri -> nav label, else the title in front matter
_order: list[str] = []                 # src_uris in nav order, then the rest


@dataclass
class Question:
    moment: str
    text: str                          # Markdown between the quotes (the part that is copied)
    open: str = ""                     # the quote marks around it, as written
    close: str = ""
    line: int = 0
    setting: str = ""                  # a setting id of data/settings.yml, or "" (any setting)
    pages: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return self.moment, normalise(self.text)


def normalise(text: str) -> str:
    """The form in which two questions count as the same."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


# --- MkDocs events -----------------------------------------------------------------------------

def on_config(config):
    moments.clear()
    moments.update(load_moments(DATA))
    settings.clear()
    settings.update(load_settings(SETTINGS))


def on_serve(server, config, builder):
    server.watch(str(DATA))
    server.watch(str(SETTINGS))


def on_files(files, config):
    """Read and check every page's source now, so the Vragenbank is complete whatever the order."""
    _found.clear()
    _titles.clear()
    root = Path(config.config_file_path).parent
    for file in files.documentation_pages():
        source = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
        body, meta = get_data(source)
        offset = source[: len(source) - len(body)].count("\n")  # front-matter lines
        where = os.path.relpath(file.abs_src_path, root).replace(os.sep, "/")
        _found[file.src_uri] = [q for _, q in scan(body, where, offset)]
        _titles[file.src_uri] = str(meta.get("title") or file.name)
    return files


def on_nav(nav, config, files):
    in_nav = [page.file.src_uri for page in nav.pages]
    _order[:] = in_nav + sorted(set(_found) - set(in_nav))
    for page in nav.pages:  # the short nav label ("Je eigen positie") names a question's page
        if page.title:
            _titles[page.file.src_uri] = str(page.title)
    return nav


def on_page_markdown(markdown, page, config, files):
    lines = markdown.split("\n")
    where = f"docs/{page.file.src_uri}"
    for index, question in scan(markdown, where):
        bullet = LIST_ITEM.match(lines[index]).group("bullet")
        lines[index] = bullet + question_html(question)
    markdown = "\n".join(lines)
    bank = no_argument("vragenbank", lambda: bank_markdown(collect(), page.file.src_uri))
    return fill(markdown, page, config, {"vragenbank": bank})


# --- Reading and checking ----------------------------------------------------------------------

def load_moments(path: Path) -> dict[str, dict]:
    rows = read_yaml(path)
    return {row["id"]: {"label": row["label"], "intro": row.get("intro", "")} for row in rows}


def load_settings(path: Path) -> dict[str, str]:
    return {row["id"]: row["label"] for row in read_yaml(path)}


def scan(markdown: str, where: str, offset: int = 0):
    """Yield (line index, Question) for every tagged item; raise PluginError on a malformed tag."""
    fence = None
    for index, line in enumerate(markdown.split("\n")):
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        tag = TRAILING_TAG.search(line)
        if not tag or not looks_like_tag(tag.group(1)):
            continue
        here = f"{where}:{offset + index + 1}"
        moment, setting = check_tag(tag.group(1), here)
        item = LIST_ITEM.match(line[: tag.start()])
        if not item:
            fail(here, "an example question must be a one-line list item",
                 f"put the question and its tag on one line that starts with '- ', e.g. {EXAMPLE}")
        text = item.group("text").strip()
        if not text:
            fail(here, "the example question has no text", f"write the question before the tag: {EXAMPLE}")
        quoted = QUOTED.match(text)
        if quoted:
            yield index, Question(moment, quoted["inner"], quoted["open"], quoted["close"],
                                  offset + index + 1, setting)
        else:
            yield index, Question(moment, text, line=offset + index + 1, setting=setting)


def looks_like_tag(body: str) -> bool:
    words = re.findall(r"[a-z]+", body.lower())
    return any(difflib.SequenceMatcher(None, w, target).ratio() >= 0.7 for w in words for target in TAG_WORDS)


def check_tag(body: str, here: str) -> tuple[str, str]:
    """(moment, setting) of a well-formed `.vraag moment=ID [setting=ID]` tag; else stop the build."""
    written = "{" + body.strip() + "}"
    classes, values, other = [], {}, []
    for token in TOKEN.finditer(body):
        if token["cls"]:
            classes.append(token["cls"])
        elif token["key"]:
            values[token["key"]] = token["value"].strip("\"'")
        else:
            other.append(token["other"])
    if classes != ["vraag"] or other or set(values) - {"moment", "setting"}:
        fail(here, f"'{written}' is not a valid example-question tag",
             "write the tag exactly as {.vraag moment=ID} or {.vraag moment=ID setting=ID}, e.g. " + EXAMPLE)
    moment = values.get("moment")
    if not moment:
        fail(here, f"'{written}' has no moment", "add one: {.vraag moment=ID}")
    if moment not in moments:
        close = difflib.get_close_matches(moment, list(moments), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        fail(here, f"unknown moment '{moment}'{hint}", "use one of the moments listed below")
    setting = values.get("setting", "")
    if "setting" in values and setting not in settings:
        close = difflib.get_close_matches(setting, list(settings), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        fail(here, f"unknown setting '{setting}'{hint}",
             "use one of the settings of data/settings.yml: " + ", ".join(settings))
    return moment, setting


def fail(here: str, problem: str, fix: str):
    valid = ", ".join(f"{key} ({value['label']})" for key, value in moments.items())
    raise PluginError(f"{here}: {problem}. Fix: {fix}. Valid moments: {valid}.")


# --- Output ------------------------------------------------------------------------------------

def collect() -> dict[str, list[Question]]:
    """Every question by moment, de-duplicated by text, in nav order; each knows all its pages."""
    seen: dict[tuple[str, str], Question] = {}
    for src in _order:
        for question in _found.get(src, []):
            kept = seen.setdefault(question.key, Question(question.moment, question.text,
                                                          question.open, question.close,
                                                          setting=question.setting))
            if src not in kept.pages:
                kept.pages.append(src)
    grouped = {moment: [] for moment in moments}
    for question in seen.values():
        grouped[question.moment].append(question)
    return grouped


def question_html(question: Question) -> str:
    return str(macros("questions.html").question({
        "moment": question.moment, "setting": question.setting, "open": question.open,
        "close": question.close, "text": markup(question.text)}))


def bank_markdown(grouped: dict[str, list[Question]], bank_src: str) -> str:
    """The Vragenbank: a filter (shown by questions.js), a live count and a section per moment."""
    here = posixpath.dirname(bank_src)
    total = sum(len(questions) for questions in grouped.values())
    used = {q.setting for questions in grouped.values() for q in questions if q.setting}
    groups = []
    for key, questions in grouped.items():
        if not questions:
            continue
        items = []
        for question in questions:
            links = ", ".join(f"[{_titles.get(src, src)}]({posixpath.relpath(src, here or '.')})"
                              for src in question.pages)
            items.append({"moment": question.moment, "setting": question.setting, "open": question.open,
                          "close": question.close, "text": markup(question.text), "links": markup(links),
                          "setting_label": settings.get(question.setting, "")})
        groups.append({"key": key, "label": moments[key]["label"], "intro": moments[key]["intro"],
                       "questions": items})
    return str(macros("questions.md").bank(
        groups,
        [(key, moments[key]["label"]) for key in grouped if grouped[key]],
        [(key, label) for key, label in settings.items() if key in used],
        count_text(total)))


def count_text(n: int) -> str:
    return "1 vraag" if n == 1 else f"{n} vragen"
