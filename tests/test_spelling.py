"""Dutch spelling: the main text of every built page passes hunspell (nl_NL) with the project's
short word list (tests/wordlist-nl.txt: names, terms, product names). Code, URLs and passages
marked as another language (lang="en", e.g. English titles of references) are left out."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

WORDLIST = Path(__file__).resolve().parent / "wordlist-nl.txt"
# Not the module's text: code, and an institution's own names and addresses (its settings file).
SKIP = ["pre", "code", "kbd", "script", "style", "a.headerlink", ".md-source-file", ".instelling"]
URL = re.compile(r"(?:https?://|www\.)\S+")
# A word starts and ends with a letter; apostrophes and hyphens may sit inside (collega's, meta-analyse).
WORD = re.compile(r"[^\W\d_](?:[\w'-]*[^\W\d_])?")


def main_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return ""
    for selector in SKIP:
        for element in article.select(selector):
            element.decompose()
    for element in article.select("[lang]"):
        if not element["lang"].lower().startswith("nl"):
            element.decompose()
    return URL.sub(" ", article.get_text(" "))


def words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", " ")
    return [w.strip("'") for w in WORD.findall(text) if len(w.strip("'")) > 1]


def unknown_words(tokens: list[str]) -> set[str]:
    proc = subprocess.run(
        ["hunspell", "-d", "nl_NL", "-p", str(WORDLIST), "-l"],
        input="\n".join(tokens), capture_output=True, text=True, check=True,
    )
    return set(proc.stdout.split())


def test_every_page_is_spelled_correctly(site_dir, all_pages):
    if not shutil.which("hunspell"):
        pytest.fail("hunspell is missing: run ./run test (it installs hunspell-nl)", pytrace=False)
    assert len(all_pages) >= 40
    per_page = {}
    for path in all_pages:
        html = (site_dir / path / "index.html") if not path.endswith(".html") else site_dir / path
        per_page["/" + path] = set(words(main_text(html.read_text(encoding="utf-8"))))
    assert all(per_page.values()), [p for p, w in per_page.items() if not w]
    unknown = unknown_words(sorted(set().union(*per_page.values())))  # one hunspell run for all
    report = {path: sorted(found & unknown) for path, found in per_page.items() if found & unknown}
    assert not report, "unknown words (fix the spelling, or add a genuine name or term to " \
        "tests/wordlist-nl.txt):\n" + "\n".join(f"{p}: {', '.join(w)}" for p, w in report.items())


def test_the_checker_catches_a_typo():
    assert unknown_words(words("De behandelaar vraagt naar de samenwerkking.")) == {"samenwerkking"}
