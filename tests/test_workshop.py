"""The workshop "De bouwstenen": the seed's text, the step data, and what the guide, the handout,
the timer and the PDFs make of it.

The workshop sheet (shared seed 001_*.txt) is written out below as literal data, on purpose
independent of data/workshop.yml. Text is compared normalised: case, quote marks, dash kinds and
whitespace are ignored.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DATA = yaml.safe_load((ROOT / "data" / "workshop.yml").read_text(encoding="utf-8"))

# --- the sheet, literally ------------------------------------------------------------------------

INTRO = ("De kwaliteit van de therapeutische relatie heeft – los van methode of diagnose – grote "
         "impact op de behandelresultaten. Wat maakt de relatie ‘goed’ of juist ‘moeizaam’?")
GOAL = ("Samen verkennen welke factoren bijdragen aan een sterke therapeutische relatie en welke "
        "uitdagingen daarin een rol spelen.")
TIME = "1 tot 1,5 uur (afhankelijk van voorbereiding en tijdsbewaking)"
MATERIALS = ["Pen en papier (of laptop/tablet)", "Flap-over of digitaal bord (Miro/Jamboard)",
             "Post-its en stiften"]
# (number, title, minutes, optional, instructions and questions in sheet order)
STEPS = [
    (1, "Start – Ervaringen ophalen", 15, False, [
        "Individueel: Denk terug aan een moment in je werk waarbij de therapeutische relatie heel "
        "goed werkte óf juist moeizaam was. Schrijf in steekwoorden:",
        "Wat was de situatie?",
        "Wat maakte de relatie goed of juist moeizaam?",
        "Wat deed jij, en wat deed de patiënt?",
        "In duo's of trio's: vertel elkaar in 5 minuten je verhaal. Luister zonder oordeel.",
    ]),
    (2, "Reflectie – Wat maakt een relatie ‘goed’ of ‘moeizaam’?", 15, False, [
        "Bespreek in groepjes of plenair:",
        "Welke kwaliteiten of gedragingen droegen bij aan een goede relatie?",
        "Welke factoren maken een relatie kwetsbaar of moeilijk?",
        "Hoe ervaar je de balans tussen afstand en nabijheid?",
        "Noteer terugkerende woorden zichtbaar voor de groep.",
    ]),
    (3, "Verkenning van facetten", 20, False, [
        "Ga met elkaar in gesprek over:",
        "Wat verstaan wij onder een ‘goede therapeutische relatie’?",
        "Hoe houd je de relatie sterk, ook bij spanning of wisselingen in behandelaren?",
        "Werk samen toe naar 5–6 succesfactoren of kernwoorden.",
    ]),
    (4, "Extra verdieping", 10, True, [
        "Lees de paragraaf De therapeutische relatie uit de Zorgstandaard Zingeving (HD 7.2.1). "
        "Bespreek aansluitend:",
        "Hoe draagt de therapeutische relatie in jouw werk bij aan de zingeving of "
        "zelfaanvaarding van je patiënt?",
    ]),
    # The sheet writes "Afronding - Wat neem ik mee"; the dash kind is normalised away.
    (5, "Afronding - Wat neem ik mee", 10, False, [
        "Individueel: Bedenk één facet dat je bewuster wilt inzetten in je werk.",
        "Groepsgesprek: deel wat je meeneemt of wilt uitproberen in de praktijk.",
    ]),
]
READING = [
    "Waarom de therapeutische relatie zo’n krachtige factor is in de effectiviteit van de "
    "behandeling:",
    "Evidence‑Based Therapy Relationships – Norcross & Lambert et al.",
    "Deze meta-analyse laat zien dat de kwaliteit van de therapeut–patiëntrelatie minstens zo "
    "bepalend is voor behandeluitkomsten als de gebruikte methode zelf.",
]
LINKS = [
    "https://www.ggzstandaarden.nl/zorgstandaarden/zingeving-in-de-psychische-hulpverlening/"
    "zingeving-tijdens-de-behandeling/attitude-en-communicatievaardigheden/de-therapeutische-relatie",
    "https://integratedrecovery.org/wp-content/uploads/2020/01/"
    "Norcross_evidence-based_therapy_relationships.pdf",
]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[‘’“”'\"`]", "", text)
    text = re.sub(r"[\u2010-\u2015\-]", "-", text)
    return " ".join(text.split())


def flat(value) -> str:
    """All strings in a nested YAML structure, joined."""
    if isinstance(value, dict):
        return " ".join(flat(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(flat(v) for v in value)
    return str(value)


def soup(site_dir: Path, path: str) -> BeautifulSoup:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")


def heading(number: int) -> str:
    step = DATA["steps"][number - 1]
    return f"Stap {number}: {step['title']}" + (" (optioneel)" if step.get("optional") else "")


def load_hook():
    spec = importlib.util.spec_from_file_location("workshop_hook", ROOT / "scripts/hooks/workshop.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- data ----------------------------------------------------------------------------------------


def test_data_holds_the_sheet_exactly():
    # Sheet text joined from a step's `form:` label and `text:` ("Individueel: Denk terug…").
    def sheet_text(step):
        parts = []
        for block in step["sheet"]:
            parts.append((f"{block['form']}: " if block.get("form") else "") + block["text"])
            parts += block.get("questions", [])
        return norm(" ".join(parts))

    assert [(s["number"], norm(s["title"]), s["minutes"], bool(s.get("optional"))) for s in DATA["steps"]] \
        == [(n, norm(t), m, o) for n, t, m, o, _ in STEPS]
    for (number, _, _, _, texts), step in zip(STEPS, DATA["steps"]):
        for text in texts:
            assert norm(text) in sheet_text(step), f"step {number}: {text!r}"
    everything = norm(flat(DATA))
    for text in [INTRO, GOAL, TIME, *MATERIALS, *READING, *LINKS]:
        assert norm(text) in everything, text


def test_steps_add_up_to_60_and_70_minutes():
    hook = load_hook()
    data = hook.load(ROOT)
    assert sum(s["minutes"] for s in data["steps"] if not s.get("optional")) == 60
    assert sum(s["minutes"] for s in data["steps"]) == 70
    assert [s["number"] for s in data["steps"] if s.get("optional")] == [4]
    totals = {v["key"]: hook.variant_total(data, v) for v in data["variants"]}
    assert totals == {"60": 60, "70": 70, "90": 90}


def test_data_check_names_the_problem(tmp_path):
    hook = load_hook()
    broken = yaml.safe_load((ROOT / "data/workshop.yml").read_text(encoding="utf-8"))
    broken["steps"][0]["minutes"] = 20  # the 60-minute variant no longer adds up
    (tmp_path / "data").mkdir()
    (tmp_path / "data/workshop.yml").write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(hook.DataError, match="variant 60 adds up to 65 minutes"):
        hook.load(tmp_path)


# --- placeholders ---------------------------------------------------------------------------------


@pytest.fixture
def render():
    """Run the hook on a Markdown text as if it were docs/workshop/index.md."""
    hook = load_hook()
    hook.on_config(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))
    hook.on_pre_build(None)

    def run(markdown: str, tmp_path: Path) -> str:
        source = tmp_path / "index.md"
        source.write_text("---\ntitle: x\n---\n\n" + markdown, encoding="utf-8")
        file = SimpleNamespace(abs_src_path=str(source), src_uri="workshop/index.md")
        return hook.on_page_markdown(markdown, SimpleNamespace(file=file, url="workshop/"), None, None)

    return run


def test_placeholders_render_from_the_data(render, tmp_path):
    out = render("{{ workshop_minutes 3 }} / {{ workshop_total 90 }} / {{ workshop_step 4 }}", tmp_path)
    assert out.startswith("20 / 90 / ## Stap 4: Extra verdieping (optioneel) {#stap-4}")
    assert "Werkvorm: Individueel lezen, daarna plenair" in out


@pytest.mark.parametrize("markdown, message", [
    ("{{ workshop_steps 1 }}", r"index.md:7: unknown placeholder \{\{ workshop_steps 1 \}\}\. Use one of"),
    ("{{ workshop_step 9 }}", r"index.md:7: .*needs one of 1, 2, 3, 4, 5 .*\{\{ workshop_step 1 \}\}"),
    ("{{ workshop_step }}", r"index.md:7: .*needs one of 1, 2, 3, 4, 5"),
    ("{{ workshop_timeline 2 }}", r"index.md:7: .*takes no argument; write \{\{ workshop_timeline \}\}"),
])
def test_bad_placeholder_names_file_line_and_fix(render, tmp_path, markdown, message):
    with pytest.raises(PluginError, match=message):
        render("Tekst.\n\n" + markdown, tmp_path)


def test_bad_placeholder_fails_the_build(build_with):
    guide = (ROOT / "docs/workshop/index.md").read_text(encoding="utf-8")
    proc = build_with({"docs/workshop/index.md": guide.replace("{{ workshop_timeline }}", "{{ workshop_tijdlijn }}")})
    assert proc.returncode != 0
    line = guide[: guide.index("{{ workshop_timeline }}")].count("\n") + 1
    assert f"docs/workshop/index.md:{line}: unknown placeholder {{{{ workshop_tijdlijn }}}}" in proc.output


# --- guide, handout, timer as built ---------------------------------------------------------------


def test_guide_has_every_part_of_the_sheet(site_dir):
    article = soup(site_dir, "workshop")
    text = norm(article.get_text(" "))
    for item in [INTRO, GOAL, TIME, *MATERIALS, *READING]:
        assert norm(item) in text, item
    hrefs = {a.get("href") for a in article.select("a")}
    assert set(LINKS) <= hrefs
    for number, _, minutes, _, texts in STEPS:
        h2 = article.find("h2", id=f"stap-{number}")
        assert h2 is not None and norm(heading(number)) in norm(h2.get_text()), number
        section = []
        for sibling in h2.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling.get_text(" "))
        section = norm(" ".join(section))
        assert f"{minutes} minuten" in section
        assert "werkvorm:" in section and "wat levert het op?" in section
        for item in texts:
            assert norm(item) in section, (number, item)
    # Jamboard is gone: current alternatives are named, the flip-over stays the default.
    for name in ["Microsoft Whiteboard", "Miro", "Padlet", "Mural", "eind 2024", "Flap-over (standaard)"]:
        assert norm(name) in text, name


def test_guide_timeline_matches_the_steps(site_dir):
    items = soup(site_dir, "workshop").select(".ws-timeline__list > li")
    assert len(items) == len(DATA["steps"])
    start = 0
    for item, step in zip(items, DATA["steps"]):
        text = item.get_text(" ")
        assert heading(step["number"]) in text and f"{step['minutes']} minuten" in text
        assert f"{start}–{start + step['minutes']} min" in text
        start += step["minutes"]
    caption = soup(site_dir, "workshop").select_one(".ws-timeline figcaption").get_text()
    assert "60 minuten zonder stap 4 en 70 minuten met stap 4" in caption


def test_guide_variants_and_sections(site_dir):
    article = soup(site_dir, "workshop")
    h2s = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2")]
    for name in ["Doel", "Voor wie en met hoeveel", "Tijd en opbouw", "Benodigdheden", "Voorbereiding",
                 "Varianten", "Koppelen aan de zeven elementen", "Leestip"]:
        assert name in h2s, name
    assert article.find(id="online") and article.find(id="grote-groep")
    table = article.find("h2", id="varianten").find_next("table").get_text(" ")
    assert "60 min" in table and "90 min" in table
    linked = {a["href"] for a in article.select("a[href^='../elementen/']")}
    assert len(linked) >= 7, linked


def test_handout_has_goal_steps_questions_and_room_to_write(site_dir):
    handout = soup(site_dir, "workshop/handout").select_one(".ws-handout")
    pages = handout.select(".ws-handout__page")
    assert len(pages) == 2
    text = norm(handout.get_text(" "))
    for item in [GOAL, INTRO, *READING]:
        assert norm(item) in text, item
    steps = handout.select(".ws-hstep")
    assert len(steps) == len(STEPS)
    for block, (number, _, minutes, _, texts) in zip(steps, STEPS):
        title = norm(block.select_one(".ws-hstep__title").get_text(" "))
        assert norm(heading(number)) in title and f"{minutes} min" in title
        for item in texts:
            assert norm(item) in norm(block.get_text(" ")), (number, item)
        assert block.select(".ws-lines"), f"step {number} has no room to write"
    assert "z.o.z." in pages[0].get_text()
    assert {a["href"] for a in handout.select("a")} >= set(LINKS)


def test_timer_data_and_panels_match_the_steps(site_dir):
    timer = soup(site_dir, "workshop/timer")
    payload = json.loads(timer.select_one("#ws-timer-data")["data-json"])
    assert payload["steps"] == {str(s["number"]): s["title"] for s in DATA["steps"]}
    assert [s["minutes"] for s in payload["variants"]["70"]] == [s["minutes"] for s in DATA["steps"]]
    assert [s["number"] for s in payload["variants"]["60"]] == [1, 2, 3, 5]
    assert sum(s["minutes"] for s in payload["variants"]["90"]) == 90
    panels = timer.select(".ws-timer__panel")
    for panel, (number, _, minutes, _, texts) in zip(panels, STEPS):
        assert panel.h2.get_text() == heading(number)
        assert f"{minutes} minuten" in norm(panel.get_text(" "))
        for item in texts:
            assert norm(item) in norm(panel.get_text(" "))


# --- timer in the browser ------------------------------------------------------------------------


def open_timer(page, base_url):
    page.clock.install()
    page.goto(base_url + "workshop/timer/", wait_until="load")
    return page.locator("[data-ws-timer]")


def clock(timer) -> str:
    return timer.locator("[data-ws-clock]").inner_text()


def current_title(timer) -> str:
    return timer.locator(".ws-timer__panel:not([hidden]) h2").inner_text()


def test_timer_counts_down_pauses_and_goes_over_time(page, base_url):
    timer = open_timer(page, base_url)
    assert clock(timer) == "15:00" and current_title(timer) == heading(1)
    assert timer.locator(".ws-timer__panel:visible").count() == 1

    page.keyboard.press(" ")
    page.clock.run_for(61_000)
    assert clock(timer) == "13:59"
    assert timer.get_attribute("data-state") == "running"
    assert timer.locator('[data-ws-action="toggle"]').inner_text().startswith("Pauze")

    page.keyboard.press(" ")  # pause: the clock stands still
    page.clock.run_for(30_000)
    assert clock(timer) == "13:59"
    assert "stil" in timer.locator("[data-ws-live]").inner_text()

    timer.locator('[data-ws-action="toggle"]').click()  # the button works too
    page.clock.run_for(14 * 60_000)
    assert clock(timer) == "+0:01"
    assert "is-over" in timer.get_attribute("class")
    assert timer.locator("[data-ws-live]").inner_text() == "De tijd van stap 1 is om."


def test_timer_steps_forward_and_back_by_keyboard_and_buttons(page, base_url):
    timer = open_timer(page, base_url)
    url = page.url
    live = timer.locator("[data-ws-live]")
    expected = [(s["number"], s["minutes"]) for s in DATA["steps"]]

    for key in ["ArrowRight", "n", "N", "ArrowRight"]:
        page.keyboard.press(key)
    page.clock.run_for(100)
    assert current_title(timer) == heading(5) and clock(timer) == f"{expected[4][1]}:00"
    assert live.inner_text().startswith("Stap 5 van 5: Afronding")
    page.keyboard.press("ArrowRight")  # stays on the last step
    assert current_title(timer) == heading(5)
    assert page.url == url, "n/p must not trigger Material's page navigation"

    page.keyboard.press("p")
    page.keyboard.press("ArrowLeft")
    assert current_title(timer) == heading(3) and clock(timer) == "20:00"
    timer.locator('[data-ws-action="prev"]').click()
    assert current_title(timer) == heading(2)
    timer.locator('[data-ws-action="next"]').click()
    assert current_title(timer) == heading(3)
    assert timer.locator('.ws-timer__overview [aria-current="step"]').inner_text().startswith("Stap 3")

    page.keyboard.press(" ")
    page.clock.run_for(5_000)
    page.keyboard.press("r")  # reset this step
    assert clock(timer) == "20:00"


def test_timer_variants_change_steps_and_minutes(page, base_url):
    timer = open_timer(page, base_url)
    timer.get_by_label("60 minuten").check()
    for _ in range(3):
        timer.locator('[data-ws-action="next"]').click()
    assert current_title(timer) == heading(5)  # step 4 is left out
    assert not timer.locator('.ws-timer__overview li[data-ws-step="4"]').is_visible()

    timer.get_by_label("90 minuten").check()  # keeps the step, new minutes
    assert current_title(timer) == heading(5) and clock(timer) == "15:00"
    timer.locator('[data-ws-goto="1"]').click()
    assert clock(timer) == "20:00"
    assert timer.locator(".ws-timer__panel:not([hidden]) [data-ws-panel-minutes]").inner_text() == "20"


def test_timer_is_usable_by_keyboard_alone(page, base_url):
    timer = open_timer(page, base_url)
    start = timer.locator('[data-ws-action="toggle"]')
    start.focus()
    page.keyboard.press("Enter")
    page.clock.run_for(2_000)
    assert timer.get_attribute("data-state") == "running"
    page.keyboard.press(" ")  # space on the focused start/pause button pauses once, not twice
    page.clock.run_for(2_000)
    assert timer.get_attribute("data-state") == "paused"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.wsAction") == "prev"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_timer_survives_instant_navigation(page, base_url):
    # Material navigates instantly only to URLs in sitemap.xml, which names site_url's port:
    # serve it with the test server's address, as a deployment with SITE_URL set has it.
    page.route("**/sitemap.xml", lambda route: route.fulfill(
        response=(response := route.fetch()),
        body=re.sub(r"https?://[^/<]+/", base_url, response.text())))
    page.clock.install()
    page.goto(base_url + "workshop/", wait_until="load")
    page.evaluate("window.__sameDocument = true")
    to_timer = page.locator("article a[href$='timer/']").first
    to_timer.click()
    page.wait_for_url("**/workshop/timer/")
    page.locator("[data-ws-timer]").wait_for()
    page.get_by_role("link", name="workshop De bouwstenen").click()  # the timer tears down
    page.wait_for_url(re.compile(r"/workshop/$"))
    to_timer.click()
    page.wait_for_url("**/workshop/timer/")
    page.locator("[data-ws-timer]").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "expected instant navigation"
    page.keyboard.press("n")  # one listener only: exactly one step on
    assert current_title(page.locator("[data-ws-timer]")) == heading(2)


# --- print and PDFs ------------------------------------------------------------------------------

COPYRIGHT = "kennisbank en e-learning"  # the site footer (mkdocs.yml copyright)
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-top", ".md-search"]


@pytest.mark.parametrize("path", ["workshop/", "workshop/handout/"])
def test_print_hides_navigation_header_and_footer(page, base_url, tmp_path, path):
    page.goto(base_url + path, wait_until="load")
    page.emulate_media(media="print")
    shown = page.evaluate("""(selectors) => selectors.filter(s =>
        Array.from(document.querySelectorAll(s)).some(el => el.checkVisibility()))""", CHROME)
    assert shown == []
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")  # as the print dialog does: none of make_pdfs' options
    pages = int(re.search(r"^Pages:\s+(\d+)", pdfinfo(pdf), re.M).group(1))
    last = pdftotext(pdf, first=pages)
    assert last.strip(), "blank trailing page"
    text = pdftotext(pdf)
    assert "Zoeken" not in text and COPYRIGHT not in text
    if "handout" in path:
        assert pages == 2
        assert "Print de hand-out" not in text and "downloaden" not in text


def pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def pdftotext(path: Path, first: int | None = None) -> str:
    args = ["pdftotext"] + (["-f", str(first), "-l", str(first)] if first else [])
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="session")
def pdfs(site_dir) -> dict[str, Path]:
    """The PDFs as `./run build` makes them (scripts/make_pdfs.py on the built site)."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/make_pdfs.py"), str(site_dir)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return {entry["key"]: site_dir / entry["file"] for entry in DATA["pdfs"]}


