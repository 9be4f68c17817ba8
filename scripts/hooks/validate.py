"""Content rules, checked at build time.

Every problem is reported as `docs/FILE.md:LINE: what is wrong. Fix: what to do.` and any
problem fails the build (also without --strict), so a broken page never ships silently.

Rules, in the order they run:
  pages     front matter (review dates included) and required sections per page type
            (data/page_types.yml)
  safety    a page that discusses withdrawal, flatness, hopelessness, anger, criticism,
            confrontation or aggression includes the "Veiligheid eerst" box (data/safety.yml)
  quizzes   mkdocs-quiz markup, including the cases the plugin renders silently wrong
  holes     `{{ … }}` placeholders that no hook filled
  links     links written in raw HTML (MkDocs itself checks Markdown links and anchors); a
            Markdown link to a missing anchor (from MkDocs' own link data) and a page that is not
            in the navigation are errors here too, so they fail every build, not only --strict
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from datafile import read_text, read_yaml  # same folder: MkDocs puts it on sys.path

log = logging.getLogger("mkdocs.hooks.validate")
ROOT = Path(__file__).resolve().parents[2]
PAGE_TYPES = read_yaml(ROOT / "data" / "page_types.yml")
EVERY_PAGE = PAGE_TYPES.pop("every_page", {}).get("front_matter", ["type", "title", "description"])
SAFETY = read_yaml(ROOT / "data" / "safety.yml")
SAFETY_WORDS = [
    (topic, re.compile(r"(?<![\w-])" + re.escape(stem), re.I))
    for topic, stems in SAFETY["topics"].items() for stem in stems
]
# Files that scripts add to site/ after `mkdocs build` (the PDFs listed under `pdfs:` in a data
# file, printed by scripts/make_pdfs.py): links may point there.
def generated_files() -> set[str]:
    found = set()
    for path in sorted((ROOT / "data").glob("*.yml")):
        data = read_yaml(path)
        if isinstance(data, dict):
            found |= {entry["file"] if isinstance(entry, dict) else entry for entry in data.get("pdfs") or []}
    return found


GENERATED = generated_files()

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING2 = re.compile(r"^##\s+(.+?)\s*(\{[^}]*\})?\s*#*\s*$")
KORT_GEZEGD = re.compile(r'^[!?]{3}\+?\s+\w+\s+"Kort gezegd"\s*$')
ANSWER = re.compile(r"^([-*+])\s*\[(.?)\]\s*(.*)$")
PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
RAW_LINK = re.compile(r"""<(?:a|img|link|script|source|iframe)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
ELEMENT_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")

problems: list[str] = []
raw_links: list[tuple[str, int, str, str]] = []  # (source, line, page url, href)
pages: list = []  # every documentation page of the build (for the anchor check after rendering)


def report(src: str, line: int, message: str, fix: str) -> None:
    problems.append(f"{src}:{line}: {message} Fix: {fix}")
    log.error(problems[-1])


def on_config(config):
    problems.clear()
    raw_links.clear()
    pages.clear()
    return config


@event_priority(100)  # before any hook reads a page
def on_files(files, config):
    """Every page and snippet is UTF-8 text; otherwise stop here, naming file, line and column
    (MkDocs and the hooks would fail on it with a traceback)."""
    root = Path(config.config_file_path).resolve().parent
    sources = [Path(f.abs_src_path) for f in files.documentation_pages() if f.abs_src_path]
    sources += sorted((root / "includes").glob("*.md"))
    broken = []
    for source in sources:
        try:
            read_text(source)
        except PluginError as error:
            broken.append(str(error))
    if broken:
        for message in broken:
            log.error(message)
        raise PluginError(f"{len(broken)} file(s) not saved as UTF-8: see the lines above, each names file, line and fix.")
    return files


def on_nav(nav, config, files):
    """A page outside the navigation is only found by search (MkDocs warns only)."""
    in_nav = {page.file.src_uri for page in nav.pages}
    for file in files.documentation_pages():
        if file.src_uri not in in_nav and file.inclusion.is_in_nav():
            report(f"{Path(config.docs_dir).name}/{file.src_uri}", 1,
                   "the page is not in the navigation, so readers only find it by searching.",
                   "add it under `nav:` in mkdocs.yml, in the section where it belongs, or delete the file.")
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    src = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    lines = page.file.content_string.splitlines()
    body_start = front_matter_end(lines)
    masked = mask_fences(lines, body_start)
    check_page(src, page.meta, masked, body_start)
    check_safety(src, page.meta, masked)
    before = len(problems)
    check_quizzes(src, page.meta, masked)
    if len(problems) > before:
        # Stop here: otherwise mkdocs-quiz renders the broken quiz or fails with a less exact message.
        raise PluginError(f"{src}: {len(problems) - before} quiz problem(s), see above.")
    check_holes(src, markdown, lines)
    collect_raw_links(src, page.url, masked)
    pages.append(page)
    return markdown


