"""Bad content fails the build loudly, naming the Markdown file and line and the fix
(scripts/hooks/validate.py).

Each broken case runs through the validator's own MkDocs events (on_page_markdown, then
on_post_build against the session's built site), in memory: no build per case. Three real strict
builds show the validator is wired into MkDocs: a well-formed quiz builds (exit code 0), a broken
quiz fails the build, and link errors in a page fail it with both MkDocs' and our message.
"""

from __future__ import annotations

import importlib.util
import re
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
    "same question twice": (QUIZ_PAGE, quiz_page(GOOD_QUESTION + "\n" + GOOD_QUESTION.replace("Goed antwoord", "Ander antwoord")),
                            f"{QUIZ_PAGE}:21: the same question as on line 11"),
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
    """MkDocs' own link validation (mkdocs.yml `validation:`) for Markdown links, ours for raw HTML
    and, from MkDocs' link data, for anchors."""
    result = build_with({"docs/over.md": "---\ntype: page\ntitle: Over\ndescription: Iets.\n---\n\n# Over\n\n"
                                         "[x](bestaat-niet.md) en [y](woordenlijst.md#geen-anker)\n\n"
                                         '<a href="../bestaat-niet/">z</a>\n'})
    assert result.returncode != 0
    assert "'over.md' contains a link 'bestaat-niet.md'" in result.output
    assert "'woordenlijst.md' does not contain an anchor '#geen-anker'" in result.output
    assert "docs/over.md:11: link `../bestaat-niet/` leads nowhere" in result.output
    assert "docs/over.md:9: the link `woordenlijst.md#geen-anker` goes to woordenlijst.md, which has no anchor " \
           "`#geen-anker`. Fix: use one of its anchors (" in result.output


def test_missing_anchor_and_page_outside_nav_fail_every_build(build_with):
    """Without --strict too (as `mkdocs serve` without the runner would build): a link to a missing
    anchor and a page that the navigation leaves out stop the build with file, line and fix."""
    result = build_with({"docs/over.md": (ROOT / "docs/over.md").read_text(encoding="utf-8")
                         + "\nZie [de woordenlijst](woordenlijst.md#bestaat-niet).\n",
                         "docs/los.md": "---\ntype: page\ntitle: Los\ndescription: Een losse pagina.\n"
                                        "reviewed: 2026-12-01\nnext_review: 2027-12-01\n---\n\n# Los\n\nTekst.\n"},
                        strict=False)
    assert result.returncode != 0, result.output[-2000:]
    line = (ROOT / "docs/over.md").read_text(encoding="utf-8").count("\n") + 2
    assert f"docs/over.md:{line}: the link `woordenlijst.md#bestaat-niet` goes to woordenlijst.md, which has no " \
           "anchor `#bestaat-niet`. Fix:" in result.output, result.output[-3000:]
    assert "docs/los.md:1: the page is not in the navigation, so readers only find it by searching. " \
           "Fix: add it under `nav:` in mkdocs.yml" in result.output, result.output[-3000:]
    assert "Traceback" not in result.output


# --- data files, encodings, glossary: never a traceback --------------------------------------------

from datafile import read_text, read_yaml  # noqa: E402  (scripts/hooks on the path: conftest)

DATA_FILES = sorted(p.name for p in (ROOT / "data").glob("*.yml"))
HOOKS = sorted((ROOT / "scripts" / "hooks").glob("*.py"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_broken_yaml_names_file_line_column_and_fix(tmp_path, name):
    """Every data file, broken on line 3 (an unclosed list), read as the hooks read it."""
    lines = (ROOT / "data" / name).read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "data" / name
    broken.parent.mkdir()
    broken.write_text("\n".join(lines[:2] + ["kapot: [een, twee", "  - drie: vier"] + lines[2:]) + "\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        read_yaml(broken)
    message = str(error.value)
    assert re.match(rf"{re.escape(str(broken))}:\d+:\d+: the YAML cannot be read: .+\. Fix: ", message), message
    assert "line 3" in message or f"{broken}:3:" in message or f"{broken}:4:" in message, message


def test_every_hook_reads_data_files_through_read_yaml():
    """No hook parses a data file on its own (it would end in a traceback on broken YAML)."""
    assert len(HOOKS) >= 12
    for hook in HOOKS:
        text = hook.read_text(encoding="utf-8")
        if hook.name == "datafile.py":
            continue
        for call in re.findall(r"yaml\.(?:safe_)?load\((.*)", text):
            assert "data" not in call and ".yml" not in call and "read_text" not in call, f"{hook.name}: yaml.load({call}"


def test_broken_yaml_fails_the_build_without_traceback(build_with):
    text = (ROOT / "data" / "quiz.yml").read_text(encoding="utf-8")
    result = build_with({"data/quiz.yml": text + "extra: [open\n"})
    assert result.returncode != 0
    assert re.search(r"data/quiz\.yml:\d+:\d+: the YAML cannot be read: .*Fix: ", result.output), result.output[-2000:]
    assert "Traceback" not in result.output, result.output[-3000:]


def test_non_utf8_page_names_file_line_and_column(tmp_path):
    """In memory: the validator's first look at the files (before anything reads them)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "goed.md").write_text("# Goed\n", encoding="utf-8")
    (docs / "fout.md").write_bytes("# Fout\n\nEen café".encode("utf-8") + b"\nmet caf\xe9 in Latin-1.\n")
    files = SimpleNamespace(documentation_pages=lambda: [
        SimpleNamespace(abs_src_path=str(docs / name)) for name in ("goed.md", "fout.md")])
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    with pytest.raises(PluginError, match="not saved as UTF-8"):
        VALIDATOR.on_files(files, config)
    with pytest.raises(PluginError) as error:  # the reader the validator uses
        read_text(docs / "fout.md")
    assert str(error.value).endswith(
        "fout.md:4:8: byte 0xe9 is not UTF-8 text. Fix: save the file as UTF-8 (in most editors: Save with "
        "encoding, UTF-8), or retype the character there."), str(error.value)


def test_non_utf8_page_fails_the_build_without_traceback(build_with):
    over = (ROOT / "docs" / "over.md").read_bytes()
    result = build_with({"docs/over.md": over + b"\nEen caf\xe9.\n"})
    assert result.returncode != 0
    line = over.count(b"\n") + 2
    assert f"docs/over.md:{line}:8: byte 0xe9 is not UTF-8 text. Fix: " in result.output, result.output[-2000:]
    assert "Traceback" not in result.output, result.output[-3000:]


def test_question_with_more_than_text_fails_the_build(build_with):
    """A question becomes the legend of its options (scripts/hooks/quizzes.py), which holds only
    text: a list in it stops the build with file, line and fix, not with broken markup."""
    question = GOOD_QUESTION.replace("Wat past het best?\n", "Wat past het best?\n\n* bij een patiënt\n* bij een naaste\n\n")
    content = quiz_page(question + "\n<!-- mkdocs-quiz results -->\n", DATED)
    line = content.splitlines().index("<quiz>") + 1
    result = build_with({QUIZ_PAGE: content})
    assert result.returncode != 0, result.output[-2000:]
    assert f"{QUIZ_PAGE}:{line}: question 1 holds more than paragraphs of text (li, ul)" in result.output, result.output[-3000:]
    assert "Fix:" in result.output and "Traceback" not in result.output, result.output[-3000:]
