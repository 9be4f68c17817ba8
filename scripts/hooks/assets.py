"""Asset delivery: which of our stylesheets and scripts each page loads, under content-hashed
names, and the Content-Security-Policy for the inline scripts the pages still carry.

1. Hashed names. Our own files (overrides/assets/css/*.css, overrides/assets/js/*.js, and files
   other hooks generate under assets/css/ or assets/js/, such as quiz.js with mkdocs-quiz's
   script from quizzes.py) are minified (rcssmin, rjsmin) and written as `name.<hash>.ext`, the hash being
   the first 8 hex digits of the SHA-256 of the minified content. A web server may let browsers
   keep them for a year (deploy/nginx); a build that changes a file changes its name. Pages,
   templates and hooks refer to the plain names (`assets/js/quiz.js`); every such reference in
   the output is rewritten to the hashed name.
2. Where. mkdocs.yml lists the stylesheets (extra_css) and scripts (extra_javascript) in load
   order; this hook takes both lists over (Material would put every file on every page).
   - Stylesheets go at the end of the head. CSS_EVERY_PAGE load on every page. Any other listed
     stylesheet loads on a page whose HTML has a class that leads one of its selectors (the first
     class of the selector that is not one of Material's `md-` classes: `.zakkaart h2` counts for
     "zakkaart"), or where CSS_ALSO says so (classes that a script adds).
   - A script in PAGE_SCRIPTS loads on a page when its rule says the page uses it. It goes last
     in Material's container (overrides/partials/javascripts/content.html): instant navigation
     swaps the container and runs its scripts again, so a page reached without a reload still gets
     them, and it announces the new page (document$) only once the last script has loaded. Any
     other listed script loads on every page, at the end of the body after Material's bundle.
     Every script is `defer`.
   The HTML loses its indentation and comments (not in <pre>, <textarea>, <script>, <style>).
3. CSP. The pages keep a few small inline scripts (Material's head scripts, with
   overrides/partials/javascripts/base.html). Their SHA-256 hashes are collected from the output;
   after the build, CSP_FILE in the site holds the ready nginx line with exactly POLICY and these
   hashes (deploy/nginx/therapeutische-relatie.conf includes it; README, "Deploying on an intranet").
4. Material's palette stylesheet holds its dark scheme and rules for each of its twenty named
   colours; the site uses only the colours mkdocs.yml names (`custom`: ours, in site.css). The
   rules for the others go (about 1.4 KB gzip on every page), under a name with the new hash.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import rjsmin
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

CSS_EVERY_PAGE = ["assets/css/site.css", "assets/css/print.css"]


def quiz_page(page, html: str) -> bool:
    quiz = page.meta.get("quiz")
    return isinstance(quiz, dict) and quiz.get("enabled") is True


def example_questions(page, html: str) -> bool:
    return 'class="vraag' in html


# Scripts that only some pages use, in load order: (file, does this page (meta, content) use it?).
PAGE_SCRIPTS = [
    ("assets/js/questions.js", example_questions),                     # copy buttons, bank filter
    ("assets/js/workshop-timer.js", lambda page, html: "data-ws-timer" in html or "data-ws-print" in html),
    ("assets/js/quiz-overview.js", lambda page, html: 'class="quiz-overview"' in html),
    ("assets/js/quiz.js", quiz_page),                                  # with mkdocs-quiz's (quizzes.py)
]
# Stylesheets for markup that a script builds (its classes are not in the HTML).
CSS_ALSO = {"assets/css/questions.css": example_questions}  # the copy buttons

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
CSP_FILE = "content-security-policy.conf"

OWN = re.compile(r"^assets/(css|js)/[^/]+\.(css|js)$")
REFERENCE = re.compile(r'(?P<q>["\'])(?P<prefix>(?:[^"\'\s]*/)?)(?P<path>assets/(?:css|js)/[\w.-]+\.(?:css|js))(?P=q)')
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
NOT_JS = re.compile(r'\stype\s*=\s*(["\'])(?!(?:text/javascript|application/javascript|module)\1)', re.I)
COMPACT = re.compile(r"(?P<keep><(?P<tag>pre|textarea|script|style)\b.*?</(?P=tag)>)|(?P<comment><!--.*?-->)"
                     r"|[ \t\r]*\n\s*", re.S | re.I)
CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
PALETTE = re.compile(r"^assets/stylesheets/palette\.[0-9a-f]+\.min\.css$")
NAMED_COLOUR = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")
RULE_PRELUDE = re.compile(r"([^{}]+)\{")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")

_css: list[str] = []                # listed stylesheets, in order
_scripts: list[str] = []            # listed scripts for every page, in order
_classes: dict[str, set[str]] = {}  # scoped stylesheet -> the classes that lead its selectors
_also: dict[str, set[str]] = {}     # page src_uri -> stylesheets CSS_ALSO adds
_page_scripts: dict[str, list[str]] = {}  # page src_uri -> PAGE_SCRIPTS it loads
_hashed: dict[str, str] = {}        # plain path -> hashed path
_hashes: set[str] = set()           # 'sha256-…' of every inline script in the output
_palette: dict[str, str] = {}       # Material's palette stylesheet -> its trimmed copy


def on_config(config):
    listed_js = [str(script) for script in config.extra_javascript]
    scoped = [path for path, _ in PAGE_SCRIPTS]
    unknown = [path for path in scoped if path not in listed_js]
    if unknown:
        raise PluginError(f"scripts/hooks/assets.py: PAGE_SCRIPTS names {unknown}, which mkdocs.yml's "
                          "extra_javascript does not list. Fix: list it there (load order) or drop the rule.")
    _css[:] = [str(path) for path in config.extra_css]
    _scripts[:] = [path for path in listed_js if path not in scoped]
    for cache in (_classes, _also, _page_scripts, _hashed, _hashes, _palette):
        cache.clear()
    config.extra_css = []
    config.extra_javascript = []
    return config


def on_files(files, config):
    for path in _css:
        if path in CSS_EVERY_PAGE:
            continue
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"mkdocs.yml: extra_css lists {path}, which is not in overrides/.")
        _classes[path] = leading_classes(file.content_string)
    return files


def leading_classes(css: str) -> set[str]:
    """The first non-Material class of every selector: `.md-typeset .zakkaart h2` gives zakkaart."""
    found = set()
    for prelude in RULE_PRELUDE.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if prelude.strip().startswith("@"):
            continue
        for selector in prelude.split(","):
            names = [name for name in SELECTOR_CLASS.findall(selector) if not name.startswith("md-")]
            if names:
                found.add(names[0])
    return found


@event_priority(-200)  # after every other hook has shaped the content
def on_page_content(html: str, page, config, files) -> str:
    _also[page.file.src_uri] = {path for path, uses in CSS_ALSO.items() if uses(page, html)}
    _page_scripts[page.file.src_uri] = [path for path, uses in PAGE_SCRIPTS if uses(page, html)]
    return html


def page_scripts(page=None) -> Markup:
    """For overrides/partials/javascripts/content.html: the page's own script tags."""
    paths = _page_scripts.get(getattr(getattr(page, "file", None), "src_uri", None), [])
    return Markup("".join(f'<script defer src="{get_relative_url(path, page.url)}"></script>' for path in paths))


