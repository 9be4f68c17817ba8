"""Benchmark: strict build time and first-load bytes per page.

    ./run bench            (or: python scripts/benchmark.py [--runs 5])

Prints the median of N strict builds, then per page the bytes a first visit loads: the HTML plus
every stylesheet, script and font it references (fonts found in those stylesheets), raw and
gzip-compressed (level 6, as a web server would). The search worker and index, which Material
fetches after the page is shown, are on a line of their own. Then the bytes of a quiz page
reached from another quiz page by instant navigation: its HTML plus any file it references that
the first quiz page did not load (the rest is in the browser's cache: hashed names, cached for a
year). Targets: build < 3 s; a page without a quiz ≤ 76 KB gzip, a quiz page ≤ 90 KB, a second
quiz page by instant navigation ≤ 15 KB (search apart). For comparison, Material's default stack
(its own CSS and JS and a page of this site without our assets) is about 75 KB.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from configfile import config_file  # the institution's settings file, or mkdocs.yml
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_PAGE_KB, TARGET_QUIZ_KB, TARGET_NEXT_QUIZ_KB, TARGET_BUILD_S = 76, 90, 15, 3.0
ASSET = re.compile(r"""<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)\"""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+\.(?:woff2?|ttf|otf))""")


def build(dest: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f", str(config_file()), "-d", str(dest)],
        cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True,
    )
    return time.perf_counter() - start


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def local_file(site: Path, page_url: str, ref: str) -> Path | None:
    parts = urlsplit(urljoin(page_url, ref))
    if parts.netloc not in ("", "site"):
        return None
    target = site / parts.path.lstrip("/")
    return target if target.is_file() else None


def assets(site: Path, html: Path) -> set[Path]:
    """The files a first visit to `html` loads besides the HTML itself."""
    page_url = "http://site/" + html.relative_to(site).as_posix()
    files = set()
    for ref in ASSET.findall(html.read_text(encoding="utf-8")):
        asset = local_file(site, page_url, ref)
        if asset:
            files.add(asset)
            if asset.suffix == ".css":
                asset_url = "http://site/" + asset.relative_to(site).as_posix()
                for font in CSS_URL.findall(asset.read_text(encoding="utf-8")):
                    if found := local_file(site, asset_url, font):
                        files.add(found)
    return files


def total(files) -> tuple[int, int]:
    raw = gz = 0
    for f in files:
        r, g = sizes(f)
        raw, gz = raw + r, gz + g
    return raw, gz


def first_load(site: Path, html: Path) -> tuple[int, int]:
    return total({html} | assets(site, html))


def is_quiz(html: Path) -> bool:
    return re.search(r"assets/js/quiz\.[0-9a-f]{8}\.js", html.read_text(encoding="utf-8")) is not None


def next_quiz(site: Path, quizzes: list[Path]) -> tuple[str, int, int]:
    """The worst quiz page reached by instant navigation from another quiz page: (page, raw, gzip)."""
    worst = ("", 0, 0)
    for n, html in enumerate(quizzes):
        before = quizzes[n - 1] if n else quizzes[1]  # the quiz before it (for the first: the next one)
        raw, gz = total({html} | (assets(site, html) - assets(site, before)))
        if gz > worst[2]:
            worst = ("/" + html.relative_to(site).as_posix().removesuffix("index.html"), raw, gz)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build(site) for _ in range(args.runs)]
        median = statistics.median(times)
        print(f"Strict build: median {median:.2f} s of {args.runs} runs "
              f"(min {min(times):.2f}, max {max(times):.2f}); target < {TARGET_BUILD_S:.0f} s "
              f"{'OK' if median < TARGET_BUILD_S else 'OVER'}\n")
        print(f"{'page':44} {'raw KB':>8} {'gzip KB':>8}  target")
        worst = {False: 0.0, True: 0.0}
        for html in sorted(site.rglob("*.html")):
            rel = html.relative_to(site).as_posix()
            if rel == "404.html":
                continue
            raw, gz = first_load(site, html)
            quiz = is_quiz(html)
            target = TARGET_QUIZ_KB if quiz else TARGET_PAGE_KB
            worst[quiz] = max(worst[quiz], gz / 1024)
            flag = "OK" if gz / 1024 <= target else "OVER"
            print(f"/{rel.removesuffix('index.html'):43} {raw / 1024:8.1f} {gz / 1024:8.1f}  ≤{target} {flag}{' (quiz)' if quiz else ''}")
        worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
        index = site / "search" / "search_index.json"
        (wr, wg), (ir, ig) = sizes(worker), sizes(index)
        print(f"{'search worker + index (after first paint)':44} {(wr + ir) / 1024:8.1f} {(wg + ig) / 1024:8.1f}")
        quizzes = [html for html in sorted(site.rglob("*.html")) if is_quiz(html)]
        page, raw, gz = next_quiz(site, quizzes)
        flag = "OK" if gz / 1024 <= TARGET_NEXT_QUIZ_KB else "OVER"
        print(f"{'next quiz page by instant navigation: ' + page:44} {raw / 1024:8.1f} {gz / 1024:8.1f}"
              f"  ≤{TARGET_NEXT_QUIZ_KB} {flag}")
        print(f"\nLargest first load: page without quiz {worst[False]:.1f} KB gzip, quiz page {worst[True]:.1f} KB gzip;"
              f" next quiz page by instant navigation {gz / 1024:.1f} KB gzip")


if __name__ == "__main__":
    main()