def test_handout_pdf_is_a4_two_pages_fonts_embedded(pdfs):
    info = pdfinfo(pdfs["handout"])
    assert "(A4)" in info
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) <= 2
    text = norm(pdftotext(pdfs["handout"]))
    for number, *_ in STEPS:
        assert norm(heading(number)) in text
    assert norm(GOAL) in text and "zoeken" not in text
    assert_fonts_embedded(pdfs["handout"])


def test_guide_pdf_is_a4_fonts_embedded(pdfs):
    assert "(A4)" in pdfinfo(pdfs["guide"])
    text = norm(pdftotext(pdfs["guide"]))
    for number, *_ in STEPS:
        assert norm(heading(number)) in text
    assert "zoeken" not in text
    assert_fonts_embedded(pdfs["guide"])


def assert_fonts_embedded(path: Path):
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines, "no fonts in the PDF"
    for line in lines:
        # columns: name, type (may be two words), encoding, emb, sub, uni, object, ID
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


def test_workshop_page_links_the_pdfs_with_format_and_size(page, base_url, pdfs):
    page.goto(base_url + "workshop/", wait_until="load")
    for entry in DATA["pdfs"]:
        link = page.locator(f"a.ws-download[href$='{Path(entry['file']).name}']")
        assert link.count() == 1
        assert "PDF" in link.inner_text() and "A4" in link.inner_text()
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and response.headers["content-type"] == "application/pdf"