def on_env(env, config, files):
    """Replace each of our CSS/JS files by a minified copy under a hashed name (every page's
    content is made by now, so files that hooks generate, such as quiz.js, are in `files`)."""
    env.globals["page_scripts"] = page_scripts
    for file in [f for f in files if PALETTE.match(f.dest_uri)]:
        used = {str(entry.get(key)) for entry in config.theme.get("palette") or [] for key in ("primary", "accent")}
        small = trim_palette(file.content_string, used)
        hashed = f"assets/stylesheets/palette.{hashlib.sha256(small.encode('utf-8')).hexdigest()[:8]}.min.css"
        files.remove(file)
        files.append(File.generated(config, hashed, content=small, inclusion=InclusionLevel.INCLUDED))
        _palette[file.dest_uri] = hashed
    for file in [f for f in files if OWN.match(f.dest_uri)]:
        text = file.content_string
        small = rcssmin.cssmin(text) if file.dest_uri.endswith(".css") else rjsmin.jsmin(text)
        digest = hashlib.sha256(small.encode("utf-8")).hexdigest()[:8]
        stem, ext = posixpath.splitext(file.dest_uri)
        hashed = f"{stem}.{digest}{ext}"
        files.remove(file)
        files.append(File.generated(config, hashed, content=small, inclusion=InclusionLevel.INCLUDED))
        _hashed[file.dest_uri] = hashed
    return env


