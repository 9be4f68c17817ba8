"""Words of article text per page, against the word budgets in data/word_budgets.yml.

    python scripts/wordcount.py [SITE_DIR]     (default: build the site strictly into a temp dir)

Counts with scripts/hooks/words.py `article_words`, the project's one definition of article words,
applied to each built page's <article>. Elements marked `data-words="skip"` (the shared safety
box, the review dates) are not counted. Prints one line per page, the totals per budget group and
the site total; exits 1 when a budget is exceeded. tests/test_content.py enforces the same
budgets through `check()`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from words import article_words  # noqa: E402  (the shared definition)
from configfile import config_file  # noqa: E402  (the institution's settings file, or mkdocs.yml)

BUDGETS = ROOT / "data" / "word_budgets.yml"
ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'


def source_of(built: Path, site: Path, docs: Path) -> Path | None:
    """docs/x/y.md for site/x/y/index.html (and docs/x/index.md for site/x/index.html)."""
    rel = built.relative_to(site).parent.as_posix()
    for candidate in ([f"{rel}.md", f"{rel}/index.md"] if rel != "." else ["index.md"]):
        if (docs / candidate).exists():
            return docs / candidate
    return None


def article_html(html: str) -> str:
    start = html.find(ARTICLE_OPEN)
    if start < 0:
        return ""
    start += len(ARTICLE_OPEN)
    return html[start: html.find("</article>", start)]


def count(site: Path, docs: Path = ROOT / "docs") -> dict[str, tuple[str, int]]:
    """{'elementen/vertrouwen.md': (page type, words)} for every built page with a source."""
    result = {}
    for built in sorted(site.rglob("index.html")):
        src = source_of(built, site, docs)
        if src is None:
            continue
        _, meta = get_data(src.read_text(encoding="utf-8-sig"))
        words = article_words(article_html(built.read_text(encoding="utf-8")))
        result[src.relative_to(docs).as_posix()] = (str(meta.get("type", "")), words)
    return result


def load_budgets(path: Path = BUDGETS) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def in_group(page: str, group: dict) -> bool:
    under = group.get("under")
    inside = any(page.startswith(prefix) for prefix in under) if under else True
    outside = any(page.startswith(prefix) for prefix in group.get("not_under", []))
    return inside and not outside


def check(counts: dict[str, tuple[str, int]], budgets: dict) -> tuple[list[str], dict[str, int]]:
    """(problems, totals per group); a problem names the page or group, its words and its budget."""
    problems = []
    for page, (kind, words) in counts.items():
        limit = budgets.get("per_page", {}).get(kind)
        if limit is not None and words > limit:
            problems.append(f"docs/{page}: {words} words, the budget of a `{kind}` page is {limit}. "
                            "Fix: shorten the page (data/word_budgets.yml has the budgets).")
    totals = {}
    for name, group in budgets.get("groups", {}).items():
        totals[name] = sum(w for page, (_, w) in counts.items() if in_group(page, group))
        if totals[name] > group["max_words"]:
            problems.append(f"{name}: {totals[name]} words together, the budget is {group['max_words']}. "
                            "Fix: shorten pages in this group.")
    return problems, totals


def main() -> int:
    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
        return report(site)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file()), "-d", tmp],
                       cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
        return report(Path(tmp))


def report(site: Path) -> int:
    counts = count(site)
    budgets = load_budgets()
    width = max(map(len, counts))
    for page, (kind, words) in counts.items():
        limit = budgets.get("per_page", {}).get(kind)
        note = f"  (max {limit})" if limit else ""
        print(f"{page:<{width}}  {kind:<9} {words:>6}{note}")
    problems, totals = check(counts, budgets)
    print()
    for name, total in totals.items():
        print(f"{name:<{width}}  {'':<9} {total:>6}  (max {budgets['groups'][name]['max_words']})")
    for problem in problems:
        print("OVER BUDGET: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