def on_post_build(config):
    check_raw_links(Path(config.site_dir))
    check_anchors(Path(getattr(config, "docs_dir", "docs")).name)
    if problems:
        raise PluginError(
            f"{len(problems)} content problem(s): see the lines above, each names file, line and fix."
        )


# --- helpers -----------------------------------------------------------------------------------


def front_matter_end(lines: list[str]) -> int:
    """Index of the first body line (after a `---` front-matter block, if any)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def mask_fences(lines: list[str], start: int) -> list[str]:
    """Lines with front matter and fenced code blanked out, so line numbers stay true."""
    out, fenced = [], False
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            out.append("")
        elif i < start or fenced:
            out.append("")
        else:
            out.append(line)
    return out


# --- pages ------------------------------------------------------------------------------------


def check_page(src: str, meta: dict, lines: list[str], body_start: int) -> None:
    known = ", ".join(PAGE_TYPES)
    for key in EVERY_PAGE:
        if not meta.get(key):
            example = {"reviewed": "2026-12-01", "next_review": "2027-12-01"}.get(key, "…")
            report(src, 1, f"front matter has no `{key}`.",
                   f"add `{key}: {example}` between the `---` lines at the top "
                   f"(every page needs {', '.join(EVERY_PAGE)}; page types: {known}).")
    check_review_dates(src, meta)
    kind = meta.get("type")
    if not kind:
        return
    rule = PAGE_TYPES.get(kind)
    if rule is None:
        report(src, 1, f"unknown page type `{kind}`.",
               f"use one of: {known}, or add a row for it to data/page_types.yml.")
        return
    for key in rule.get("front_matter", []):
        if key not in meta:
            report(src, 1, f"a `{kind}` page needs `{key}` in its front matter.",
                   f"add `{key}: …` to the front matter (see data/page_types.yml).")
    headings = [(i + 1, m.group(1)) for i, line in enumerate(lines) if (m := HEADING2.match(line))]
    first_h2 = headings[0][0] if headings else len(lines) + 1
    if rule.get("kort_gezegd") and not any(KORT_GEZEGD.match(l) for l in lines[: first_h2 - 1]):
        report(src, body_start + 1, "the page does not open with a \"Kort gezegd\" box.",
               'add `!!! abstract "Kort gezegd"` with 2–3 indented sentences before the first `##` heading.')
    position, after_line, after_name = 0, body_start + 1, "the title"
    titles = [t for _, t in headings]
    for section in rule.get("sections", []):
        found = next((n for n, t in headings[position:] if t == section), None)
        if found is None:
            where = "is missing" if section not in titles else "is out of order"
            report(src, after_line, f"required section `## {section}` {where} (page type `{kind}`).",
                   f"put a `## {section}` heading after {after_name}; required order: "
                   + " → ".join(rule["sections"]) + ".")
            continue
        position = next(i for i, (n, _) in enumerate(headings) if n == found) + 1
        after_line, after_name = found, f"`## {section}`"


def check_review_dates(src: str, meta: dict) -> None:
    """`reviewed` and `next_review` are dates (YYYY-MM-DD) and the next review comes later.
    A date in the past is fine here: reviews.py shows it as overdue, the build goes on."""
    dates = {}
    for key in ("reviewed", "next_review"):
        value = meta.get(key)
        if value in (None, ""):
            continue  # reported as missing above
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            report(src, 1, f"`{key}: {value}` is not a date.",
                   f"write it as YYYY-MM-DD without quotes, e.g. `{key}: 2026-12-01`.")
            continue
        dates[key] = value
    if len(dates) == 2 and dates["next_review"] <= dates["reviewed"]:
        report(src, 1, f"`next_review` ({dates['next_review']}) is not after `reviewed` ({dates['reviewed']}).",
               "set the next review after the last one, usually a year later.")


# --- safety box --------------------------------------------------------------------------------


def check_safety(src: str, meta: dict, lines: list[str]) -> None:
    """A page about withdrawal, flatness, hopelessness, anger, criticism, confrontation or
    aggression shows the shared "Veiligheid eerst" box (data/safety.yml)."""
    if meta.get("type") in SAFETY["exempt_types"] or src.startswith(tuple(SAFETY.get("exempt_under", []))):
        return
    if any(line.strip() in (SAFETY["include"], SAFETY["short"]) for line in lines):
        return
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("--8<--"):
            continue
        for topic, word in SAFETY_WORDS:
            found = word.search(line)
            if found:
                report(src, number, f"this page discusses {topic} (‘{found.group(0)}…’) but does not "
                       "show the \"Veiligheid eerst\" box.",
                       f"add the line `{SAFETY['include']}` under the \"Kort gezegd\" box "
                       "(rule and topic words: data/safety.yml).")
                return


# --- quizzes ----------------------------------------------------------------------------------


def quiz_enabled(meta: dict) -> bool:
    quiz = meta.get("quiz")
    return isinstance(quiz, dict) and quiz.get("enabled") is True


def check_quizzes(src: str, meta: dict, lines: list[str]) -> None:
    blocks, opened = [], None
    for n, line in enumerate(lines, start=1):
        tags = re.findall(r"</?quiz>", line)
        if not tags:
            continue
        if line.strip() not in ("<quiz>", "</quiz>"):
            report(src, n, "a `<quiz>`/`</quiz>` tag shares its line with other text; mkdocs-quiz "
                   "would swallow the text after it.",
                   "put each quiz tag alone on its own line; to mention the tag in prose, write &lt;quiz&gt;.")
            continue
        if line.strip() == "<quiz>":
            if opened is not None:
                report(src, opened, "this quiz is not closed before the next `<quiz>` "
                       f"(line {n}); the next question would disappear into this one.",
                       "add `</quiz>` on its own line at the end of this question.")
            opened = n
        else:
            if opened is None:
                report(src, n, "`</quiz>` without a matching `<quiz>`.",
                       "remove it or add `<quiz>` where the question starts.")
            else:
                blocks.append((opened, n))
            opened = None
    if opened is not None:
        report(src, opened, "this quiz is never closed; its answers would show as page text.",
               "add `</quiz>` on its own line after the explanation.")
    if blocks and not quiz_enabled(meta):
        report(src, blocks[0][0], "this page has quizzes but the quiz plugin is not enabled on it; "
               "they would print raw, answers visible.",
               "add `quiz: {enabled: true}` and `type: quiz` to the front matter.")
    asked: dict[str, int] = {}
    for start, end in blocks:
        check_question(src, start, lines[start:end - 1])
        body = lines[start:end - 1]
        first = next((i for i, line in enumerate(body) if ANSWER.match(line.strip())), len(body))
        question = " ".join(" ".join(body[:first]).split()).casefold()
        if question and question in asked:
            report(src, start, f"the same question as on line {asked[question]}; the learner would answer it twice.",
                   "remove one of them, or ask something else here.")
        asked.setdefault(question, start)


def check_question(src: str, tag_line: int, body: list[str]) -> None:
    """One `<quiz>` block: question, options each with feedback, then an explanation."""
    def at(i: int) -> int:
        return tag_line + 1 + i

    if not any(l.strip() for l in body):
        report(src, tag_line, "empty quiz.", "write a question, options with `>` feedback and an explanation.")
        return
    for i, line in enumerate(body):
        if "[[" in line and "]]" in line:
            report(src, at(i), "`[[…]]` turns this question into fill-in-the-blank.",
                   "rephrase without double square brackets.")
    answers = [i for i, l in enumerate(body) if ANSWER.match(l.strip())]
    if not answers:
        report(src, tag_line, "the question has no options.", "add options as `- [x] …` (correct) and `- [ ] …`.")
        return
    if not "".join(body[: answers[0]]).strip():
        report(src, at(answers[0]), "the options have no question above them.",
               "write the question on the lines after `<quiz>`.")
    texts: dict[str, int] = {}
    correct = 0
    for i in answers:
        raw = body[i]
        bullet, mark, text = ANSWER.match(raw.strip()).groups()
        if raw != raw.lstrip():
            report(src, at(i), "an indented option is not read as an option.", "start the line with `- [` at column 1.")
        if bullet == "+":
            report(src, at(i), "`+` bullets are not read as options.", "use `- [x]` or `- [ ]`.")
        if mark not in ("x", "X", " ", ""):
            report(src, at(i), f"`[{mark}]` is not an option marker.", "use `[x]` for correct and `[ ]` for wrong.")
        correct += mark in ("x", "X")
        key = " ".join(text.split()).casefold()
        if key in texts:
            report(src, at(i), f"two options have the same text (also line {at(texts[key])}); "
                   "mkdocs-quiz would mark both correct.", "make every option's text different.")
        texts.setdefault(key, i)
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if not nxt.lstrip().startswith(">"):
            blank_then_feedback = not nxt.strip() and i + 2 < len(body) and body[i + 2].lstrip().startswith(">")
            report(src, at(i), "this option has no feedback directly under it"
                   + (" (a blank line separates it from its `>` line)." if blank_then_feedback else "."),
                   "add a `> …` line right under the option saying why it is right or wrong, with no blank line between.")
    if not correct:
        report(src, at(answers[0]), "the question has no correct option.", "mark the right option(s) with `[x]`.")
    # Between the first and last option only options, feedback lines and blank lines may stand.
    for i in range(answers[0], answers[-1]):
        line = body[i]
        if line.strip() and not ANSWER.match(line.strip()) and not line.lstrip().startswith(">"):
            report(src, at(i), "a text line between options hides the options after it.",
                   "remove the line, or make it a `>` feedback line of the option above.")
    rest = [l for l in body[answers[-1] + 1:] if not l.lstrip().startswith(">")]
    explanation = "\n".join(rest).strip()
    if not explanation:
        report(src, at(answers[-1]), "the question has no explanation after its options.",
               "after a blank line, explain the principle and link the page that teaches it.")
    elif not re.search(r"\]\([^)]*\.md(#[^)]*)?\)", explanation):
        report(src, at(answers[-1]), "the explanation does not link to the page that teaches it.",
               "add a link such as `[Lees meer over empathie](../elementen/empathie.md)`.")


# --- placeholders ------------------------------------------------------------------------------


def check_holes(src: str, markdown: str, lines: list[str]) -> None:
    for hole in PLACEHOLDER.findall(markdown):
        line = next((n for n, l in enumerate(lines, start=1) if hole in l), 1)
        report(src, line, f"unknown placeholder `{hole}`: no hook fills it.",
               "check its spelling against the hooks in scripts/hooks/ (README lists them).")


# --- anchors of Markdown links ------------------------------------------------------------------


def check_anchors(docs: str) -> None:
    """MkDocs records each page's links to anchors and each page's anchors; a link to an anchor
    that its page lacks is reported with the line of the link."""
    for page in pages:
        for target, links in (getattr(page, "links_to_anchors", None) or {}).items():
            present = getattr(target.page, "present_anchor_ids", None)
            if present is None:
                continue
            for anchor, link in links.items():
                if anchor in present:
                    continue
                lines = page.file.content_string.splitlines()
                line = next((n for n, text in enumerate(lines, start=1) if f"({link}" in text or link in text), 1)
                known = ", ".join(f"#{a}" for a in sorted(present) if not a.startswith(("__", "fn")))[:300]
                report(f"{docs}/{page.file.src_uri}", line,
                       f"the link `{link}` goes to {target.src_uri}, which has no anchor `#{anchor}`.",
                       f"use one of its anchors ({known or 'none'}), or link the page without `#…`.")


# --- links in raw HTML --------------------------------------------------------------------------


def collect_raw_links(src: str, page_url: str, lines: list[str]) -> None:
    for n, line in enumerate(lines, start=1):
        # Markdown link targets are MkDocs' job; blank them so only raw HTML remains.
        for href in RAW_LINK.findall(re.sub(r"\]\([^)]*\)", "]()", line)):
            raw_links.append((src, n, page_url, href))


def check_raw_links(site: Path) -> None:
    anchors: dict[Path, set[str]] = {}
    for src, n, page_url, href in raw_links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:  # other hosts, mailto:, data: — not ours to check
            continue
        if parts.path.endswith(".md"):
            report(src, n, f"raw HTML link `{href}` points at a .md file, which does not exist in the built site.",
                   "link the page's URL (e.g. `../tips/relatiebreuken/`) or use a Markdown link.")
            continue
        target_url = unquote(urlsplit(urljoin("/" + page_url, parts.path or "")).path).lstrip("/")
        if target_url in GENERATED:
            continue
        target = site / target_url
        if target.is_dir() or not target_url or target_url.endswith("/"):
            target = target / "index.html"
        if not target.exists():
            report(src, n, f"link `{href}` leads nowhere (no `{target_url or '/'}` in the built site).",
                   "correct the address; raw HTML links are relative to the page's URL, e.g. `../vragenbank/`.")
            continue
        if parts.fragment and target.suffix == ".html":
            if target not in anchors:
                anchors[target] = set(ELEMENT_ID.findall(target.read_text(encoding="utf-8")))
            if parts.fragment not in anchors[target]:
                report(src, n, f"link `{href}`: the page exists but has no anchor `#{parts.fragment}`.",
                       "use an existing heading id (see the page's table of contents) or add `{#id}` to the heading.")
