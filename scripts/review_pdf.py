"""The review copy: the whole module as one A4 PDF, for an institution's quality committee.

    python scripts/review_pdf.py [DEST]                  (./run review-pdf; DEST default: review/)
    python scripts/review_pdf.py --site SITE_DIR [DEST]  from a site built already (the tests)

Writes DEST/<identifier>-<version>-beoordeling.pdf (identifier: data/lms.yml, version:
data/changelog.yml): a cover (the site's name, version and date, the editorial roles, what the
copy holds and a table to sign), a table of contents with page numbers, then every page of the
navigation in its order, as the site prints it. So the page types' own print rules hold: the
quizzes are lettered worksheets, each with its answer key on a page of its own; the workshop's
trainer material is there (guide, hand-out, the timer as its overview of the steps); the
Eindtoets, whose key the site does not print, gets one too (quizzes.py `answer_key`); links to
other sites print their address (print.css), links between pages become links inside the PDF.
At the top of every page stand the site page's title and review dates, at the bottom the module
version and the page number (CSS page-margin boxes; each site page is a named page of its own).

How: the site is built strictly with the institution's settings (scripts/configfile.py) into a
temporary folder, unless --site gives a built one. The <article> of each page goes, with its ids
made unique and its links rewritten, into one HTML document with every stylesheet of the site
(overrides/partials/hooks/review.html), which Debian's Chromium prints as the other PDFs are
printed (scripts/make_pdfs.py): A4, tagged, with an outline, its title and language. The table of
contents gets its page numbers from a first print: Chromium writes a named destination for each
page it links to, and poppler's `pdfinfo -dests` says on which PDF page each one landed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import posixpath
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from configfile import config_file  # noqa: E402
from localbrowser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from placeholders import macros, markup  # noqa: E402  (the template's Jinja environment)
from quizzes import answer_key  # noqa: E402  (the printed worksheet's answer key)
from reviews import dutch_date  # noqa: E402

TEMPLATE = "review.html"  # overrides/partials/hooks/review.html
# Attributes that name an element by its id (made unique together with the ids).
ID_REFS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers", "list")
OWN_CSS = re.compile(r"^(\.\./)*assets/css/")  # our stylesheets (scripts/hooks/assets.py), inlined
DEST = re.compile(r'^\s*(\d+)\s+\[.*\]\s+"(?P<name>[^"]+)"\s*$', re.M)


@dataclass
class Entry:
    """One page of the navigation, in the review copy."""
    title: str                      # its title in the navigation
    src: str                        # docs path, e.g. elementen/empathie.md
    sections: tuple[str, ...]       # the nav sections above it, e.g. ("Kennis", "De zeven elementen")
    key: str = ""                   # its id in the copy: p01, p02, …
    reviewed: str = ""              # "1 december 2026"
    next_review: str = ""
    html: str = ""                  # its article, rewritten
    page: int | None = None         # the PDF page it starts on

    @property
    def url(self) -> str:
        """Its URL path in the built site ("" for the home page), with directory URLs."""
        path = self.src.removesuffix(".md")
        if path == "index":
            return ""
        return path.removesuffix("index") if path.endswith("/index") else path + "/"


@dataclass
class Copy:
    """What the template needs."""
    site_name: str
    version: str
    version_date: str
    made: str
    roles: list[dict]
    styles: list[str]               # the site's stylesheet links and inline colours (from its head)
    entries: list[Entry] = field(default_factory=list)


# --- the pages -------------------------------------------------------------------------------------

def front_matter_title(docs: Path, src: str) -> str:
    text = (docs / src).read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
    return str((meta or {}).get("title") or src)


def nav_entries(nav: list, docs: Path, sections: tuple[str, ...] = ()) -> list[Entry]:
    """Every page of the navigation (mkdocs.yml `nav:`), in order, with its title and sections."""
    entries = []
    for item in nav:
        if isinstance(item, str):
            entries.append(Entry(front_matter_title(docs, item), item, sections))
            continue
        (title, value), = item.items()
        if isinstance(value, list):
            entries += nav_entries(value, docs, (*sections, title))
        else:
            entries.append(Entry(title, value, sections))
    return entries


def unique_ids(article, key: str) -> None:
    """Prefix every id (and every reference to one) with the page's key: ids repeat across pages."""
    for element in article.find_all(id=True):
        element["id"] = f"{key}-{element['id']}"
    for attr in ID_REFS:
        for element in article.find_all(attrs={attr: True}):
            value = element[attr]
            names = value if isinstance(value, list) else value.split()
            element[attr] = " ".join(f"{key}-{name}" for name in names)


