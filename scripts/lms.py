"""The module for an institution's learning platform (LMS): a SCORM 1.2 package and QTI banks.

    python scripts/lms.py [DEST]      (default DEST: lms/; `./run lms` runs this)

Writes into DEST:
  <identifier>-scorm12-<version>.zip   the SCORM 1.2 package (upload it as one activity);
                                       identifier: data/lms.yml, version: data/changelog.yml
  qti/<quiz>.zip                       one QTI 1.2 question bank per quiz page

The package is the normal, strict MkDocs build of the site with a few settings changed (the
`package_config()` below), so every change to the content, the theme and the hooks is in it:
- like the offline copy (scripts/offline.py): Material's offline plugin (pages as files, no
  directory URLs; the search index also as a script) and the iframe-worker shim, so pages and
  search work from wherever the LMS serves the files, and nothing loads from another host;
- the pages of data/lms.yml `leave_out` (the trainer material) are not built and not in the
  navigation; a link to one of them becomes plain text, or a link to the page on the intranet
  (in a new window) when SITE_URL gives the intranet site's address (`PackagePlugin`); links to
  other sites open in a new window (the LMS shows the package in a frame, which many sites refuse);
- no site_url and no instant navigation: the LMS's address is not known at build time, and every
  page is a plain page load inside the launch page;
- overrides-lms/ is laid over the theme: the launch page `scorm-start.html` (the SCO that the
  manifest names) with the adapter `assets/js/scorm.js`, and `assets/js/scorm-relay.js` on every
  page. Without an LMS (the intranet site, the offline copy) none of this is built.
Then `imsmanifest.xml` lists every file, the links are checked, and all is zipped.

The QTI banks are made with mkdocs-quiz's own exporter (`mkdocs-quiz export qti`, QTI 1.2),
from the same Markdown, one zip per quiz page; see `export_qti()` for the two things added.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from xml.sax.saxutils import escape

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from offline import SHIM_URL, build_with_shim  # noqa: E402  (the offline copy's search shim)
from configfile import config_file, is_institution_file  # noqa: E402  (the institution's settings file)

SETTINGS = yaml.safe_load((ROOT / "data" / "lms.yml").read_text(encoding="utf-8"))
PASS_MARK = yaml.safe_load((ROOT / "data" / "quiz.yml").read_text(encoding="utf-8"))["pass_mark"]
VERSION = str(yaml.safe_load((ROOT / "data" / "changelog.yml").read_text(encoding="utf-8"))[0]["version"])
THEME = ROOT / "overrides-lms"
LAUNCH = "scorm-start.html"
RELAY = "assets/js/scorm-relay.js"
# Files of a web-server build that have no use in an LMS: the 404 page, sitemaps for crawlers,
# and source maps (for developer tools only).
DROP = ["404.html", "sitemap.xml", "sitemap.xml.gz", "**/*.map"]
MANIFEST = "imsmanifest.xml"
LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)
REF = re.compile(r"""<(?:a|link|script|img|source|iframe)\b[^>]*?\s(?:href|src)="([^"]+)\"""")


def left_out(src_uri: str) -> bool:
    return any(src_uri.startswith(prefix) for prefix in SETTINGS["leave_out"])


def without_left_out(nav: list) -> list:
    """The nav config (mkdocs.yml `nav:`) without the pages that stay out, nor emptied sections."""
    kept = []
    for item in nav:
        if isinstance(item, str):
            if not left_out(item):
                kept.append(item)
            continue
        (title, value), = item.items()
        if isinstance(value, list):
            value = without_left_out(value)
            if value:
                kept.append({title: value})
        elif not left_out(value):
            kept.append(item)
    return kept


def intranet_url(src_uri: str, anchor: str = "") -> str | None:
    """The address of a docs page on the intranet site, when SITE_URL gives it (see README)."""
    site = os.environ.get("SITE_URL", "").strip()
    if not site or not src_uri.endswith(".md"):
        return None
    path = src_uri.removesuffix(".md")
    path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
    return site.rstrip("/") + "/" + quote(path) + anchor


class PackagePlugin:
    """MkDocs events for the package build: leave pages out and unlink links to them, open other
    sites in a new window, and put data/lms.yml's `texts` in place of what is only true on the
    intranet."""

    def __init__(self) -> None:
        self.gone: dict[str, str] = {}  # URL -> docs path of each page left out

    def on_files(self, files, config):
        from mkdocs.structure.files import InclusionLevel

        for file in files:
            if file.is_documentation_page() and left_out(file.src_uri):
                file.inclusion = InclusionLevel.EXCLUDED
                self.gone[file.url] = file.src_uri
        for text in SETTINGS.get("texts", []):
            file = files.get_file_from_path(text["page"])
            if file is None or file.inclusion.is_excluded():
                from mkdocs.exceptions import PluginError

                raise PluginError(f"data/lms.yml: texts: {text['page']} is not a page of the package. "
                                  "Fix: name a docs page that `leave_out` keeps, or remove the entry.")
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        from mkdocs.exceptions import PluginError

        for text in SETTINGS.get("texts", []):
            if text["page"] != page.file.src_uri:
                continue
            site = r"\s+".join(map(re.escape, text["site"].split()))  # line breaks may differ
            markdown, found = re.subn(site, lambda _: " ".join(text["lms"].split()), markdown)
            if not found:
                start = " ".join(text["site"].split()[:8])
                raise PluginError(f"data/lms.yml: texts: {text['page']}: the sentence starting ‘{start} …’ is "
                                  "no longer on the page. Fix: copy the page's new wording into `site` (and "
                                  "adapt `lms`), or remove the entry.")
        return markdown

    def on_post_page(self, output: str, page, config) -> str:
        def link(match: re.Match) -> str:
            url = urlsplit(match.group(1))
            if url.scheme in ("http", "https"):  # another site: a new window, not the LMS's frame
                tag = match.group(0)
                if " target=" in tag.split(">", 1)[0]:
                    return tag
                return tag.replace("<a ", '<a target="_blank" rel="noopener" ', 1)
            if url.scheme or url.netloc or not url.path:
                return match.group(0)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), unquote(url.path)))
            if target not in self.gone:
                return match.group(0)
            elsewhere = intranet_url(self.gone[target], f"#{url.fragment}" if url.fragment else "")
            if elsewhere:
                return f'<a href="{escape(elsewhere)}" target="_blank" rel="noopener">{match.group(2)}</a>'
            return f"<span>{match.group(2)}</span>"

        return LINK.sub(link, output)


def package_config(dest: Path, strict: bool = True):
    """The site's configuration (the institution's settings file over mkdocs.yml,
    scripts/configfile.py), changed for the package as the module docstring says."""
    os.environ["OFFLINE"] = "true"  # read by `plugins: - offline: enabled:` in mkdocs.yml
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    path = config_file()
    config = load_config(str(path), site_dir=str(dest), strict=strict)
    if is_institution_file(path) and config.site_url and not os.environ.get("SITE_URL", "").strip():
        os.environ["SITE_URL"] = config.site_url  # the trainer pages: links to the institution's intranet site
    config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM_URL]
    config.site_url = None  # the LMS's address is not known: no canonical links to the intranet
    config.theme.dirs.insert(0, str(THEME))
    config.theme.static_templates.add(LAUNCH)
    config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.instant"]
    config.extra_javascript.append(RELAY)
    start = SETTINGS["start_page"]
    if left_out(start) or not (Path(config.docs_dir) / start).is_file():
        sys.exit(f"data/lms.yml: start_page {start} is not a page of the package. Fix: name a page "
                 "under docs/ that `leave_out` keeps.")
    config.extra["lms"] = {"start": start.removesuffix(".md") + ".html"}
    config.nav = without_left_out(config.nav)
    config.plugins["lms-package"] = PackagePlugin()
    return config


def build_site(dest: Path, strict: bool = True) -> str:
    """The package's pages, built into `dest`; returns the site's name. Exits with the reason on
    failure."""
    config = build_with_shim(lambda: package_config(dest, strict), dest, "Package build", "./run lms")
    from make_pdfs import make_pdfs  # the PDFs of the pages in the package (the zakkaart's)

    make_pdfs(dest, wanted=lambda entry: not left_out(entry["page"]))
    for pattern in DROP:
        for path in dest.glob(pattern):
            path.unlink()
    return config.site_name


def broken_links(site: Path) -> list[str]:
    """Every link and source in the package's pages that does not point to a file in it."""
    broken = []
    for html in sorted(site.rglob("*.html")):
        for ref in REF.findall(html.read_text(encoding="utf-8")):
            url = urlsplit(ref)
            if url.scheme or url.netloc or ref.startswith("#") or not url.path:
                continue
            target = (html.parent / unquote(url.path)).resolve()
            if url.path.startswith("/") or not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{html.relative_to(site).as_posix()}: {ref}")
    return broken


