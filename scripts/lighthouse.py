"""Lighthouse benchmark: the home page, an element page and a quiz page, in mobile mode.

    python scripts/lighthouse.py [--site DIR] [--port N] [PAGE ...]

Builds the site strictly (or takes an existing build with --site), serves it the way the README
tells an intranet to (gzip for HTML, CSS, JS, JSON and SVG; long caching for assets, revalidation
for HTML) and runs the Lighthouse npm package (node_modules/, `npm ci`) with Debian's Chromium.
Performance depends on the machine's load: each page is measured --runs times (default 3) and
the median counts, as Lighthouse's documentation advises. Prints the four category scores per
page against the targets and exits 1 if one is missed.
Full reports (HTML and JSON) go to .cache/lighthouse/.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from localbrowser import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / ".cache" / "lighthouse"
PAGES = ["", "elementen/empathie/", "zelftoetsen/empathie/"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
# As the nginx example in README.md: `gzip_types` plus text/html, which nginx always compresses.
COMPRESSED = ("text/html", "text/css", "application/javascript", "text/javascript",
              "application/json", "image/svg+xml")
LONG_CACHE = (".css", ".js", ".svg", ".woff", ".woff2")


@functools.lru_cache(maxsize=None)
def compressed(path: Path, mtime: float) -> bytes:
    """Gzip a file once, as a web server's cache would (slow on-the-fly compression skews timings)."""
    return gzip.compress(path.read_bytes(), compresslevel=6)


class IntranetHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and the cache headers of the README's nginx example."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(COMPRESSED):
            return super().send_head()
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "")
        body = compressed(path, path.stat().st_mtime) if gzipped else path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        if path.suffix in LONG_CACHE:
            self.send_header("Cache-Control", "public, max-age=604800")
        elif path.suffix == ".html":
            self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body) if self.command != "HEAD" else None
        return None

    def log_message(self, *args):
        pass


def build(site: Path, site_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


def lighthouse(url: str, name: str) -> dict[str, int]:
    """One Lighthouse run; returns the category scores (0-100) and prints audits that fall short."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    out = REPORTS / name
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile",
         "--only-categories=" + ",".join(TARGETS), "--output=json", "--output=html",
         f"--output-path={out}", "--chrome-flags=" + " ".join(CHROME_FLAGS)],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True,
    )
    report = json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "metricSavings", "numeric")
    ]
    print(f"  {url} (CPU benchmark index {report['environment']['benchmarkIndex']:.0f})"
          + (f": audits below 1: {', '.join(failing)}" if failing else ""))
    return {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="use this built site instead of building one")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median counts")
    parser.add_argument("--port", type=int, default=0, help="port to serve on (default: any free)")
    parser.add_argument("pages", nargs="*", default=PAGES, help="page paths (default: %(default)s)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` first (./run lighthouse does).")

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        server, base = serve(site, args.port, IntranetHandler)
        if not args.site:
            build(site, base)
        results = {}
        try:
            for page in args.pages:
                name = page.strip("/").replace("/", "-") or "home"
                runs = [lighthouse(base + page, f"{name}-{i + 1}") for i in range(args.runs)]
                results[page] = {key: statistics.median_low(r[key] for r in runs) for key in TARGETS}
        finally:
            server.shutdown()

    missed = False
    print(f"\n{'page':<28}" + "".join(f"{key:>16}" for key in TARGETS))
    print(f"{'(target)':<28}" + "".join(f"{'>= ' + str(t):>16}" for t in TARGETS.values()))
    for page, scores in results.items():
        cells = []
        for key, target in TARGETS.items():
            ok = scores[key] >= target
            missed |= not ok
            cells.append(f"{scores[key]}{'' if ok else ' (!)'}")
        print(f"{'/' + page:<28}" + "".join(f"{c:>16}" for c in cells))
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
