"""The workshop "De bouwstenen": the seed's text, the step data, and what the guide, the handout,
the timer and the PDFs make of it.

The workshop sheet (shared seed 001_*.txt) is written out below as literal data, on purpose
independent of data/workshop.yml. Two kinds of comparison:

- the data file against the sheet: normalised (case, quote marks, dash kinds, whitespace), since the
  sheet itself is inconsistent in them;
- what a reader sees (the printed hand-out, the sheet blocks of the guide, step headings, timeline,
  timer panels): exactly as written below, typography included (‘ ’ quotes, – dashes, capitals);
  only runs of whitespace count as one space. A rewording in data/workshop.yml fails here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from conftest import pdf_page_count, pdf_text

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


# What readers see, exactly. The sheet writes "Afronding - Wat neem ik mee" with a hyphen; the site
# sets the dash of its other step titles (–).
HEADINGS = {
    1: "Stap 1: Start – Ervaringen ophalen",
    2: "Stap 2: Reflectie – Wat maakt een relatie ‘goed’ of ‘moeizaam’?",
    3: "Stap 3: Verkenning van facetten",
    4: "Stap 4: Extra verdieping (optioneel)",
    5: "Stap 5: Afronding – Wat neem ik mee",
}
# The link title carries the caveat on the paragraph number wherever it prints (hand-out, timer).
ZORGSTANDAARD = "De therapeutische relatie, kwaliteitsstandaard Zingeving (nummer HD 7.2.1 niet gecontroleerd)"
NORCROSS = "Evidence‑Based Therapy Relationships – Norcross & Lambert et al."  # sheet: non-breaking hyphen
# The sheet's text of each step, block by block, as the guide's "Op het werkblad" box, the handout
# and the timer show it.
SHEET_BLOCKS = {
    1: ["Individueel: Denk terug aan een moment in je werk waarbij de therapeutische relatie heel goed "
        "werkte óf juist moeizaam was. Schrijf in steekwoorden:",
        "Wat was de situatie?", "Wat maakte de relatie goed of juist moeizaam?",
        "Wat deed jij, en wat deed de patiënt?",
        "In duo's of trio's: vertel elkaar in 5 minuten je verhaal. Luister zonder oordeel."],
    2: ["Bespreek in groepjes of plenair:",
        "Welke kwaliteiten of gedragingen droegen bij aan een goede relatie?",
        "Welke factoren maken een relatie kwetsbaar of moeilijk?",
        "Hoe ervaar je de balans tussen afstand en nabijheid?",
        "Noteer terugkerende woorden zichtbaar voor de groep."],
    3: ["Ga met elkaar in gesprek over:",
        "Wat verstaan wij onder een ‘goede therapeutische relatie’?",
        "Hoe houd je de relatie sterk, ook bij spanning of wisselingen in behandelaren?",
        "Werk samen toe naar 5–6 succesfactoren of kernwoorden."],
    4: ["Lees de paragraaf De therapeutische relatie uit de Zorgstandaard Zingeving (HD 7.2.1). "
        "Bespreek aansluitend:",
        ZORGSTANDAARD,
        "Hoe draagt de therapeutische relatie in jouw werk bij aan de zingeving of zelfaanvaarding van "
        "je patiënt?"],
    5: ["Individueel: Bedenk één facet dat je bewuster wilt inzetten in je werk.",
        "Groepsgesprek: deel wat je meeneemt of wilt uitproberen in de praktijk."],
}
WORK_FORMS = {1: "Individueel, daarna in duo's of trio's", 2: "In groepjes of plenair",
              3: "Plenair, met de hele groep", 4: "Individueel lezen, daarna plenair",
              5: "Individueel, daarna een groepsgesprek"}
MINUTES = {1: 15, 2: 15, 3: 20, 4: 10, 5: 10}
# The printed hand-out, line by line (each block's visible text; writing lines print no text).
HANDOUT = [
    "THEMA THERAPEUTISCHE RELATIE", "Werkvorm: De bouwstenen", INTRO,
    "Doel", GOAL, "Tijdsindicatie", TIME,
    HEADINGS[1], "15 min", *SHEET_BLOCKS[1],
    HEADINGS[2], "15 min", *SHEET_BLOCKS[2],
    "z.o.z.",
    "THEMA THERAPEUTISCHE RELATIE", "Werkvorm: De bouwstenen", "(vervolg stappenplan)",
    HEADINGS[3], "20 min", *SHEET_BLOCKS[3],
    "Onze succesfactoren of kernwoorden:", "1.", "2.", "3.", "4.", "5.", "6.",
    HEADINGS[4], "10 min", *SHEET_BLOCKS[4],
    HEADINGS[5], "10 min", *SHEET_BLOCKS[5],
    "Dit facet wil ik bewuster inzetten:",
    "Dit neem ik mee of probeer ik uit in de praktijk:",
    "Leestip", READING[0], NORCROSS, READING[2], *LINKS,
]
TIMELINE = [
    "0–15 min", HEADINGS[1], f"15 minuten · {WORK_FORMS[1]}",
    "15–30 min", HEADINGS[2], f"15 minuten · {WORK_FORMS[2]}",
    "30–50 min", HEADINGS[3], f"20 minuten · {WORK_FORMS[3]}",
    "50–60 min (optioneel)", HEADINGS[4], f"10 minuten · {WORK_FORMS[4]}",
    "60–70 min (zonder stap 4: 50–60)", HEADINGS[5], f"10 minuten · {WORK_FORMS[5]}",
    "De stappen duren samen 60 minuten zonder stap 4 en 70 minuten met stap 4. "
    "Met ontvangst en uitloop past de sessie in 1 tot 1,5 uur.",
]
DOWNLOADS = ["Hand-out voor deelnemers downloaden", "(PDF, A4, om dubbelzijdig te printen)",
             "Trainershandleiding downloaden", "(PDF, A4)"]


def heading(number: int) -> str:
    return HEADINGS[number]


def lines(text: str) -> list[str]:
    """Visible text as non-empty lines, each with its runs of whitespace as one space."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# Typography of Dutch text the site sets itself: curly quotes, real dashes, an ellipsis sign.
