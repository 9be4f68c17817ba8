"""Search ranking by page type: a type's `search_boost` (data/page_types.yml) becomes the
`search: boost:` of each of its pages, Material's per-page boost, unless the page sets its own.
Self-check quizzes repeat the words of the page they test; a lower boost puts the teaching page
first for someone who looks a subject up.
"""

from __future__ import annotations

from pathlib import Path

from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

ROOT = Path(__file__).resolve().parents[2]
PAGE_TYPES = read_yaml(ROOT / "data" / "page_types.yml")


def on_page_markdown(markdown: str, page, config, files) -> str:
    boost = (PAGE_TYPES.get(page.meta.get("type")) or {}).get("search_boost")
    if boost is not None:
        search = page.meta.get("search") or {}
        page.meta["search"] = {"boost": boost, **search}
    return markdown
