"""An institution adopts the module with one settings file (scripts/configfile.py picks it;
scripts/hooks/instelling.py checks it; scripts/hooks/lokaal.py puts its local links in the text).

- The example institution, GGZ Voorbeeldstad (voorbeeldstad.yml, fictional, every setting made),
  built once and served by nginx with the build's CSP: its name and short name, logo and favicon,
  colours in the light and the dark palette (axe finds nothing on its pages), editorial roles, and
  every local link on the pages where it belongs, printed with its address; the word budgets
  still hold with every link set.
- The default build (the session's site) shows none of it, and reads naturally: the linked words
  are plain text, nothing of the mechanism is left.
- A colour that fails WCAG AA contrast, a setting that is not local, and an unknown local link in
  a page stop the build, naming the file, the line, the setting and the fix.
- Which file a build uses: INSTELLING, else instelling.yml, else mkdocs.yml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Nginx, axe_violations, free_port, run_build, site_config

sys.path.insert(0, str(ROOT / "scripts"))
import wordcount  # noqa: E402  (the word budgets)
from configfile import ConfigFileError, config_file  # noqa: E402
from instelling import LOCAL_LINKS  # noqa: E402

EXAMPLE = ROOT / "voorbeeldstad.yml"

# Where each local link belongs: (page, the words that link to it). The safety box links the
# crisis protocol and incident reporting on every page that carries it (checked separately).
PLACES = {
    "crisisprotocol": [("elementen/vertrouwen/", "het protocol van je instelling"), ("workshop/", "het protocol"),
                       ("zakkaart/", "het protocol")],
    "incidentmelding": [("elementen/vertrouwen/", "meld het incident"), ("workshop/", "gemeld"),
                        ("workshop/", "meld het")],
    "klachtenregeling": [("tips/relatiebreuken/", "klachtenregeling"), ("feedback/", "klachtenregeling")],
    "klachtenfunctionaris": [("tips/relatiebreuken/", "klachtenfunctionaris")],
    "pvp": [("verplichte-zorg/", "patiëntenvertrouwenspersoon")],
    "tolkendienst": [("elementen/afstemming/", "professionele tolk")],
    "intervisie": [("tips/intervisie/", "de coördinator intervisie")],
    "opleidingen": [("workshop/", "de afdeling opleidingen")],
    "collegiale_opvang": [("workshop/", "collegiale opvang")],
}


def settings() -> dict:
    """The example's configuration as MkDocs reads it (its settings over mkdocs.yml)."""
    from mkdocs.utils.yaml import yaml_load

    with open(EXAMPLE, "rb") as file:
        return yaml_load(file)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def rgb(colour: str) -> str:
    value = colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i:i + 2], 16) for i in (0, 2, 4)))


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The site built with voorbeeldstad.yml, served by nginx as an intranet would."""
    port = free_port()
    site = tmp_path_factory.mktemp("voorbeeldstad") / "site"
    proc = run_build(ROOT, site, site_url=f"http://127.0.0.1:{port}/", config=EXAMPLE)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    server = Nginx(site, port, tmp_path_factory.mktemp("nginx-voorbeeldstad")).start()
    server.site_dir = site
    yield server
    server.stop()


def test_the_example_sets_every_setting_and_every_link_has_a_place():
    config = settings()
    assert set(config["extra"]["lokaal"]) == set(LOCAL_LINKS) == set(PLACES)
    assert all(config["extra"]["lokaal"].values())
    assert set(config["extra"]["kleuren"]) == {"primair", "accent", "link_donker", "accent_donker"}
    assert all(config["extra"]["redactie"].values())
    assert config["theme"]["logo"] and config["theme"]["favicon"]
    assert "GGZ Voorbeeldstad" in config["site_name"] and "fictional" in EXAMPLE.read_text("utf-8").lower()


def test_every_local_link_is_on_its_pages(example):
    links = settings()["extra"]["lokaal"]
    for name, places in PLACES.items():
        for path, words in places:
            found = [a for a in soup(example.site_dir, path).select(f"article a.lokaal[data-lokaal={name}]")
                     if " ".join(a.get_text(" ").split()) == words]
            assert found, f"/{path}: no link ‘{words}’ to {name}"
            assert all(a["href"] == links[name] and "external" in a["rel"] for a in found), (path, found)


def test_the_safety_box_links_the_protocol_and_incident_reporting_everywhere(example, site_dir):
    links = settings()["extra"]["lokaal"]
    pages = [html.parent for html in sorted(example.site_dir.rglob("index.html"))
             if 'class="danger veiligheid' in html.read_text("utf-8")]
    assert len(pages) >= 10, pages
    for folder in pages:
        box = BeautifulSoup((folder / "index.html").read_text("utf-8"), "html.parser").select_one("details.veiligheid")
        hrefs = [a["href"] for a in box.select("a.lokaal")]
        assert hrefs == [links["crisisprotocol"], links["incidentmelding"], links["crisisprotocol"]], folder


def test_the_default_build_shows_none_of_it_and_reads_naturally(site_dir):
    """The session's build (the module alone, or an institution's own settings) shows nothing of
    the example, no trace of the mechanism, and what it does not set, it does not show."""
    if config_file() == EXAMPLE:
        pytest.skip("INSTELLING=voorbeeldstad.yml: the session's build is the example itself")
    config, ours = settings(), site_config().get("extra") or {}
    example = [config["site_name"], "voorbeeldstad/", *config["extra"]["lokaal"].values(),
               *config["extra"]["redactie"].values()]
    unset = ([] if any((ours.get("lokaal") or {}).values()) else ['class="lokaal']) + \
            ([] if any((ours.get("kleuren") or {}).values()) else ["--instelling-"])
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 40
    for html in pages:
        text = html.read_text("utf-8")
        assert "lokaal:" not in text, f"{html}: a local link left unfilled"
        assert not [value for value in example + unset if value in text], html
    for places in PLACES.values():
        for path, words in places:
            page = soup(site_dir, path).select_one("article")
            assert words in " ".join(page.get_text(" ").split()), f"/{path}: ‘{words}’ is not in the text"


def test_name_logo_favicon_and_roles(page, example):
    config = settings()
    response = page.goto(example.url, wait_until="load")
    assert response.ok
    assert page.title().endswith(config["site_name"])
    assert page.locator(".md-header__site-name--full").text_content().strip() == config["site_name"]
    assert page.locator(".md-header__site-name--short").text_content().strip() == config["extra"]["short_name"]
    logo = page.locator(".md-header .md-logo img")
    assert logo.evaluate("img => img.src") == example.url + config["theme"]["logo"]
    assert logo.evaluate("img => img.complete && img.naturalWidth") > 0
    favicon = page.locator("link[rel=icon]").evaluate("link => link.href")
    assert favicon == example.url + config["theme"]["favicon"]
    assert page.request.get(favicon).ok
    roles = [" ".join(span.text_content().split()) for span in page.locator(".md-copyright__redactie > span").all()]
    wanted = config["extra"]["redactie"]
    assert roles == [f"Inhoudelijk verantwoordelijk: {wanted['inhoudelijk_verantwoordelijke']}",
                     f"Redactie: {wanted['redactie']}", f"Contact: {wanted['contact']}"]
    assert page.locator(f".md-copyright a[href='mailto:{wanted['contact']}']").count() == 1
    page.goto(example.url + "over/", wait_until="load")
    about = " ".join(page.locator("article").text_content().split())
    assert wanted["inhoudelijk_verantwoordelijke"] in about and "nog niet ingevuld" not in about
    assert not page.foreign_requests and not page.console_errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_in_both_palettes_and_axe(page, example, axe_source, scheme):
    colours = settings()["extra"]["kleuren"]
    page.emulate_media(color_scheme=scheme)
    for path in ["", "elementen/afstemming/", "workshop/", "zakkaart/"]:
        page.goto(example.url + path, wait_until="load")
        assert page.locator("body").get_attribute("data-md-color-scheme") == {"light": "default", "dark": "slate"}[scheme]
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == rgb(colours["primair"]), (path, header)
        link, accent = page.evaluate("""() => [getComputedStyle(document.querySelector('article p:not(.kaart *) a:not(.md-button)')).color,
            getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()]""")
        assert link == rgb(colours["primair" if scheme == "light" else "link_donker"]), (path, link)
        assert accent == colours["accent" if scheme == "light" else "accent_donker"], (path, accent)
        assert axe_violations(page, axe_source) == [], (path, scheme)
    assert not page.foreign_requests and not page.console_errors


def test_a_local_link_prints_its_address(page, example):
    page.goto(example.url + "verplichte-zorg/", wait_until="load")
    page.emulate_media(media="print")
    after = page.evaluate("getComputedStyle(document.querySelector('a.lokaal[data-lokaal=pvp]'), '::after').content")
    assert settings()["extra"]["lokaal"]["pvp"] in after, after


def test_word_budgets_hold_with_every_local_link_set(example):
    problems, totals = wordcount.check(wordcount.count(example.site_dir), wordcount.load_budgets())
    assert not problems, problems


# --- errors --------------------------------------------------------------------------------------

def test_a_colour_without_enough_contrast_stops_the_build(build_with, monkeypatch):
    monkeypatch.delenv("INSTELLING", raising=False)  # the build takes the instelling.yml written here
    settings_file = ('INHERIT: mkdocs.yml\nsite_name: Test\nextra:\n  kleuren:\n'
                     '    primair: "#6fa8dc"   # light blue: 2.5:1 with white\n')
    proc = build_with({"instelling.yml": settings_file})
    assert proc.returncode != 0
    assert ('instelling.yml:5: `extra.kleuren.primair` "#6fa8dc" has a contrast of 2.5:1 against white, '
            "and WCAG AA asks at least 4.5:1 for text") in proc.output, proc.output[-2000:]
    assert 'Fix: choose a darker colour, e.g. "#50799e" (4.6:1)' in proc.output
    assert "Traceback" not in proc.output


def test_a_setting_that_is_not_local_a_fixed_address_and_an_unknown_link_stop_the_build(build_with, monkeypatch):
    monkeypatch.delenv("INSTELLING", raising=False)  # the build takes the instelling.yml written here
    proc = build_with({"instelling.yml": "INHERIT: mkdocs.yml\nsite_name: Test\nnav: []\n"})
    assert proc.returncode != 0
    assert "instelling.yml:3: `nav` is not a local setting" in proc.output, proc.output[-2000:]
    assert "Fix: remove it from instelling.yml" in proc.output
    proc = build_with({"instelling.yml": "INHERIT: mkdocs.yml\nsite_url: https://intranet.example/tr/\n"})
    assert proc.returncode != 0
    assert ('instelling.yml:2: `site_url` is written as a plain address' in proc.output
            and 'Fix: write it as site_url: !ENV [SITE_URL, "https://intranet.example/tr/"]' in proc.output), proc.output[-2000:]
    page = (ROOT / "docs" / "feedback.md").read_text("utf-8").replace(
        "(lokaal:klachtenregeling)", "(lokaal:klachten)")
    line = page[: page.index("lokaal:klachten")].count("\n") + 1
    proc = build_with({"docs/feedback.md": page})
    assert proc.returncode != 0
    assert f"docs/feedback.md:{line}: unknown local link `lokaal:klachten`. Fix: use one of lokaal:crisisprotocol" \
        in proc.output, proc.output[-2000:]
    assert "Traceback" not in proc.output


def test_which_settings_file_a_build_uses(tmp_path, monkeypatch):
    monkeypatch.delenv("INSTELLING", raising=False)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    assert config_file(tmp_path) == tmp_path / "mkdocs.yml"
    (tmp_path / "instelling.yml").write_text("# ours\nINHERIT: mkdocs.yml\n", "utf-8")
    assert config_file(tmp_path) == tmp_path / "instelling.yml"
    (tmp_path / "voorbeeld.yml").write_text("INHERIT: mkdocs.yml\n", "utf-8")
    monkeypatch.setenv("INSTELLING", "voorbeeld.yml")
    assert config_file(tmp_path) == tmp_path / "voorbeeld.yml"
    (tmp_path / "zonder.yml").write_text("site_name: y\n", "utf-8")
    monkeypatch.setenv("INSTELLING", "zonder.yml")
    with pytest.raises(ConfigFileError, match=r"zonder.yml:1: .* Fix: add the line `INHERIT: mkdocs.yml`"):
        config_file(tmp_path)
    monkeypatch.setenv("INSTELLING", "ontbreekt.yml")
    with pytest.raises(ConfigFileError, match="no such file"):
        config_file(tmp_path)