TYPOGRAPHY = [
    (re.compile(r'"'), "a straight double quote (use ‘…’)"),
    (re.compile(r"(?<![^\W\d_])'|'(?![^\W\d_])"), "a straight single quote that is no apostrophe (use ‘…’)"),
    (re.compile(r" - |--"), "a hyphen used as a dash (use –)"),
    (re.compile(r"\.\.\."), "three dots (use …)"),
]


def typography_problems(texts: list[str]) -> list[str]:
    return [f"{problem}: {text!r}" for text in texts for pattern, problem in TYPOGRAPHY
            if pattern.search(text) and not text.startswith("http")]


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


def changed_data(tmp_path: Path, text: str) -> Path:
    """A project folder whose data/workshop.yml is `text`; returns its mkdocs.yml path."""
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/workshop.yml").write_text(text, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def test_variant_labels_are_made_from_the_minutes(tmp_path):
    """A variant's label and name follow its steps: lengthen step 1 and every variant says so,
    in the guide's table and in the timer (issue 11: labels not typed beside the minutes)."""
    hook = load_hook()
    changed = yaml.safe_load((ROOT / "data/workshop.yml").read_text(encoding="utf-8"))
    changed["steps"][0]["minutes"] = 20
    changed["default_variant"] = 75
    hook.on_config(SimpleNamespace(config_file_path=str(changed_data(tmp_path, yaml.safe_dump(changed, allow_unicode=True)))))
    hook.on_pre_build(None)
    assert [v["label"] for v in hook._data["variants"]] == ["65 minuten", "75 minuten", "95 minuten"]
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(tmp_path / "x.md"), src_uri="workshop/index.md"),
                           url="workshop/")
    table = hook.on_page_markdown("{{ workshop_variants }}", page, None, None).splitlines()
    assert table[0] == "| Stap | 65 minuten | 75 minuten | 95 minuten |"
    assert table[-1] == "| **Totaal** | **65 min** | **75 min** | **95 min** |"
    timer = BeautifulSoup(hook.on_page_markdown("{{ workshop_timer }}", page, None, None), "html.parser")
    radios = timer.select(".ws-timer__variants label")
    assert [" ".join(r.get_text().split()) for r in radios] == ["65 minuten", "75 minuten", "95 minuten"]
    assert timer.select_one("input[checked]")["value"] == "75"


@pytest.mark.parametrize("typed", ["label: 60 minuten", 'key: "60"'])
def test_a_typed_variant_label_fails_with_file_line_and_fix(tmp_path, typed):
    hook = load_hook()
    text = (ROOT / "data/workshop.yml").read_text(encoding="utf-8")
    first = "variants:\n  - optional_steps: false\n"
    assert first in text
    text = text.replace(first, first + f"    {typed}\n", 1)
    line = text[: text.index(f"    {typed}")].count("\n") + 1
    hook.on_config(SimpleNamespace(config_file_path=str(changed_data(tmp_path, text))))
    with pytest.raises(PluginError, match=rf"^data/workshop.yml:{line}: variant 1 types `{typed.split(':')[0]}: .*"
                                          r"made from the minutes of its steps\. Fix: remove that line"):
        hook.on_pre_build(None)


