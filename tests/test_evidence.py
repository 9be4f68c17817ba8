"""Evidence figures: one data file (data/evidence.yml) feeds text, chart and table.

- Every figure shown in the built chart and table is in data/evidence.yml and in the project's
  reference file (shared/reference/evidence.md, next to the repository; SHARED_DIR=… points
  elsewhere). Outside CI that one check is skipped where the folder is absent; under CI
  (CI=true, as .ci/run sets) a missing reference fails it.
- The chart is an accessible SVG (role img, title, desc) and every element with an r is in it.
- A bad key or field stops the build, naming file and line.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "evidence.yml"
SHARED = Path(os.environ.get("SHARED_DIR") or ROOT.parent / "shared")
REFERENCE = SHARED / "reference" / "evidence.md"
# A figure: 30.000 or 6.138 (Dutch thousands), 295, .278 — not part of a word or a longer number.
FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+(?![\d])|\d+(?![\d.,]\d)|\.\d+)")


def load_hook():
    spec = importlib.util.spec_from_file_location("evidence_hook", ROOT / "scripts/hooks/evidence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(text: str) -> set[str]:
    """Figures in Dutch site text, thousands points removed; '95%' (the CI level) is a label."""
    text = text.replace("95%-BI", "").replace("95%-betrouwbaarheidsinterval", "")
    return {match.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", match) else match
            for match in FIGURE.findall(text)}


def source_figures(text: str) -> set[str]:
    """Figures in a source written the English way (6,138); decimals may lack the leading 0."""
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    found = set(re.findall(r"\d+(?:\.\d+)?|\.\d+", text))
    return found | {f[1:] for f in found if f.startswith("0.")}


@pytest.fixture(scope="module")
def evidence_html(site_dir) -> BeautifulSoup:
    html = (site_dir / "achtergrond" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("figure.evidence-chart .evidence-chart__row"), "no evidence chart on Waarom het werkt"
    assert soup.select_one("table.evidence-tabel__tabel"), "no evidence table on Waarom het werkt"
    return soup


def shown_figures(soup: BeautifulSoup) -> set[str]:
    """Figures in the chart's rows (label, k and the exact figures read out to screen readers; the
    shown values are these rounded, checked in test_chart_is_accessible_and_complete) and in the
    table."""
    chart_text = " ".join(" ".join(t.get_text(" ") for t in row.select(
        ".evidence-chart__label, .evidence-chart__k, .visually-hidden"))
        for row in soup.select("figure.evidence-chart .evidence-chart__row"))
    table_text = soup.select_one("table.evidence-tabel__tabel").get_text(" ")
    return figures(chart_text) | figures(table_text)


def test_every_shown_figure_is_in_the_data_file(evidence_html):
    data_figures = source_figures(DATA.read_text(encoding="utf-8"))
    missing = shown_figures(evidence_html) - data_figures
    assert not missing, f"figures on the page but not in data/evidence.yml: {sorted(missing)}"


def test_every_shown_figure_is_in_the_reference(evidence_html):
    if not REFERENCE.exists():
        message = f"reference file not found at {REFERENCE} (it lives outside the repository; set SHARED_DIR)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + ": under CI the cross-check must run", pytrace=False)
        pytest.skip(message)
    reference_figures = source_figures(REFERENCE.read_text(encoding="utf-8"))
    missing = shown_figures(evidence_html) - reference_figures
    assert not missing, f"figures on the page but not in evidence.md: {sorted(missing)}"


def two_decimals(value: str) -> str:
    return f"{float(value):.2f}".lstrip("0")


def test_chart_is_accessible_and_complete(evidence_html):
    figure = evidence_html.select_one("figure.evidence-chart")
    assert figure.find(id=figure["aria-labelledby"]).get_text(strip=True), "the chart has no name"
    assert figure.select_one("figcaption").get_text(strip=True)
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    # Relationship elements only (a training result is not one), each with its k; a g without
    # an r of its own is plotted as its r equivalent ("≈ .14"). One number format: two decimals.
    elements = [row for row in data.values() if row.get("kind", "element") == "element"]
    plotted = [row for row in elements if row.get("r") or row.get("r_equiv")]
    rows = figure.select(".evidence-chart__row")
    assert len(rows) == len(plotted) >= 7, "fewer bars than relationship elements"
    values = [r.select_one(".evidence-chart__value").get_text() for r in rows]
    assert values == [two_decimals(row["r"]) if row.get("r") else f"≈ {two_decimals(row['r_equiv'])}"
                      for row in plotted]
    assert [r.select_one(".evidence-chart__k").get_text() for r in rows] == [f"k = {row['k']}" for row in plotted]
    # Screen readers hear each row's exact figures, with the interval where there is one.
    for row, element in zip(rows, plotted):
        spoken = row.select_one(".visually-hidden").get_text()
        assert (element.get("r") or element["r_equiv"]) in spoken
        assert all(bound in spoken for bound in element.get("ci") or []), spoken
        assert row.select_one(".evidence-chart__plot")["aria-hidden"] == "true"
    assert not any("Training" in t.get_text() for t in figure.select(".evidence-chart__label"))
    rows = evidence_html.select("table.evidence-tabel__tabel tbody tr")
    assert [r.th.get_text() for r in rows] == [row["label"] for row in data.values()
                                               if row.get("kind", "element") in ("element", "training")]
    assert evidence_html.select_one("table.evidence-tabel__tabel caption").get_text(strip=True)


def test_evidence_table_stacks_on_a_phone(page, base_url):
    """At 390 px the table's rows stack: every column is visible at full width, with its name, and
    nothing scrolls sideways (issue 12)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "achtergrond/", wait_until="load")
    region = page.locator(".evidence-tabel")
    found = region.evaluate("""region => {
        const box = region.getBoundingClientRect();
        const headers = [...region.querySelectorAll('thead th')].map(th => th.textContent.trim());
        const cells = [...region.querySelectorAll('tbody td')].map(td => {
            const r = td.getBoundingClientRect();
            return {label: getComputedStyle(td, '::before').content.replace(/"/g, ''), left: r.left,
                    right: r.right, width: r.width, text: td.textContent.trim()};
        });
        return {sideways: region.scrollWidth - region.clientWidth, width: box.width, left: box.left,
                right: box.right, headers, cells};
    }""")
    assert found["sideways"] <= 0, f"the table scrolls {found['sideways']} px sideways"
    cells = found["cells"]
    assert len(cells) >= 40 and len(cells) % 4 == 0
    assert [c["label"] for c in cells[:4]] == found["headers"][1:], "each cell names its column"
    for cell in cells:
        assert cell["left"] >= found["left"] - 1 and cell["right"] <= found["right"] + 1, cell
        assert cell["width"] >= 0.9 * found["width"], f"a column is squeezed: {cell}"


