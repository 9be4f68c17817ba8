"""The deployment rules (deploy/nginx/therapeutische-relatie.conf), as Debian's nginx applies them:
compression, cache headers, the build's Content-Security-Policy and the README's `alias` form.
Every browser test runs against the same nginx (conftest `web_server`); these tests look at what
it sends, and show that a new build is visible at once while files with a content hash stay in
the browser's cache."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
import shutil
from pathlib import Path

import pytest

from conftest import csp_of_the_build, watch
from localbrowser import NGINX_SUBPATH, Nginx

HASHED = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(css|js)$")
YEAR = "max-age=31536000"


def get(server: Nginx, path: str, gzip_ok: bool = True) -> tuple[http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response, body


def hashed_assets(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.joinpath("assets").rglob("*")
                  if HASHED.search(p.name))


@pytest.mark.parametrize("prefix", ["/", NGINX_SUBPATH], ids=["root", "readme-alias"])
def test_html_is_revalidated_and_compressed(web_server, site_dir, prefix):
    """HTML and the search index: revalidated on every use, gzip-compressed, served as UTF-8."""
    files = {"": "text/html", "elementen/empathie/": "text/html", "search/search_index.json": "application/json"}
    for path, kind in files.items():
        response, body = get(web_server, prefix + path)
        source = site_dir / (path + "index.html" if path.endswith("/") or not path else path)
        assert response.status == 200, path
        assert body == source.read_bytes(), f"{path}: not the built file"
        assert response.getheader("Cache-Control") == "no-cache", path
        assert response.getheader("ETag"), f"{path}: no ETag to revalidate against"
        assert response.getheader("Content-Encoding") == "gzip", path
        assert response.getheader("Content-Type") == f"{kind}; charset=utf-8", path


@pytest.mark.parametrize("prefix", ["/", NGINX_SUBPATH], ids=["root", "readme-alias"])
def test_hashed_assets_are_cached_for_a_year(web_server, site_dir, prefix):
    assets = hashed_assets(site_dir)
    # Material's main and palette stylesheets, its bundle and its search worker; all of ours.
    ours = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.glob("assets/*/*") if p.parent.name in ("css", "js"))
    assert len(ours) >= 12 and set(ours) <= set(assets), ours
    assert len(assets) >= 4 + len(ours), assets
    for path in assets:
        response, body = get(web_server, prefix + path)
        assert response.status == 200 and body == (site_dir / path).read_bytes(), path
        assert response.getheader("Cache-Control") == YEAR, path
        small = (site_dir / path).stat().st_size < 256  # gzip_min_length: not worth compressing
        assert response.getheader("Content-Encoding") == (None if small else "gzip"), path


@pytest.mark.parametrize("path", ["", "zelftoetsen/empathie/", "assets/js/search.js", "search/search_index.json",
                                  "bestaat-niet/", "elementen/empathie"])
def test_every_response_carries_the_builds_csp(web_server, site_dir, path):
    """Pages, assets, the 404 page and redirects: the Content-Security-Policy the build wrote, with
    the hash of every inline script in the built pages and no other source of script."""
    policy = csp_of_the_build(site_dir)
    response, _ = get(web_server, "/" + path)
    assert response.getheader("Content-Security-Policy") == policy, path
    inline, kinds = set(), set()
    for html in site_dir.rglob("*.html"):
        for attrs, body in re.findall(r"<script(\s[^>]*)?>(.*?)</script>", html.read_text(encoding="utf-8"), re.S):
            if "src=" not in (attrs or "") and "application/json" not in (attrs or ""):
                inline.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
                kinds.add(body[:12])
    # Only Material's small scripts stay inline: the head script (one per folder depth: it holds
    # the relative base URL), the palette and the tab-anchor script. Ours and mkdocs-quiz's are files.
    assert kinds == {"__md_scope=n", "var palette=", "var target=d"}, kinds
    script_src = re.search(r"script-src ([^;]+);", policy).group(1).split()
    assert script_src == ["'self'", *sorted(inline)]


def test_without_gzip_support_the_files_come_plain(web_server, site_dir):
    response, body = get(web_server, "/", gzip_ok=False)
    assert response.getheader("Content-Encoding") is None
    assert body == (site_dir / "index.html").read_bytes()
    assert "Accept-Encoding" in response.getheader("Vary", "")


def test_redirects_stay_on_the_host_and_missing_pages_get_the_site_404(web_server, site_dir):
    response, _ = get(web_server, "/elementen/empathie")
    assert response.status == 301
    assert response.getheader("Location") == "/elementen/empathie/"  # relative: no host name
    response, body = get(web_server, "/bestaat-niet/")
    assert response.status == 404
    assert body == (site_dir / "404.html").read_bytes()


def test_a_new_build_shows_at_once_while_hashed_assets_stay_cached(browser, browser_context_args, site_dir, tmp_path):
    """A reader visits two pages; then a new build is copied over the old one; the reader opens the
    first page again. The changed page shows the new text at once (HTML is revalidated), and no
    file with a content hash (all CSS and JS) is asked for again."""
    deployed = tmp_path / "www"
    shutil.copytree(site_dir, deployed)
    page_a, page_b = "elementen/empathie/", "elementen/taken/"
    with Nginx(deployed, workdir=tmp_path / "nginx") as server:
        context = browser.new_context(**browser_context_args)
        page = watch(context.new_page())
        page.goto(server.url + page_a, wait_until="load")
        assert page.locator("#nieuw").count() == 0
        page.goto(server.url + page_b, wait_until="load")
        first_visit = server.requests()

        html = deployed / page_a / "index.html"  # the new build: one page gained a paragraph
        text = html.read_text(encoding="utf-8")
        assert text.count("</h1>") == 1
        html.write_text(text.replace("</h1>", '</h1><p id="nieuw">Tekst uit de nieuwe build.</p>'), encoding="utf-8")

        page.goto(server.url + page_a, wait_until="load")
        assert page.locator("#nieuw").inner_text() == "Tekst uit de nieuwe build."
        second_visit = server.requests()[len(first_visit):]
        context.close()

    hashed_first = [uri for uri, _ in first_visit if HASHED.search(uri)]
    assert len(hashed_first) >= 7, first_visit  # Material's CSS and bundle, ours (+ search worker)
    assert any(uri.startswith("/assets/css/site.") for uri in hashed_first), first_visit
    assert len(hashed_first) == len(set(hashed_first)), "a hashed file was fetched twice on the first visit"
    assert ("/" + page_a, 200) in second_visit, second_visit
    assert [uri for uri, _ in second_visit if HASHED.search(uri)] == [], \
        f"hashed files asked for again after the new build: {second_visit}"
    assert page.console_errors == [] and page.foreign_requests == []