def trim_palette(css: str, used: set[str]) -> str:
    """Material's palette CSS without the rules whose every selector is for a named colour not in
    `used`, and without @media blocks left empty (blocks nest: read brace by brace)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out, start, depth, prelude = [], 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:index], index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                body, start = css[start:index], index + 1
                if prelude.strip().startswith("@"):
                    inner = trim_palette(body, used)
                    if inner.strip():
                        out.append(f"{prelude}{{{inner}}}")
                elif not all(set(NAMED_COLOUR.findall(sel)) - used for sel in prelude.split(",")):
                    out.append(f"{prelude}{{{body}}}")
    return "".join(out)


def deliver(output: str, where: str, base: str, also: set[str], material: bool = True) -> str:
    """Add the page's stylesheets and every-page scripts (only to Material's pages: `material`),
    point every reference to one of our assets at its hashed name, and collect the hashes of the
    inline scripts. `base`: the site root's URL as seen from the page ("../../" or "/")."""
    if output.count("</head>") != 1 or output.count("</body>") != 1:
        raise PluginError(f"{where}: assets.py expects one </head> and one </body> in the page.")
    if material:
        used = {name for attr in CLASS_ATTR.findall(output) for name in attr.split()}
        css = [path for path in _css if path in CSS_EVERY_PAGE or path in also or _classes.get(path, set()) & used]
        links = "".join(f'<link rel="stylesheet" href="{base}{path}">' for path in css)
        scripts = "".join(f'<script defer src="{base}{path}"></script>' for path in _scripts)
        output = output.replace("</head>", links + "</head>").replace("</body>", scripts + "</body>")

    def hashed(match: re.Match) -> str:
        path = match.group("path")
        if path not in _hashed:
            raise PluginError(f"{where}: refers to {path}, which the build does not have. "
                              "Fix: add the file under overrides/assets/ or correct the name.")
        return f'{match.group("q")}{match.group("prefix")}{_hashed[path]}{match.group("q")}'

    output = compact_html(REFERENCE.sub(hashed, output))
    for original, trimmed in _palette.items():
        output = output.replace(original, trimmed)
    for match in INLINE_SCRIPT.finditer(output):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs) or NOT_JS.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        _hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return output


def compact_html(output: str) -> str:
    """Fewer bytes, the same page: every run of white space with a line break in it becomes one
    line break (Material's templates are deeply indented), and comments go (the glossary's
    explanation came along on every page), except inside <pre>, <textarea>, <script> and <style>."""
    return COMPACT.sub(lambda m: m.group("keep") or ("" if m.group("comment") else "\n"), output)


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    base = get_relative_url("index.html", page.url)[: -len("index.html")]
    return deliver(output, f"docs/{page.file.src_uri}", base, _also.get(page.file.src_uri, set()))


def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    if "data-md-component" not in output:
        # A page of our own, not one of Material's (the LMS package's launch page): its own
        # references get their hashed names, nothing is added.
        return deliver(output, template_name, "", set(), material=False)
    # A page from a theme template (404.html) is served at any depth: addresses from the root.
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return deliver(output, template_name, base, set())


def policy() -> str:
    return POLICY.format(hashes=" ".join(sorted(_hashes)))


def on_post_build(config):
    Path(config.site_dir, CSP_FILE).write_text(
        "# Written by the build (scripts/hooks/assets.py) for this build of the site: the\n"
        "# Content-Security-Policy with the SHA-256 of every inline script the pages carry.\n"
        "# Include it in the nginx location that serves the site (deploy/nginx/ and README);\n"
        "# other web servers: send the same header with this value.\n"
        f'add_header Content-Security-Policy "{policy()}" always;\n',
        encoding="utf-8",
    )