def package_files(site: Path) -> list[str]:
    """Every file of the package but the manifest, as paths relative to its root, sorted."""
    files = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return sorted(f for f in files if f != MANIFEST)


def manifest(site: Path, title: str) -> str:
    """imsmanifest.xml for SCORM 1.2: one organisation with one item, the launch page as the one
    SCO, with the Eindtoets pass mark as mastery score, and every file of the package."""
    title = escape(title)
    ident = escape(SETTINGS["identifier"])
    files = "\n".join(f'      <file href="{escape(quote(path))}"/>' for path in package_files(site))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{ident}" version="{escape(VERSION)}"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{ident}-org">
    <organization identifier="{ident}-org">
      <title>{title}</title>
      <item identifier="{ident}-item" identifierref="{ident}-sco" isvisible="true">
        <title>{title}</title>
        <adlcp:masteryscore>{PASS_MARK}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{ident}-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{files}
    </resource>
  </resources>
</manifest>
"""


def write_zip(site: Path, out: Path) -> Path:
    """The package as a zip: the manifest first, then the files; the same bytes for the same build."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in [MANIFEST, *package_files(site)]:
            info = zipfile.ZipInfo(path, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (site / path).read_bytes())
    return out


def build_package(dest: Path, strict: bool = True) -> Path:
    """Build the SCORM package into `dest` (the unpacked files in dest/package/); return the zip."""
    site = dest / "package"
    if site.exists():
        shutil.rmtree(site)
    title = build_site(site, strict)
    broken = broken_links(site)
    if broken:
        sys.exit("Package: links that lead nowhere in the package:\n  " + "\n  ".join(broken))
    (site / MANIFEST).write_text(manifest(site, title), encoding="utf-8")
    return write_zip(site, dest / f"{SETTINGS['identifier']}-scorm12-{VERSION}.zip")


