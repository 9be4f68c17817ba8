"""Bad content fails the build loudly, naming the Markdown file and line and the fix
(scripts/hooks/validate.py).

Each broken case runs through the validator's own MkDocs events (on_page_markdown, then
on_post_build against the session's built site), in memory: no build per case. Three real strict
builds show the validator is wired into MkDocs: a well-formed quiz builds (exit code 0), a broken
quiz fails the build, and link errors in a page fail it with both MkDocs' and our message.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from conftest import ROOT

QUIZ_PAGE = "docs/zelftoetsen/empathie.md"
FRONT = """---
type: quiz
title: Testtoets
description: Een toets om de controle te testen.
quiz:
  enabled: true
---

# Testtoets

"""  # 10 lines: the first quiz line below is line 11
# A page that breaks no rule also carries the review dates every page needs.
DATED = FRONT.replace("---\n\n#", "reviewed: 2026-12-01\nnext_review: 2027-12-01\n---\n\n#")


def quiz_page(body: str, front: str = FRONT) -> str:
    return front + textwrap.dedent(body).lstrip("\n")


GOOD_QUESTION = """\
<quiz>
Wat past het best?
- [x] Goed antwoord
> Goed, omdat het past.
- [ ] Fout antwoord
> Niet goed, omdat het niet past.

Uitleg met een [link](../elementen/empathie.md).
</quiz>
"""

# name: (page, content, expected message fragment with file:line)
CASES = {
    "missing closing tag": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("</quiz>\n", "")),
                            f"{QUIZ_PAGE}:11: this quiz is never closed"),
    "missing close before next quiz": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("</quiz>\n", "") + GOOD_QUESTION),
                                       f"{QUIZ_PAGE}:11: this quiz is not closed before the next `<quiz>` (line 19)"),
    "text line between answers": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("- [ ] Fout", "Tussentekst\n- [ ] Fout")),
                                  f"{QUIZ_PAGE}:15: a text line between options"),
    "fill-in brackets": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("Wat past het best?", "Wat past [[hier]]?")),
                         f"{QUIZ_PAGE}:12: `[[…]]` turns this question into fill-in-the-blank"),
    "inline quiz tag in prose": (QUIZ_PAGE, quiz_page("Gebruik `<quiz>` voor een vraag.\n\n" + GOOD_QUESTION),
                                 f"{QUIZ_PAGE}:11: a `<quiz>`/`</quiz>` tag shares its line"),
    "identical answers": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("Fout antwoord", "Goed antwoord")),
                          f"{QUIZ_PAGE}:15: two options have the same text (also line 13)"),
    "quiz where plugin is off": (QUIZ_PAGE, quiz_page(GOOD_QUESTION, FRONT.replace("quiz:\n  enabled: true\n", "quiz:\n  enabled: false\n")),
                                 f"{QUIZ_PAGE}:11: this page has quizzes but the quiz plugin is not enabled"),
    "no correct answer": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("- [x]", "- [ ]")),
                          f"{QUIZ_PAGE}:13: the question has no correct option"),
    "option without feedback": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("> Niet goed, omdat het niet past.\n", "")),
                                f"{QUIZ_PAGE}:15: this option has no feedback"),
    "blank line before feedback": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("- [x] Goed antwoord\n", "- [x] Goed antwoord\n\n")),
                                   f"{QUIZ_PAGE}:13: this option has no feedback directly under it (a blank line"),
    "no explanation": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("\nUitleg met een [link](../elementen/empathie.md).\n", "")),
                       f"{QUIZ_PAGE}:15: the question has no explanation"),
    "explanation without page link": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("[link](../elementen/empathie.md)", "link")),
                                      f"{QUIZ_PAGE}:15: the explanation does not link"),
    "v marker": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("- [x]", "- [v]")), f"{QUIZ_PAGE}:13: `[v]` is not an option marker"),
    "plus bullet": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("- [ ] Fout", "+ [ ] Fout")), f"{QUIZ_PAGE}:15: `+` bullets"),
    "indented answer": (QUIZ_PAGE, quiz_page(GOOD_QUESTION.replace("- [ ] Fout", "  - [ ] Fout")), f"{QUIZ_PAGE}:15: an indented option"),
    "empty quiz": (QUIZ_PAGE, quiz_page("<quiz>\n\n</quiz>\n"), f"{QUIZ_PAGE}:11: empty quiz"),
    "missing description": ("docs/over.md", "---\ntype: page\ntitle: Over\n---\n\n# Over\n\nTekst.\n",
                            "docs/over.md:1: front matter has no `description`"),
    "unknown page type": ("docs/over.md", "---\ntype: blog\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n",
                          "docs/over.md:1: unknown page type `blog`"),
    "missing required section": (
        "docs/elementen/empathie.md",
        "---\ntype: element\ntitle: Empathie\ndescription: Iets.\nelement: empathie\nquiz_page: x\n---\n\n# Empathie\n\n"
        '!!! abstract "Kort gezegd"\n    Kort.\n\n## Wat is het?\n\n## Waarom het ertoe doet\n\n## In de praktijk\n\n'
        "## Voorbeeldvragen\n\n## Test jezelf\n\n## Verder lezen\n",
        "docs/elementen/empathie.md:20: required section `## Valkuilen` is missing"),
    "missing kort gezegd": (
        "docs/elementen/empathie.md",
        "---\ntype: element\ntitle: Empathie\ndescription: Iets.\nelement: empathie\nquiz_page: x\n---\n\n# Empathie\n\n## Wat is het?\n",
        "docs/elementen/empathie.md:8: the page does not open with a \"Kort gezegd\" box"),
    "unfilled placeholder": ("docs/over.md", "---\ntype: page\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n\n{{ onbekend }}\n",
                             "docs/over.md:9: unknown placeholder `{{ onbekend }}`"),
    "broken raw html link": ("docs/over.md", '---\ntype: page\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n\n<a href="../bestaat-niet/">x</a>\n',
                             "docs/over.md:9: link `../bestaat-niet/` leads nowhere"),
    "raw html link to md": ("docs/over.md", '---\ntype: page\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n\n<a href="../index.md">x</a>\n',
                            "docs/over.md:9: raw HTML link `../index.md` points at a .md file"),
    "broken raw html anchor": ("docs/over.md", '---\ntype: page\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n\n<a href="../woordenlijst/#geen-anker">x</a>\n',
                               "docs/over.md:9: link `../woordenlijst/#geen-anker`: the page exists but has no anchor"),
}


def load_validator():
    spec = importlib.util.spec_from_file_location("validate_hook", ROOT / "scripts/hooks/validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VALIDATOR = load_validator()


def validate(path: str, text: str, site_dir: Path) -> list[str]:
    """Run the validator's MkDocs events on one page, as a build does; return its problems."""
    src_uri = path.removeprefix("docs/")
    url = "" if src_uri == "index.md" else src_uri.removesuffix(".md").removesuffix("index") + \
        ("" if src_uri.endswith("index.md") else "/")
    body, meta = get_data(text)
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, content_string=text), meta=meta, url=url)
    config = SimpleNamespace(docs_dir=str(ROOT / "docs"), site_dir=str(site_dir))
    VALIDATOR.on_config(config)
    stopped = False
    try:
        VALIDATOR.on_page_markdown(body, page, config, None)
        VALIDATOR.on_post_build(config)
    except PluginError:
        stopped = True
    assert stopped == bool(VALIDATOR.problems), "problems found but the build would go on" \
        if VALIDATOR.problems else "the validator stopped the build without naming a problem"
    return list(VALIDATOR.problems)