def rewrite_links(article, entry: Entry, by_url: dict[str, Entry], site_url: str) -> None:
    """Links to a page of the copy point into the copy; links to other files of the site get the
    site's address (printed as such); images load from the site (the document's base)."""
    for link in article.find_all("a", href=True):
        href = link["href"]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        if not parts.path:  # an anchor on the same page
            link["href"] = f"#{entry.key}-{parts.fragment}" if parts.fragment else f"#{entry.key}"
            continue
        target = posixpath.normpath(posixpath.join(entry.url or ".", parts.path))
        target = "" if target == "." else target + ("/" if parts.path.endswith("/") else "")
        if target in by_url:
            page = by_url[target]
            link["href"] = f"#{page.key}-{parts.fragment}" if parts.fragment else f"#{page.key}"
        else:  # a PDF, or another file of the site: its address on the site
            link["href"] = urljoin(site_url, target)
            if "md-button" not in (link.get("class") or []):
                link["rel"] = "external"
    for image in article.find_all(["img", "source"], src=True):
        if not urlsplit(image["src"]).scheme:
            image["src"] = "/" + posixpath.normpath(posixpath.join(entry.url or ".", image["src"]))


def read_page(site: Path, entry: Entry, by_url: dict[str, Entry], site_url: str) -> None:
    """The page's article from the built site, made fit for the copy, and its review dates."""
    path = site / entry.url / "index.html"
    if not path.is_file():
        raise SystemExit(f"review_pdf: {entry.src} is not built in {site} (no {path.relative_to(site)}).")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        raise SystemExit(f"review_pdf: {path} has no <article class=\"md-content__inner\">.")
    dates = article.select(".herziening time")
    if len(dates) != 2:
        raise SystemExit(f"review_pdf: docs/{entry.src} shows no review dates (front matter reviewed, next_review).")
    entry.reviewed, entry.next_review = (date.get_text(strip=True) for date in dates)
    for element in article.select("script, .headerlink, .md-source-file, .md-content__button"):
        element.decompose()
    if article.select_one(".quiz") and not article.select_one(".quiz-answer-key"):
        # The Eindtoets prints no key on the site (a learner could print it); the committee needs it.
        page = SimpleNamespace(title=entry.title, file=SimpleNamespace(src_uri=entry.src))
        article.append(BeautifulSoup(answer_key(str(article), page), "html.parser"))
    unique_ids(article, entry.key)
    rewrite_links(article, entry, by_url, site_url)
    entry.html = article.decode_contents()


def site_styles(site: Path) -> list[str]:
    """The site's styles: Material's stylesheets and the institution's colours from the home page's
    head, and every one of our own stylesheets (all page types' rules), inline. Our rules for one
    page type that start `body:has(.x)` would hold for the whole copy: they start at that page's
    section instead (`.rv-page:has(.x)`)."""
    head = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").head
    styles = [str(tag) for tag in head.find_all(["link", "style"])
              if tag.name == "style" or ("stylesheet" in tag.get("rel", []) and not OWN_CSS.match(tag["href"]))]
    for css in sorted((site / "assets" / "css").glob("*.css")):
        styles.append("<style>" + css.read_text(encoding="utf-8").replace("body:has(", ".rv-page:has(") + "</style>")
    return styles


