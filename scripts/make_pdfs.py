"""Print the site's PDFs (workshop hand-out and guide, zakkaart cards and A4) from a built site.

Usage: python scripts/make_pdfs.py SITE_DIR

Serves SITE_DIR on localhost, opens each page listed under `pdfs:` in a data file
(data/workshop.yml, data/zakkaart.yml) in Debian's Chromium (via Playwright) and prints it to an
A4 PDF at the listed path inside SITE_DIR: tagged (accessible structure), with an outline
(bookmarks from the headings), its title and language from the page. The page's own print CSS
decides what shows (Material hides header, navigation and footer); `print: NAME` picks one of the
page's print layouts (html[data-print=NAME]), `page_numbers: true` adds a footer with page
numbers. `./run build` calls this after `mkdocs build`; under `./run serve` scripts/hooks/serve.py
calls it when a PDF is first asked for.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from localbrowser import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parents[1]

# Page number under every page of a multi-page PDF (the handout has its own layout).
FOOTER = (
    '<div style="width:100%;margin:0 15mm;font:8pt sans-serif;color:#555;display:flex;'
    'justify-content:space-between"><span>{label} · De bouwstenen</span>'
    '<span>pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span></div>'
)


def page_url(site: Path, src: str) -> str:
    """URL path of a Markdown page: with directory URLs (the normal build) or without them
    (the offline copy, where `workshop/handout.md` becomes `workshop/handout.html`)."""
    flat = src[: -len(".md")] + ".html"
    if (site / flat).is_file():
        return flat
    if src.endswith("index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


def page_count(pdf: Path) -> int:
    """Pages in a PDF written by Chromium (one `/Type /Page` object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def pdf_entries() -> list[dict]:
    """Every entry under `pdfs:` in the data files, in file order."""
    entries = []
    for path in sorted((ROOT / "data").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            entries += data.get("pdfs") or []
    return entries


def make_pdfs(site: Path, wanted=lambda entry: True) -> list[Path]:
    """Print every PDF entry that `wanted` keeps (all of them by default) into `site`."""
    server, base = serve(site)
    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(locale="nl-NL")
            for pdf in filter(wanted, pdf_entries()):
                out = site / pdf["file"]
                out.parent.mkdir(parents=True, exist_ok=True)
                response = page.goto(base + page_url(site, pdf["page"]), wait_until="load")
                if not response or not response.ok:
                    raise SystemExit(f"make_pdfs: {pdf['page']} is not in {site} (build the site first)")
                page.evaluate("document.fonts.ready.then(() => true)")
                # A print layout (`print:`) shows what the screen hides from everyone: for the PDF
                # its content is the document, so screen readers get it (tagged PDF).
                page.evaluate("""mode => { if (!mode) return;
                    document.documentElement.dataset.print = mode;
                    document.querySelectorAll(`[data-print-layout="${mode}"][aria-hidden]`)
                        .forEach(el => el.removeAttribute("aria-hidden")); }""", pdf.get("print") or "")
                # Tagged (structure for screen readers), with an outline of the headings; the
                # title comes from the page's <title>, the language from <html lang="nl">.
                options = dict(path=str(out), format="A4", print_background=True,
                               prefer_css_page_size=True, tagged=True, outline=True)
                if pdf.get("page_numbers"):  # the guide: page numbers in the footer
                    options.update(
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=FOOTER.format(label=pdf["label"]),
                        margin={"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                    )
                page.pdf(**options)
                pages = page_count(out)
                if pdf.get("max_pages") and pages > pdf["max_pages"]:
                    raise SystemExit(
                        f"make_pdfs: {pdf['file']} has {pages} pages, at most {pdf['max_pages']} allowed. "
                        "Shorten the page (for the hand-out: its writing lines in data/workshop.yml)."
                    )
                print(f"{out.relative_to(site)}: {pages} page(s), A4")
                written.append(out)
            browser.close()
    finally:
        server.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site (output of mkdocs build)")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").exists():
        parser.error(f"{args.site_dir} is not a built site (no index.html)")
    make_pdfs(args.site_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