def test_two_variants_of_the_same_length_fail(tmp_path):
    hook = load_hook()
    text = (ROOT / "data/workshop.yml").read_text(encoding="utf-8")
    text = text.replace("    extra: {1: 5, 2: 5, 3: 5, 5: 5}\n", "")  # the 90-minute variant becomes a second 70
    hook.on_config(SimpleNamespace(config_file_path=str(changed_data(tmp_path, text))))
    line = text.splitlines().index("variants:") + 2
    with pytest.raises(PluginError, match=rf"^data/workshop.yml:{line}: two variants last 70 minutes\. Fix:"):
        hook.on_pre_build(None)


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
    ("{{ workshop_steps 1 }}", r"index.md:7: unknown placeholder \{\{ workshop_steps 1 \}\}\. Fix: use one of"),
    ("{{ workshop_step 9 }}", r"index.md:7: .*needs one of 1, 2, 3, 4, 5 .*\{\{ workshop_step 1 \}\}"),
    ("{{ workshop_step }}", r"index.md:7: .*needs one of 1, 2, 3, 4, 5"),
    ("{{ workshop_timeline 2 }}", r"index.md:7: .*takes no argument\. Fix: write \{\{ workshop_timeline \}\}"),
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
    for junk in article.select(".headerlink"):
        junk.decompose()
    text = " ".join(article.get_text(" ").split())
    for item in [INTRO, GOAL, TIME, *MATERIALS, *READING]:
        assert item in text, item
    hrefs = {a.get("href") for a in article.select("a")}
    assert set(LINKS) <= hrefs
    # Jamboard is gone: current alternatives are named, the flip-over stays the default.
    for name in ["Microsoft Whiteboard", "Miro", "Padlet", "Mural", "eind 2024", "Flap-over (standaard)"]:
        assert name in text, name


def test_guide_shows_steps_timeline_and_downloads_exactly(page, base_url):
    page.goto(base_url + "workshop/", wait_until="load")
    article = page.locator("article")
    assert article.locator("h2[id^='stap-']").count() == len(HEADINGS)
    metas, sheets = article.locator(".ws-meta"), article.locator(".ws-sheet")
    assert metas.count() == sheets.count() == len(HEADINGS)
    shown = []
    for number in HEADINGS:
        title = article.locator(f"h2#stap-{number}").inner_text().replace("¶", "").strip()
        assert title == HEADINGS[number]
        assert lines(metas.nth(number - 1).inner_text()) == [f"{MINUTES[number]} minuten",
                                                             f"Werkvorm: {WORK_FORMS[number]}"]
        sheet = lines(sheets.nth(number - 1).inner_text())
        assert sheet == ["Op het werkblad", *SHEET_BLOCKS[number]], number
        shown += [title, *sheet]
    timeline = lines(article.locator(".ws-timeline").inner_text())
    assert timeline == TIMELINE
    downloads = lines(article.locator(".ws-downloads").inner_text())
    assert downloads == DOWNLOADS
    assert typography_problems(shown + timeline + downloads) == []


def test_printed_handout_is_the_sheet_exactly(page, base_url):
    page.goto(base_url + "workshop/handout/", wait_until="load")
    page.emulate_media(media="print")
    printed = lines(page.locator(".ws-handout").inner_text())
    assert printed == HANDOUT
    assert typography_problems(printed) == []


def test_typography_check_catches_straight_quotes_and_dashes():
    assert typography_problems(["In duo's of trio's", "Een ‘goede’ relatie – samen", "5–6 woorden"]) == []
    assert len(typography_problems(['Een "goede" relatie', "Een 'goede' relatie", "Start - Ervaringen",
                                     "Wacht..."])) == 4


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


def test_handout_has_two_sides_and_room_to_write(site_dir):
    handout = soup(site_dir, "workshop/handout").select_one(".ws-handout")
    pages = handout.select(".ws-handout__page")
    assert len(pages) == 2
    steps = handout.select(".ws-hstep")
    assert len(steps) == len(HEADINGS)
    for number, block in enumerate(steps, start=1):
        assert block.select(".ws-lines"), f"step {number} has no room to write"
    assert "z.o.z." in pages[0].get_text()
    assert [s.select_one(".ws-hstep__title span").get_text() for s in pages[1].select(".ws-hstep")] \
        == [HEADINGS[3], HEADINGS[4], HEADINGS[5]], "steps 3 to 5 are on the back"
    assert {a["href"] for a in handout.select("a")} >= set(LINKS)