# --- printing -------------------------------------------------------------------------------------

def css_string(text: str):
    """`text` as a CSS string literal, for the page-margin boxes (inside <style>, where HTML
    escapes are not read)."""
    return markup('"' + " ".join(text.replace("\\", "\\\\").replace('"', '\\"').split()) + '"')


def render(copy: Copy, config, base: str) -> str:
    return str(macros(TEMPLATE, config).document(copy, base, css_string, markup))


def destinations(pdf: Path) -> dict[str, int]:
    """{named destination: PDF page number}, as poppler reads them."""
    out = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {match.group("name"): int(match.group(1)) for match in DEST.finditer(out)}


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def make_review(site: Path, out: Path, config) -> int:
    """Print the review copy of the built `site` to `out`; return its page count."""
    docs = Path(config.docs_dir)
    entries = nav_entries(config.nav, docs)
    for number, entry in enumerate(entries, start=1):
        entry.key = f"p{number:02d}"
    by_url = {entry.url: entry for entry in entries}
    site_url = config.site_url or "/"
    for entry in entries:
        read_page(site, entry, by_url, site_url)
    changelog = yaml.safe_load((ROOT / "data" / "changelog.yml").read_text(encoding="utf-8"))[0]
    roles = (config.extra or {}).get("redactie") or {}
    labels = {"inhoudelijk_verantwoordelijke": "Inhoudelijk verantwoordelijk", "redactie": "Redactie",
              "contact": "Contact"}
    copy = Copy(site_name=config.site_name, version=str(changelog["version"]),
                version_date=dutch_date(changelog["date"]), made=dutch_date(dt.date.today()),
                roles=[{"label": label, "value": str(roles[key]).strip()} for key, label in labels.items()
                       if str(roles.get(key) or "").strip()],
                styles=site_styles(site), entries=entries)

    server, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(locale="nl-NL")
            page.set_default_timeout(300_000)  # a 140-page document on a busy machine
            page.goto(base + "404.html")  # the site's origin, so that the document's base is same-origin
            out.parent.mkdir(parents=True, exist_ok=True)
            landed: dict[str, int] = {}
            for _ in range(4):  # page numbers in the contents can move what follows; print until stable
                page.set_content(render(copy, config, base), wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                         tagged=True, outline=True)
                found = destinations(out)
                missing = [entry.key for entry in entries if entry.key not in found]
                if missing:
                    raise SystemExit(f"review_pdf: the PDF has no destination for {', '.join(missing)}.")
                if found == landed:
                    break
                landed = found
                for entry in entries:
                    entry.page = found[entry.key]
            else:
                raise SystemExit("review_pdf: the page numbers of the contents do not settle.")
            browser.close()
    finally:
        server.shutdown()
    return pdf_pages(out)


def build(dest: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                           "-f", str(config_file()), "-d", str(dest)],
                          cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if proc.returncode != 0:
        raise SystemExit(f"review_pdf: the strict build failed:\n{proc.stdout}{proc.stderr}")


def output_name() -> str:
    identifier = yaml.safe_load((ROOT / "data" / "lms.yml").read_text(encoding="utf-8"))["identifier"]
    version = yaml.safe_load((ROOT / "data" / "changelog.yml").read_text(encoding="utf-8"))[0]["version"]
    return f"{identifier}-{version}-beoordeling.pdf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", nargs="?", type=Path, default=ROOT / "review", help="folder for the PDF")
    parser.add_argument("--site", type=Path, help="a site built already with the same settings")
    args = parser.parse_args(argv)
    from mkdocs.config import load_config

    config = load_config(str(config_file()))
    out = args.dest.resolve() / output_name()
    if args.site:
        pages = make_review(args.site.resolve(), out, config)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp) / "site")
            pages = make_review(Path(tmp) / "site", out, config)
    print(f"{out}: {pages} pages, A4 (review copy of {len(nav_entries(config.nav, Path(config.docs_dir)))} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
