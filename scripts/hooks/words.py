"""Word counts of article text: one definition, shared by the word budgets and the study load.

Not a hook itself (mkdocs.yml does not list it); hooks in this folder import it. Article text is
the rendered page content (what MkDocs puts in the <article>) without scripts, styles, permalink
anchors, and elements marked `data-words="skip"` (shared boilerplate such as a snippet box that
every page repeats). A word is a run of letters or digits, with inner hyphens and apostrophes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

WORD = re.compile(r"[^\W_](?:[\w’'-]*[^\W_])?")
SKIPPED_TAGS = {"script", "style", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: is it skipped?

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        skipped = (tag in SKIPPED_TAGS or attrs.get("data-words") == "skip"
                   or "headerlink" in (attrs.get("class") or "").split())
        self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def article_words(html: str) -> int:
    """Number of words of article text in a page's rendered content (page.content)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return len(WORD.findall(" ".join(parser.parts)))