def test_placeholders_render_dutch_phrases():
    hook = load_hook()
    data = hook.load(DATA)
    assert hook.field(data, "empathie") == (
        "r = .28, 95%-BI [.23, .33]; 82 steekproeven, 6.138 cliënten; Elliott et al., 2018"
    )
    assert hook.field(data, "alliantie.n") == "30.000"
    assert hook.field(data, "alliantie.r2") == "8%"
    assert hook.field(data, "breuktraining.effect") == "r = .11"
    with pytest.raises(LookupError, match="unknown evidence key 'empatie'"):
        hook.field(data, "empatie")
    with pytest.raises(LookupError, match="unknown evidence field 'x'"):
        hook.field(data, "empathie.x")


@pytest.mark.parametrize("placeholder, message", [
    ("{{ evidence empatie }}", "unknown evidence key 'empatie'"),
    ("{{ evidence empathie.effekt }}", "unknown evidence field 'effekt'"),
    ("{{ evidence }}", "placeholder without a key"),
])
def test_bad_placeholder_names_file_and_line(tmp_path, placeholder, message):
    """The hook's own MkDocs event on a page in memory (no build)."""
    hook = load_hook()
    hook.on_config(None)
    source = tmp_path / "docs" / "over.md"
    source.parent.mkdir()
    source.write_text("---\ntitle: Over\n---\n\n# Over\n\nTekst.\n\n" + f"Een zin met {placeholder} erin.\n",
                      encoding="utf-8")
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source)))
    config = {"config_file_path": str(tmp_path / "mkdocs.yml")}
    with pytest.raises(PluginError, match=re.escape(f"docs/over.md:9: {message}")):
        hook.on_page_markdown(source.read_text(encoding="utf-8"), page, config, None)


def test_bad_placeholder_fails_the_build(build_with):
    lines = (ROOT / "docs" / "over.md").read_text(encoding="utf-8").splitlines()
    lines.insert(9, "Een zin met {{ evidence empatie }} erin.")  # becomes line 10
    proc = build_with({"docs/over.md": "\n".join(lines) + "\n"})
    assert proc.returncode != 0
    assert "docs/over.md:10: unknown evidence key 'empatie'" in proc.output, proc.output[-2000:]
