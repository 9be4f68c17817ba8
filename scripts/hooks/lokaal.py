"""Local links: words in the text that link to the institution's own page, when its settings
file gives one (extra.lokaal; the names are LOCAL_LINKS in instelling.py).

An author links the words that name the local thing, with `lokaal:NAME` as the address, in
Markdown or in raw HTML (the safety snippet includes/veiligheid.md uses both):

    Volg [het protocol van je instelling](lokaal:crisisprotocol).
    <a href="lokaal:incidentmelding">meld het</a>

Where the institution set that link, the words link to its address (rel="external": print.css
prints the address on paper); where it did not, the words stay as plain text, so the sentence
must read naturally without the link. One mechanism for every page and snippet; the markup is
overrides/partials/hooks/lokaal.html. An unknown name stops the build with file, line and fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from instelling import LOCAL_LINKS, local_links  # same folder: MkDocs puts it on sys.path
from placeholders import macros, markup, source_of

LINK = re.compile(r'<a\s+href="lokaal:(?P<name>[^"]*)"(?P<attrs>[^>]*)>(?P<text>.*?)</a>', re.S)
INCLUDES = Path(__file__).resolve().parents[2] / "includes"

_links: dict[str, str] = {}


def on_config(config):
    _links.clear()
    _links.update(local_links(config))


def where(name: str, page, config) -> str:
    """`file:line` of `lokaal:NAME` in the page's source, or in the snippet that has it."""
    needle = re.compile(rf"lokaal:{re.escape(name)}(?![\w-])")
    src, text = source_of(page, config)
    candidates = [(src, text)] + [(f"includes/{path.name}", path.read_text(encoding="utf-8"))
                                  for path in sorted(INCLUDES.glob("*.md"))]
    for file, content in candidates:
        found = needle.search(content)
        if found:
            return f"{file}:{content.count(chr(10), 0, found.start()) + 1}"
    return f"{src}:1"


def on_page_content(html: str, page, config, files) -> str:
    def replace(match: re.Match) -> str:
        name, text = match.group("name"), match.group("text")
        if name not in LOCAL_LINKS:
            raise PluginError(f"{where(name, page, config)}: unknown local link `lokaal:{name}`. "
                              f"Fix: use one of {', '.join('lokaal:' + known for known in LOCAL_LINKS)}.")
        if name not in _links:
            return text
        return str(macros("lokaal.html", config).link(name, _links[name], markup(text)))

    return LINK.sub(replace, html) if "lokaal:" in html else html
