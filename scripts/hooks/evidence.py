"""Evidence figures from data/evidence.yml, filled into pages at build time.

Placeholders, usable in any page:

    {{ evidence KEY }}        Dutch phrase: effect, studies, participants, citation
    {{ evidence KEY.FIELD }}  one field: label, k, n, effect, ci, d, g, r, r_equiv, r2,
                              note, citation, apa (r2 = r squared as a percentage)
    {{ evidence_chart }}      bar chart of r per relationship element, with the 95% CI under
                              each bar and k next to it (rows of kind `element`), in HTML/CSS
    {{ evidence_table }}      table with every figure of the 2018 meta-analyses (the chart's
                              text alternative; rows of kind `element` and `training`)
    {{ evidence_references }} those meta-analyses in APA 7, one list item each (sources page)

A g or d without an r of its own is shown with its r equivalent (`r_equiv`, r = d / √(d² + 4)),
so that it can stand next to the r figures. A reference that could not be completed carries
`incomplete` and shows "bron onvolledig" with the reason.

An unknown key or field stops the build, naming file, line and the fix.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.exceptions import PluginError
from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

from placeholders import Problem, fill, macros, markup, no_argument

DATA = Path(__file__).resolve().parents[2] / "data" / "evidence.yml"
REQUIRED = ("label", "k", "k_unit", "effect", "citation", "apa")
FIELDS = ("label", "k", "n", "effect", "ci", "d", "g", "r", "r_equiv", "r2", "note", "citation", "apa")
KINDS = ("element", "training", "other")

_evidence: dict[str, dict] = {}


# --- MkDocs events -----------------------------------------------------------------------------

def on_config(config):
    _evidence.clear()
    _evidence.update(load(DATA))


def on_serve(server, config, builder):
    server.watch(str(DATA))


def on_page_markdown(markdown, page, config, files):
    counter = iter(range(1, 1000))

    def one(arg):
        if not arg:
            raise Problem("placeholder without a key", "write {{ evidence KEY }}")
        try:
            return field(_evidence, arg)
        except LookupError as error:
            problem, _, fix = str(error).partition(". Fix: ")
            raise Problem(problem, fix.rstrip(".")) from None

    return fill(markdown, page, config, {
        "evidence": one,
        "evidence_chart": no_argument("evidence_chart", lambda: chart(_evidence, f"evidence-chart-{next(counter)}")),
        "evidence_table": no_argument("evidence_table", lambda: table(_evidence)),
        "evidence_references": no_argument("evidence_references", lambda: references(_evidence)),
    })


# --- data ----------------------------------------------------------------------------------------

def load(path: Path) -> dict[str, dict]:
    data = read_yaml(path)
    for key, row in data.items():
        missing = [name for name in REQUIRED if row.get(name) in (None, "")]
        if missing:
            raise PluginError(f"{path.name}: '{key}' lacks {', '.join(missing)}. Fix: add them.")
        row.setdefault("kind", "element")
        if row["kind"] not in KINDS:
            raise PluginError(f"{path.name}: '{key}' has kind '{row['kind']}'. Fix: use one of {', '.join(KINDS)}.")
    return data


def of_kind(data: dict, *kinds: str) -> list[dict]:
    return [row for row in data.values() if row["kind"] in kinds]


def plotted_r(row) -> str | None:
    """The r a row is plotted with: its own r, or the r converted from its g or d."""
    return row.get("r") or row.get("r_equiv")


# --- Dutch formatting -----------------------------------------------------------------------------

def number(value) -> str:
    """Whole numbers with a point for thousands (6.138), as Dutch writes them."""
    return f"{int(value):,}".replace(",", ".")


def interval(ci) -> str:
    return f"95%-BI [{ci[0]}, {ci[1]}]"


def effect(row) -> str:
    parts = [row["effect"] + (f" (≈ r = {row['r_equiv']})" if row.get("r_equiv") else "")]
    if row.get("ci"):
        parts.append(interval(row["ci"]))
    if row.get("note"):
        parts.append(row["note"])
    return ", ".join(parts)


def participants(row) -> str:
    if not row.get("n"):
        return ""
    more = "meer dan " if row.get("n_more_than") else ""
    return f"{more}{number(row['n'])} {row['n_unit']}"


def sample(row) -> str:
    return ", ".join(filter(None, [f"{number(row['k'])} {row['k_unit']}", participants(row)]))


def explained_variance(row) -> str:
    if not row.get("r"):
        raise LookupError("r2 needs an r, and this element has none.")
    return f"{round(float(row['r']) ** 2 * 100)}%"


def field(data: dict, arg: str) -> str:
    key, _, name = arg.partition(".")
    if key not in data:
        raise LookupError(
            f"unknown evidence key '{key}'. Fix: use one of {', '.join(data)} "
            f"(or add it to data/evidence.yml)."
        )
    row = data[key]
    if not name:
        return f"{effect(row)}; {sample(row)}; {row['citation']}"
    if name not in FIELDS:
        raise LookupError(f"unknown evidence field '{name}'. Fix: use one of {', '.join(FIELDS)}.")
    if name == "r2":
        return explained_variance(row)
    if name == "ci" and row.get("ci"):
        return interval(row["ci"])
    if name in ("k", "n") and row.get(name):
        return number(row[name])
    if row.get(name) in (None, ""):
        raise LookupError(f"'{key}' has no {name} in data/evidence.yml. Fix: pick another field.")
    if name == "apa":
        return apa(row)
    return " ".join(str(row[name]).split())


def apa(row) -> str:
    """The APA reference, its English text marked as such (WCAG 3.1.2), plus a visible Dutch
    "bron onvolledig" note where a part could not be verified."""
    return str(macros("evidence.html").apa(markup(" ".join(row["apa"].split())), row.get("incomplete")))


def references(data: dict) -> str:
    unique = {}
    for row in of_kind(data, "element", "training"):
        unique.setdefault(" ".join(row["apa"].split()), apa(row))
    return str(macros("evidence.md").references([markup(unique[key]) for key in sorted(unique)]))


# --- table ---------------------------------------------------------------------------------------

def table(data: dict) -> str:
    """HTML table with a caption, in a focusable region so keyboard users can scroll it."""
    rows = []
    for row in of_kind(data, "element", "training"):
        figures = effect(row)
        for other in ("d", "g"):
            if row.get(other) and not row["effect"].startswith(other):
                figures += f"; {other} = {row[other]}"
        rows.append({"label": row["label"], "studies": f"{number(row['k'])} {row['k_unit']}",
                     "participants": participants(row) or "niet vermeld", "figures": figures,
                     "citation": row["citation"]})
    return str(macros("evidence.html").table(rows))


# --- chart ---------------------------------------------------------------------------------------

AXIS_MAX = 0.5  # the chart's scale runs from r = 0 to .5


def two_decimals(value) -> str:
    """The chart's one number format: r to two decimals, without the leading zero (.28)."""
    return f"{float(value):.2f}".removeprefix("0")


