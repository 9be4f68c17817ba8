"""Shared fixtures: one strict build of the site, served by Debian's nginx with the deployment
rules of deploy/nginx/, opened in Debian's Chromium.

- `site_dir`: the strictly built site (built once per test session).
- `base_url`: http://127.0.0.1:PORT/ serving `site_dir` (overrides pytest-base-url's fixture).
- `web_server`: the nginx behind `base_url` (scripts/localbrowser.py `Nginx`: its access log).
- `page`: a Playwright page in Debian's Chromium (pytest-playwright), with the browser's own
  background traffic shut off, any request to another host recorded in `page.foreign_requests`
  and console errors in `page.console_errors` (see `watch`).
- `build_with(changes, strict=True)`: build a copy of the project with some files changed (for
  tests that feed the build broken content) and return the finished process (returncode, output).

Every build uses the configuration file a real build would (scripts/configfile.py): the
institution's settings file instelling.yml when there is one (or INSTELLING=file), otherwise
mkdocs.yml. `site_config()` is that configuration as MkDocs reads it.
- `all_pages`: relative URLs of every built HTML page.
- `pdfs`: the PDFs as `./run build` makes them ({key: path}, keys as under `pdfs:` in data/*.yml).
- `axe_source`, `htmlcs_source`: the scripts of axe-core and HTML_CodeSniffer (npm, pinned).

Set PREBUILT_SITE=/path/to/site to test an existing build instead (local iteration only).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))  # hooks import their helpers (words, datafile)
from localbrowser import CHROMIUM, CHROMIUM_ARGS, CSP_FILE, Nginx, free_port  # noqa: E402  (shared with the scripts)
from configfile import config_file  # noqa: E402  (which settings file a build uses)

MKDOCS = [sys.executable, "-m", "mkdocs"]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# What a copy of the project needs (build_with, test_serve): the module's parts, and an
# institution's settings file and images and the example institution's where they exist.
PROJECT_PARTS = [part for part in ["mkdocs.yml", "docs", "data", "includes", "overrides", "scripts", "locales",
                                   "instelling.yml", "instelling", "voorbeeldstad.yml", "voorbeeldstad"]
                 if (ROOT / part).exists()]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def run_build(project: Path, dest: Path, site_url: str | None = None, strict: bool = True,
              config: Path | None = None) -> subprocess.CompletedProcess:
    """Run a MkDocs build (strict unless told) of `project` into `dest`, with `config` or the
    configuration file a build there uses (scripts/configfile.py); output is stdout+stderr."""
    return subprocess.run(
        [*MKDOCS, "build", *(["--strict"] if strict else []), "--clean",
         "-f", str(config or config_file(project)), "-d", str(dest)],
        cwd=project,
        env={**BUILD_ENV, "SITE_URL": site_url} if site_url else BUILD_ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def site_config(root: Path = ROOT) -> dict:
    """The build's configuration as MkDocs reads it: the settings file over mkdocs.yml (INHERIT)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file(root), "rb") as file:
        return yaml_load(file)