@pytest.mark.parametrize("case", CASES)
def test_broken_content_is_reported_with_file_line_and_fix(site_dir, case):
    path, content, expected = CASES[case]
    problems = validate(path, content, site_dir)
    assert problems, f"{case}: no problem reported"
    assert any(expected in problem for problem in problems), f"{case}: expected {expected!r} in {problems}"
    assert all(" Fix: " in problem for problem in problems), problems


def test_good_quiz_has_no_problem(site_dir):
    assert validate(QUIZ_PAGE, quiz_page(GOOD_QUESTION, DATED), site_dir) == []


# --- real builds: the validator is part of MkDocs' build ---------------------------------------


def test_good_quiz_builds(build_with):
    """Control: the same page, well formed, builds strictly without a word about it."""
    result = build_with({QUIZ_PAGE: quiz_page(GOOD_QUESTION + "\n<!-- mkdocs-quiz results -->\n", DATED)})
    assert result.returncode == 0, result.output[-3000:]
    assert QUIZ_PAGE not in result.output, result.output[-3000:]


def test_broken_quiz_fails_the_build(build_with):
    path, content, expected = CASES["missing closing tag"]
    result = build_with({path: content})
    assert result.returncode != 0, result.output[-2000:]
    assert expected in result.output and "Fix:" in result.output, result.output[-3000:]
    assert "Traceback" not in result.output


def test_link_errors_fail_the_build_naming_the_file(build_with):
    """MkDocs' own link validation (mkdocs.yml `validation:`) for Markdown links, ours for raw HTML."""
    result = build_with({"docs/over.md": "---\ntype: page\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n\n"
                                         "[x](bestaat-niet.md) en [y](woordenlijst.md#geen-anker)\n\n"
                                         '<a href="../bestaat-niet/">z</a>\n'})
    assert result.returncode != 0
    assert "'over.md' contains a link 'bestaat-niet.md'" in result.output
    assert "'woordenlijst.md' does not contain an anchor '#geen-anker'" in result.output
    assert "docs/over.md:11: link `../bestaat-niet/` leads nowhere" in result.output
