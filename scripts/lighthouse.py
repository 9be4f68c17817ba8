"""Lighthouse benchmark: the home page, an element page and a quiz page, in mobile mode.

    python scripts/lighthouse.py [--site DIR] [--port N] [PAGE ...]

Builds the site strictly (or takes an existing build with --site), serves it with Debian's nginx
and the deployment rules of deploy/nginx/ (as the README tells an intranet to: gzip, hashed
assets cached long, HTML revalidated) and runs the Lighthouse npm package (node_modules/,
`npm ci`) with Debian's Chromium.
Performance depends on the machine's load: each page is measured --runs times (default 3) and
the median counts, as Lighthouse's documentation advises. Prints the four category scores per
page against the targets and exits 1 if one is missed.
Full reports (HTML and JSON) go to .cache/lighthouse/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from configfile import config_file  # the institution's settings file, or mkdocs.yml
from localbrowser import CHROMIUM, CHROMIUM_ARGS, Nginx

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / ".cache" / "lighthouse"
PAGES = ["", "elementen/empathie/", "zelftoetsen/empathie/"]
TARGETS = {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 95}
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]


def build(site: Path, site_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config_file()), "-d", str(site)],
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
        server = Nginx(site, args.port, Path(tmp) / "nginx")
        if not args.site:
            build(site, server.url)
        results = {}
        with server:
            for page in args.pages:
                name = page.strip("/").replace("/", "-") or "home"
                runs = [lighthouse(server.url + page, f"{name}-{i + 1}") for i in range(args.runs)]
                results[page] = {key: statistics.median_low(r[key] for r in runs) for key in TARGETS}

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