def why_not_plotted(row) -> str:
    if row["kind"] == "training":
        return "geen relatie-element, zie de tabel"
    return "geen enkelvoudige effectgrootte, zie de tabel"


def chart(data: dict, uid: str) -> str:
    """Horizontal bar chart of r per element with the 95% CI where given, drawn in HTML and CSS so
    that it reflows on a phone (overrides/partials/hooks/evidence.html). Positions are fractions
    of the scale; the exact figures are the rows' text for screen readers."""
    plotted = [row for row in of_kind(data, "element") if plotted_r(row)]
    left_out = [row for row in of_kind(data, "element", "training") if row not in plotted]
    rows = []
    for row in plotted:
        r = float(plotted_r(row))
        low, high = (float(v) for v in row["ci"]) if row.get("ci") else (None, None)
        label = row["label"] + (f" ({row['note']})" if row.get("note") else "")
        if not row.get("r"):
            label += f" (omgerekend uit {row['effect']})"
        rows.append({
            "label": label, "k": f"k = {number(row['k'])}", "exact": effect(row),
            "value": two_decimals(r) if row.get("r") else f"≈ {two_decimals(r)}",
            "r": round(r / AXIS_MAX, 4), "low": low and round(low / AXIS_MAX, 4),
            "high": high and round(high / AXIS_MAX, 4), "ns": row.get("note") == "niet significant",
        })
    ticks = [("0" if step == 0 else f".{step}", round(step / 10 / AXIS_MAX, 4)) for step in range(6)]
    missing = [(row["label"].lower(), why_not_plotted(row)) for row in left_out]
    return str(macros("evidence.html").chart(uid, rows, ticks, missing))
