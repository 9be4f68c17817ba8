"""Accessibility fixes to generated HTML that templates and CSS cannot reach.

Task lists (pymdownx.tasklist) render a checkbox whose text sits outside its <label>, so the
checkbox has no accessible name (axe: label). Name it by the item's text via aria-labelledby.
"""

from __future__ import annotations

import itertools
import re

TASK_ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
    r"([^>]*/?>.*?</label>)(.*?)(</li>|<ul|<ol)",
    re.S,
)


def on_page_content(html: str, page, **kwargs) -> str:
    counter = itertools.count(1)

    def name(match: re.Match) -> str:
        n = next(counter)
        start, rest, text, end = match.groups()
        return f'{start} aria-labelledby="task-{n}"{rest}<span id="task-{n}">{text}</span>{end}'

    return TASK_ITEM.sub(name, html)