# --- QTI ------------------------------------------------------------------------------------------

MD_PAGE_LINK = re.compile(r"\[([^\]]+)\]\((?![a-z]+:)([^)#\s]*)(#[^)\s]*)?\)")  # a link to a page of the site
COMMENT = re.compile(r"<!--.*?-->", re.S)                                     # <!-- veiligheid --> and such


def quiz_pages() -> list[Path]:
    """The quiz pages (`quiz: {enabled: true}`), sorted by path."""
    from mkdocs.utils.meta import get_data

    pages = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        meta = get_data(path.read_text(encoding="utf-8"))[1]
        if isinstance(meta.get("quiz"), dict) and meta["quiz"].get("enabled") is True:
            pages.append(path)
    return pages


def html(markdown_text: str | None, page: str, inline: bool = False) -> str | None:
    """Question, option, feedback or explanation (Markdown of the docs page `page`) as HTML for
    a question bank. The bank lives in the LMS, apart from the site: a link to a page of the site
    goes to that page on the intranet when SITE_URL is set, else it becomes its text."""
    import markdown

    if markdown_text is None:
        return None

    def link(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), match.group(2)))
        url = intranet_url(target, match.group(3) or "")
        return f"[{match.group(1)}]({url})" if url else match.group(1)

    text = MD_PAGE_LINK.sub(link, COMMENT.sub("", markdown_text)).strip()
    out = markdown.markdown(text, extensions=["attr_list"], output_format="html")
    if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def export_qti(dest: Path) -> list[tuple[Path, int]]:
    """One QTI 1.2 zip per quiz page (and its number of questions), made with mkdocs-quiz's own
    extractor and exporter (what `mkdocs-quiz export qti` runs), plus what mkdocs-quiz 1.7.1's
    exporter leaves out:
    - each option's feedback (the `>` lines under it): an itemfeedback per option, shown when
      that option is chosen (the way Canvas writes it);
    - the explanation after the options (mkdocs-quiz writes it as `general_fb`) shown after every
      answer, by a condition that links to it;
    and the text as HTML (Markdown rendered), with the ids the site gives each question."""
    from mkdocs.utils.meta import get_data
    from mkdocs_quiz.qti import extract_quizzes_from_file
    from mkdocs_quiz.qti.models import QuizCollection
    from mkdocs_quiz.qti.qti12 import QTI12Exporter
    from mkdocs_quiz.qti.utils import to_html_content

    sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
    from quizzes import question_ids

    class Exporter(QTI12Exporter):
        def _build_feedback(self, quiz) -> str:
            own = "".join(
                f'<itemfeedback ident="{a.identifier}-fb">\n  <flow_mat>\n    <material>\n'
                f'      <mattext texttype="text/html">{to_html_content(a.feedback)}</mattext>\n'
                f"    </material>\n  </flow_mat>\n</itemfeedback>\n"
                for a in quiz.answers if a.feedback)
            return super()._build_feedback(quiz) + own

        def generate_items(self) -> dict[str, str]:
            items = super().generate_items()
            for quiz in self.collection.quizzes:
                shows = [(f'<varequal respident="response1">{a.identifier}</varequal>', f"{a.identifier}-fb")
                         for a in quiz.answers if a.feedback]
                if quiz.content:
                    shows.append(("<other/>", "general_fb"))
                conditions = "".join(
                    f'      <respcondition continue="Yes">\n        <conditionvar>{test}</conditionvar>\n'
                    f'        <displayfeedback feedbacktype="Response" linkrefid="{ref}"/>\n'
                    f"      </respcondition>\n" for test, ref in shows)
                name = f"items/{quiz.identifier}.xml"
                head, found, tail = items[name].partition("</outcomes>\n")
                if not found:
                    raise SystemExit("QTI: mkdocs-quiz's exporter changed (no </outcomes>); the feedback "
                                     "conditions cannot be added. Check scripts/lms.py export_qti().")
                # Before the scoring: a right single answer stops the processing (continue="No").
                items[name] = head + found + conditions + tail
            return items

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    written = []
    for path in quiz_pages():
        src = path.relative_to(ROOT / "docs").as_posix()
        body, meta = get_data(path.read_text(encoding="utf-8"))
        quizzes = extract_quizzes_from_file(path)
        ids = question_ids(body)
        if len(ids) != len(quizzes) or not quizzes:
            raise SystemExit(f"QTI: {path.relative_to(ROOT)}: mkdocs-quiz read {len(quizzes)} questions, "
                             f"the site shows {len(ids)}.")
        for quiz, qid in zip(quizzes, ids):
            quiz.identifier = qid
            quiz.question = html(quiz.question, src)
            quiz.content = html(quiz.content, src)
            for n, answer in enumerate(quiz.answers):
                answer.identifier = f"{qid}-{n}"
                answer.text = html(answer.text, src, inline=True)
                answer.feedback = html(answer.feedback, src, inline=True)
        slug = path.stem
        collection = QuizCollection(title=meta["title"], quizzes=quizzes,
                                    description=meta.get("description"),
                                    identifier=f"{SETTINGS['identifier']}-{slug}")
        errors = collection.validate()
        if errors:
            raise SystemExit(f"QTI: {path.relative_to(ROOT)}: {errors}")
        written.append((Exporter(collection).export_to_zip(dest / f"{slug}.zip"), len(quizzes)))
    return written


def main() -> None:
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "lms").resolve()
    package = build_package(dest)
    for bank, questions in export_qti(dest / "qti"):
        print(f"QTI 1.2 question bank: {bank} ({questions} questions)")
    print(f"\nSCORM 1.2 package: {package} ({package.stat().st_size / 1e6:.1f} MB, "
          f"{len(package_files(dest / 'package'))} files)")


if __name__ == "__main__":
    main()
