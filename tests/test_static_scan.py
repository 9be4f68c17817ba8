"""The built HTML, CSS and JS load nothing from another host (links a reader clicks are fine).

The browser test in test_pages.py sees what a page really requests; this scan also covers code
paths a test visit does not trigger."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

REMOTE = re.compile(r"^\s*(?:https?:)?//", re.I)
# (tag, attribute) pairs that make the browser fetch something.
LOADING_ATTRS = [
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("embed", "src"), ("object", "data"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("track", "src"), ("input", "src"), ("image", "href"), ("use", "href"),
]
# <link rel=…> values that fetch their href (canonical, alternate, etc. do not).
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                "apple-touch-icon", "preconnect", "dns-prefetch"}
CSS_LOADS = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)
# Material's bundle can load from other hosts only through these features; the tests below
# show the site does not use them.
MATERIAL_REMOTE_FEATURES = {
    "unpkg.com/mermaid": "Mermaid diagrams (a `mermaid` code block)",
    "api.github.com": "repository facts (`repo_url`)",
    "unpkg.com/resize-observer-polyfill": "a polyfill for browsers without ResizeObserver",
}
URL_IN_CODE = re.compile(r"""["'`]((?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'`\s]*)""", re.I)


def html_files(site_dir):
    files = sorted(site_dir.rglob("*.html"))
    assert len(files) >= 41, "expected every page and the 404 page"
    return files


def test_html_loads_nothing_remote(site_dir):
    found = []
    for path in html_files(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in LOADING_ATTRS:
            for el in soup.find_all(tag):
                value = el.get(attr) or el.get(f"xlink:{attr}") or ""
                if REMOTE.match(value) or any(REMOTE.match(v) for v in value.split(",")):
                    found.append(f"{path.relative_to(site_dir)}: <{tag} {attr}={value}>")
        for el in soup.find_all("link"):
            rels = set(el.get("rel") or [])
            if rels & LOADING_RELS and REMOTE.match(el.get("href", "")):
                found.append(f"{path.relative_to(site_dir)}: <link rel={rels} href={el['href']}>")
        for el in soup.find_all(style=True):
            found += [f"{path.relative_to(site_dir)}: style url {u}" for u in CSS_LOADS.findall(el["style"])]
        for el in soup.find_all("style"):
            found += [f"{path.relative_to(site_dir)}: <style> {u}" for u in CSS_LOADS.findall(el.get_text())]
        for el in soup.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
            found.append(f"{path.relative_to(site_dir)}: meta refresh {el.get('content')}")
    assert not found, "\n".join(found)


def test_css_loads_nothing_remote(site_dir):
    found = []
    stylesheets = sorted(site_dir.rglob("*.css"))
    assert len(stylesheets) >= 7, stylesheets  # Material's two, ours
    for path in stylesheets:
        found += [f"{path.relative_to(site_dir)}: {u}" for u in CSS_LOADS.findall(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


def test_our_scripts_name_no_other_host(site_dir):
    """Our own JS (overrides/assets/js and inline scripts) contains no absolute URL at all,
    except XML namespaces, which are identifiers, not loads."""
    found = []
    sources = [(p.relative_to(site_dir), p.read_text(encoding="utf-8"))
               for p in sorted((site_dir / "assets" / "js").glob("*.js"))]
    assert len(sources) >= 4, sources  # questions, quiz, search, workshop timer
    for path in html_files(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        sources += [(path.relative_to(site_dir), s.get_text()) for s in soup.find_all("script") if not s.get("src")]
    for name, code in sources:
        for url in URL_IN_CODE.findall(code):
            if "www.w3.org/" not in url:
                found.append(f"{name}: {url}")
    assert not found, "\n".join(found)


def test_material_remote_features_are_off(site_dir):
    """The only remote loaders in Material's bundle stay unreachable."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.js"))
    assert len(bundles) == 1, bundles
    bundle = bundles[0].read_text(encoding="utf-8")
    for marker in MATERIAL_REMOTE_FEATURES:
        # If Material's bundle changes, this list must be reviewed: fail when a marker vanishes.
        assert marker in bundle, f"Material no longer mentions {marker}: review MATERIAL_REMOTE_FEATURES"
    pages = "\n".join(p.read_text(encoding="utf-8") for p in html_files(site_dir))
    assert 'class="mermaid"' not in pages, MATERIAL_REMOTE_FEATURES["unpkg.com/mermaid"]
    assert 'data-md-component="source"' not in pages, MATERIAL_REMOTE_FEATURES["api.github.com"]
