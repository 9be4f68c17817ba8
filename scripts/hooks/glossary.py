"""The glossary: includes/abbreviations.md rendered as the Woordenlijst.

includes/abbreviations.md holds one line per term, `*[term]: korte definitie.`; snippets
appends it to every page, so each term gets a hover tooltip wherever it appears. This hook
checks that file's format and replaces `{{ woordenlijst }}` with all terms as a sorted
definition list, each term with an anchor (woordenlijst.md#term).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError

from placeholders import fill, macros, no_argument

SOURCE = Path(__file__).resolve().parents[2] / "includes" / "abbreviations.md"
LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")


def on_pre_build(config):
    read_terms(SOURCE)  # a malformed line fails the build even if no page shows the glossary


def on_serve(server, config, builder):
    server.watch(str(SOURCE))


def on_page_markdown(markdown, page, config, files):
    return fill(markdown, page, config, {"woordenlijst": no_argument("woordenlijst", lambda: render(read_terms(SOURCE)))})


def read_terms(path: Path) -> list[tuple[str, str]]:
    """(term, definition) pairs; any other non-blank line outside the comment is an error."""
    text = path.read_text(encoding="utf-8")
    text_without_comments = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    terms, seen = [], {}
    for number, line in enumerate(text_without_comments.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            raise PluginError(
                f"includes/abbreviations.md:{number}: not a glossary line. "
                "Fix: write `*[term]: korte definitie.` on one line."
            )
        term = match["term"].strip()
        if term in seen:
            raise PluginError(
                f"includes/abbreviations.md:{number}: '{term}' is already defined on line "
                f"{seen[term]}. Fix: keep one definition."
            )
        seen[term] = number
        definition = match["definition"].strip()
        if not re.search(r"[^\W\d_]{2}", definition):
            raise PluginError(
                f"includes/abbreviations.md:{number}: the definition of '{term}' has no words "
                f"(‘{definition}’); the tooltip would show just that. "
                "Fix: write a short definition in words after the colon."
            )
        terms.append((term, definition))
    return terms


def sort_key(term: str) -> str:
    plain = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
    return plain.casefold()


def anchor(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", sort_key(term)).strip("-")


def render(terms: list[tuple[str, str]]) -> str:
    ordered = sorted(terms, key=lambda pair: sort_key(pair[0]))
    return str(macros("glossary.html").glossary([(anchor(term), term, text) for term, text in ordered]))
