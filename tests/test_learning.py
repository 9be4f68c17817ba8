"""Learning objectives and study load (scripts/hooks/learning.py): every element page states its
objectives from its front matter, the quiz overview states all of them and the study load per
route, and that load is computed from the content (add words, the reading time grows)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import ROOT
from quiztools import OVERVIEW, SETTINGS, flat, front_matter

ELEMENTS = sorted(p for p in (ROOT / "docs" / "elementen").glob("*.md") if p.name != "index.md")


def soup(site_dir, url: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def objectives(path) -> list[str]:
    found = front_matter(path).get("objectives")
    assert isinstance(found, list) and len(found) >= 2, f"{path.name}: no objectives in its front matter"
    return found


def test_element_pages_show_their_objectives_under_kort_gezegd(site_dir):
    assert len(ELEMENTS) == 7
    for path in ELEMENTS:
        article = soup(site_dir, f"elementen/{path.stem}").select_one("article")
        box = article.select_one(".learning-objectives")
        assert box is not None, path.name
        assert box.name == "details" and flat(box.summary.get_text()) == \
            f"Na dit onderdeel kun je ({len(objectives(path))} leerdoelen)"
        assert [flat(li.get_text()) for li in box.select("li")] == [flat(o) for o in objectives(path)]
        previous = box.find_previous_sibling()
        assert "abstract" in previous.get("class", []) and "Kort gezegd" in previous.get_text(), path.name


def test_overview_states_every_objective_and_the_study_load(site_dir):
    article = soup(site_dir, OVERVIEW).select_one("article")
    text = flat(article.get_text(" "))
    assert "Na deze module kun je:" in text
    for path in ELEMENTS:
        for objective in objectives(path):
            assert flat(objective) in text, objective
    table = article.find(id="studielast").find_next("table")
    rows = {flat(tr.find_all("td")[0].get_text()): [flat(td.get_text()) for td in tr.find_all("td")[1:]]
            for tr in table.select("tbody tr")}
    assert list(rows) == ["Lezen", "Zelftoetsen", "Eindtoets", "Samen"]
    for route, (_, time) in rows.items():
        assert re.fullmatch(r"ongeveer (\d+ uur)?( en )?(\d+ minuten)?", time), (route, time)
    # The quiz routes count the questions on the built quiz pages.
    quizzes = exam = 0
    for page in sorted((site_dir / "zelftoetsen").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        count = len(re.findall(r'<div class="quiz"[^>]* id="quiz-', html))
        if 'data-hand-in="true"' in html.split('id="quiz-config"', 1)[1][:200]:
            exam += count
        else:
            quizzes += count
    assert quizzes >= 40 and exam >= 15
    assert rows["Zelftoetsen"][0].startswith(f"8 zelftoetsen met samen {quizzes} vragen")
    assert rows["Eindtoets"][0].startswith(f"{exam} vragen")
    per_item = SETTINGS["minutes_per_item"]
    assert rows["Eindtoets"][1] == minutes_text(exam * per_item)
    assert rows["Zelftoetsen"][1] == minutes_text(quizzes * per_item)
    words = int(re.search(r"([\d.]+) woorden", rows["Lezen"][0])[1].replace(".", ""))
    assert words > 5000 and f"bij {SETTINGS['words_per_minute']} woorden per minuut" in rows["Lezen"][0]
    assert rows["Lezen"][1] == minutes_text(words / SETTINGS["words_per_minute"])
    # Quiz pages state their own size the same way.
    intro = flat(soup(site_dir, "zelftoetsen/eindtoets").select_one("article").get_text(" "))
    assert f"Omvang: {exam} vragen, {minutes_text(exam * per_item)}." in intro
    assert f"Heb je {SETTINGS['pass_mark']}% goed" in intro


def minutes_text(minutes: float) -> str:
    """The study load's rounding (to 5 minutes), written out independently of learning.py."""
    total = max(5, int(minutes / 5 + 0.5) * 5)
    hours, rest = divmod(total, 60)
    parts = ([f"{hours} uur"] if hours else []) + ([f"{rest} minuten"] if rest else [])
    return "ongeveer " + " en ".join(parts)


def reading_row(site_dir) -> tuple[int, str]:
    table = soup(site_dir, OVERVIEW).find(id="studielast").find_next("table")
    cells = [flat(td.get_text()) for td in table.select("tbody tr")[0].find_all("td")]
    return int(re.search(r"([\d.]+) woorden", cells[1])[1].replace(".", "")), cells[2]


def test_study_load_follows_the_content(build_with, site_dir, tmp_path):
    words, _ = reading_row(site_dir)
    extra = SETTINGS["words_per_minute"] * 30  # half an hour more to read
    page = (ROOT / "docs" / "achtergrond.md").read_text(encoding="utf-8")
    proc = build_with({"docs/achtergrond.md": page + "\n\n" + " ".join(["lezen"] * extra) + "\n"})
    assert proc.returncode == 0, proc.output[-3000:]
    changed_words, changed_time = reading_row(tmp_path / "out")
    assert changed_words == words + extra
    assert changed_time == minutes_text(changed_words / SETTINGS["words_per_minute"])


def test_missing_objectives_fail_the_build(build_with):
    path = "docs/elementen/taken.md"
    text = (ROOT / path).read_text(encoding="utf-8")
    broken = re.sub(r"objectives:\n(  - .*\n)+", "objectives:\n  - Uitleggen waarom.\n", text)
    assert broken != text
    proc = build_with({path: broken})
    assert proc.returncode != 0 and "Traceback" not in proc.output
    line = broken.splitlines().index("objectives:") + 1
    assert re.search(rf"{path}:{line}: an element page needs `objectives:`.*Fix:", proc.output), proc.output[-2000:]