def test_timer_data_and_panels_match_the_steps(site_dir):
    timer = soup(site_dir, "workshop/timer")
    payload = json.loads(timer.select_one("#ws-timer-data")["data-json"])
    assert payload["steps"] == {str(n): h.split(": ", 1)[1].removesuffix(" (optioneel)") for n, h in HEADINGS.items()}
    assert [s["minutes"] for s in payload["variants"]["70"]] == list(MINUTES.values())
    assert [s["number"] for s in payload["variants"]["60"]] == [1, 2, 3, 5]
    assert sum(s["minutes"] for s in payload["variants"]["90"]) == 90
    panels = timer.select(".ws-timer__panel")
    assert len(panels) == len(HEADINGS)
    for number, panel in enumerate(panels, start=1):
        assert panel.h2.get_text() == HEADINGS[number]
        text = " ".join(panel.get_text(" ").split())
        assert f"{MINUTES[number]} minuten" in text
        for item in SHEET_BLOCKS[number]:
            assert item in text, (number, item)


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
    # Material navigates instantly only to URLs in sitemap.xml (the site is built with the test
    # server's address as SITE_URL); a click before the sitemap has arrived reloads the page.
    page.clock.install()
    with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
        page.goto(base_url + "workshop/", wait_until="load")
    page.evaluate("window.__sameDocument = true")
    to_timer = page.locator("article a[href$='timer/']").first
    to_timer.click()
    page.wait_for_url(re.compile(r"/workshop/timer/(#[\w-]*)?$"))  # navigation.tracking may add a section
    page.locator("[data-ws-timer]").wait_for()
    page.get_by_role("link", name="workshop De bouwstenen").click()  # the timer tears down
    page.wait_for_url(re.compile(r"/workshop/$"))
    to_timer.click()
    page.wait_for_url(re.compile(r"/workshop/timer/(#[\w-]*)?$"))  # navigation.tracking may add a section
    page.locator("[data-ws-timer]").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "expected instant navigation"
    page.keyboard.press("n")  # one listener only: exactly one step on
    assert current_title(page.locator("[data-ws-timer]")) == heading(2)


# --- PDFs (printing every page type: test_print.py) ----------------------------------------------


def pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def test_handout_pdf_is_a4_two_pages_fonts_embedded(pdfs):
    info = pdfinfo(pdfs["handout"])
    assert "(A4)" in info
    assert pdf_page_count(pdfs["handout"]) == 2
    text = " ".join(pdf_text(pdfs["handout"]).split())
    # Long addresses wrap across lines; pdftotext drops a hyphen where one wraps.
    compact = "".join(text.split()).replace("-", "")
    missing = [line for line in HANDOUT
               if (line.replace("-", "") not in compact if line.startswith("http") else line not in text)]
    assert missing == [], "lines of the hand-out missing from its PDF"
    assert "Zoeken" not in text
    assert_fonts_embedded(pdfs["handout"])


def test_guide_pdf_is_a4_fonts_embedded(pdfs):
    assert "(A4)" in pdfinfo(pdfs["guide"])
    text = " ".join(pdf_text(pdfs["guide"]).split())
    assert [h for h in HEADINGS.values() if h not in text] == []
    assert "Zoeken" not in text
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
    assert len(DATA["pdfs"]) == 2
    for entry in DATA["pdfs"]:
        link = page.locator(f"a.ws-download[href$='{Path(entry['file']).name}']")
        assert link.count() == 1
        assert "PDF" in link.inner_text() and "A4" in link.inner_text()
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and response.headers["content-type"] == "application/pdf"


def test_pdfs_are_tagged_with_outline_title_and_language(pdfs, site_dir):
    """Accessible PDFs: tagged (a structure tree for screen readers), an outline (bookmarks), the
    page's title and the document language Dutch."""
    from make_pdfs import pdf_entries  # every `pdfs:` entry of data/*.yml (workshop, zakkaart)
    entries = pdf_entries()
    assert len(pdfs) == len(entries) >= 4
    for entry in entries:
        path = pdfs[entry["key"]]
        info = pdfinfo(path)
        assert re.search(r"^Tagged:\s+yes$", info, re.M), f"{path.name}: not tagged"
        page = site_dir / (entry["page"].removesuffix(".md").removesuffix("index") + ("/" if not entry["page"].endswith("index.md") else "")) / "index.html"
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8")).group(1)
        assert re.search(r"^Title:\s+(.*)$", info, re.M).group(1) == title.replace("&amp;", "&"), path.name
        raw = path.read_bytes()
        catalog = re.search(rb"/Type /Catalog.*?>>\s*endobj", raw, re.S).group(0)
        assert b"/Lang (nl)" in catalog and b"/Outlines" in catalog and b"/StructTreeRoot" in catalog, catalog
        structure = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True).stdout
        assert "Document" in structure and re.search(r"^\s+P\b", structure, re.M), structure[:500]
