"""Bad content fails the build loudly: each broken case is fed to a real strict build, which must
fail with a message naming the Markdown file and line (scripts/hooks/validate.py)."""

from __future__ import annotations

import textwrap

import pytest

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


@pytest.mark.parametrize("case", CASES)
def test_broken_content_fails_with_file_and_line(build_with, case):
    path, content, expected = CASES[case]
    result = build_with({path: content})
    assert result.returncode != 0, f"{case}: the build passed\n{result.output[-2000:]}"
    assert expected in result.output, f"{case}: expected {expected!r} in:\n{result.output[-3000:]}"
    assert "Fix:" in result.output


def test_good_quiz_passes_the_validator(build_with):
    """Control: the same page, well formed, raises no quiz problem."""
    dated = FRONT.replace("---\n\n#", "reviewed: 2026-12-01\nnext_review: 2027-12-01\n---\n\n#")  # every page needs both
    result = build_with({QUIZ_PAGE: quiz_page(GOOD_QUESTION, dated)})
    assert QUIZ_PAGE not in result.output, result.output[-3000:]


def test_markdown_link_errors_name_the_file(build_with):
    """MkDocs' own link validation (mkdocs.yml `validation:`) fails the strict build."""
    result = build_with({"docs/over.md": "---\ntype: page\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n\n"
                                         "[x](bestaat-niet.md) en [y](woordenlijst.md#geen-anker)\n"})
    assert result.returncode != 0
    assert "'over.md' contains a link 'bestaat-niet.md'" in result.output
    assert "'woordenlijst.md' does not contain an anchor '#geen-anker'" in result.output