@pytest.fixture(scope="session")
def server_port() -> int:
    """A free port for the test server, known before the build: the site is built with its
    address as SITE_URL, as a deployment would be (instant navigation relies on it)."""
    return free_port()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, server_port) -> Path:
    if os.environ.get("PREBUILT_SITE"):  # quick local iteration on an existing build
        return Path(os.environ["PREBUILT_SITE"])
    dest = tmp_path_factory.mktemp("built") / "site"
    proc = run_build(ROOT, dest, site_url=f"http://127.0.0.1:{server_port}/")
    if proc.returncode != 0:
        pytest.fail(f"strict build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return dest


@pytest.fixture(scope="session")
def all_pages(site_dir) -> list[str]:
    """Every built page as a URL path relative to the site root ('' for the home page)."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel == "404.html":
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.fixture(scope="session")
def web_server(site_dir, server_port, tmp_path_factory) -> Nginx:
    """Debian's nginx serving the built site as README's deployment section tells an intranet to."""
    try:
        server = Nginx(site_dir, server_port, tmp_path_factory.mktemp("nginx")).start()
    except RuntimeError as error:
        pytest.fail(f"{error} (./run test installs it)", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(web_server) -> str:
    return web_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "service_workers": "block"}


# Every page reports a Content-Security-Policy violation as a console error (Chromium logs most of
# them itself; the event catches every one, also from a script that swallows errors).
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) => console.error(
    "Content Security Policy violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline")
    + " at " + e.sourceFile + ":" + e.lineNumber));"""


def watch(page):
    """Record on `page` its requests to other hosts (`page.foreign_requests`), its console errors
    and uncaught exceptions (`page.console_errors`; the uncaught ones also in `page.page_errors`)
    and Content-Security-Policy violations (`page.csp_violations`; the `page` fixture fails a test
    that has one)."""
    page.foreign_requests = []
    page.console_errors = []
    page.csp_violations = []
    page.add_init_script(CSP_LISTENER)

    def on_console(message):
        if message.type == "error":
            page.console_errors.append(message.text)
            if "Content Security Policy" in message.text:
                page.csp_violations.append(message.text)

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL_HOSTS:
            page.foreign_requests.append(request.url)

    page.on("request", on_request)
    page.on("console", on_console)
    page.page_errors = []  # uncaught exceptions only

    def on_page_error(error):
        page.console_errors.append(str(error))
        page.page_errors.append(str(error))

    page.on("pageerror", on_page_error)
    return page


@pytest.fixture
def page(page):
    """The pytest-playwright page, recording requests to other hosts and console errors. Every
    browser test runs under the site's Content-Security-Policy (nginx sends the build's header):
    a violation during the test fails it."""
    yield watch(page)
    assert not page.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(page.csp_violations)


@pytest.fixture
def build_with(tmp_path):
    """Build a copy of the project with `changes` ({relative path: text or None to delete})."""

    def build(changes: dict[str, str | bytes | None], strict: bool = True) -> subprocess.CompletedProcess:
        project = tmp_path / "project"
        if project.exists():
            shutil.rmtree(project)
        project.mkdir()
        for part in PROJECT_PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy2(src, project / part)
        for rel, text in changes.items():
            target = project / rel
            if text is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(text, bytes):  # e.g. a file that is not UTF-8
                    target.write_bytes(text)
                else:
                    target.write_text(text, encoding="utf-8")
        proc = run_build(project, tmp_path / "out", strict=strict)
        proc.output = proc.stdout + proc.stderr
        return proc

    return build


@pytest.fixture(scope="session")
def pdfs(site_dir) -> dict[str, Path]:
    """The PDFs as `./run build` makes them (scripts/make_pdfs.py on the built site), printed once."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdfs.py"), str(site_dir)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from make_pdfs import pdf_entries
    return {entry["key"]: site_dir / entry["file"] for entry in pdf_entries()}


# The accessibility rules every check runs: WCAG 2.1 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Fades and transitions are brought to their end first, so the checkers measure colours as they end
# up. An element that is not rendered (in a closed <details>) takes the other palette only when its
# style is read, through a transition that never runs on by itself: so every element's style is
# read first, starting those, and then every animation with an end is finished (not awaited).
SETTLE = """for (const element of document.querySelectorAll('*')) getComputedStyle(element).color;
            document.getAnimations().filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .forEach(a => a.finish());"""


def axe_violations(page, axe_source: str | None = None) -> list[str]:
    """axe-core's violations on the page as it is now (AXE_TAGS, after SETTLE), one JSON line each.
    `axe_source` (the fixture) is evaluated first when the page has no axe yet: by the test
    driver, not as an inline <script>, which the site's Content-Security-Policy rightly blocks."""
    if axe_source and not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source)
    violations = page.evaluate(
        """async (tags) => {
            """ + SETTLE + """
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
              nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        AXE_TAGS,
    )
    return [json.dumps(v, ensure_ascii=False) for v in violations]


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail("axe-core is missing: run ./run test (it runs npm ci)", pytrace=False)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def htmlcs_source() -> str:
    """HTML_CodeSniffer (npm html_codesniffer), the second accessibility engine of the page walk."""
    path = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
    if not path.exists():
        pytest.fail("html_codesniffer is missing: run ./run test (it runs npm ci)", pytrace=False)
    return path.read_text(encoding="utf-8")


def csp_of_the_build(site_dir: Path) -> str:
    """The Content-Security-Policy that the build wrote for nginx (scripts/hooks/assets.py)."""
    line = (site_dir / CSP_FILE).read_text(encoding="utf-8").splitlines()[-1]
    return re.fullmatch(r'add_header Content-Security-Policy "([^"]+)" always;', line).group(1)


def pdf_page_count(path: Path) -> int:
    """Pages of a PDF, as poppler's pdfinfo counts them."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one page of it), as poppler's pdftotext reads it."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout
