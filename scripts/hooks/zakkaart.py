"""The pocket card (zakkaart): data/zakkaart.yml rendered as the page, its one-page A4 summary and
the badge card (85.6 × 54 mm, front and back, 8 to an A4 sheet with crop marks).

Placeholders on docs/zakkaart.md (syntax: scripts/hooks/placeholders.py):

    {{ zakkaart }}          the seven elements, the questions per moment and the closing sentence
    {{ zakkaart_kop }}      module name, version and date (printed above the A4 summary)
    {{ zakkaart_knoppen }}  the print button and the download buttons of the PDFs
    {{ zakkaart_kaart }}    the card, front and back, as a preview; and the two sheets of eight
                            that print in the `kaartjes` layout (html[data-print=kaartjes])

Markup: overrides/partials/hooks/zakkaart.md and zakkaart.html; layout: assets/css/pages.css.
The card's back carries the one-line safety version from includes/veiligheid.md (`kort`), read
from there, never copied. scripts/make_pdfs.py prints both PDFs from the built page.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from datafile import read_yaml  # same folder: MkDocs puts it on sys.path
from editorial import versions
from placeholders import fill, macros, markup, no_argument
from reviews import dutch_date

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "zakkaart.yml"
SAFETY = ROOT / "includes" / "veiligheid.md"
SAFETY_KORT = re.compile(r"--8<-- \[start:kort\]\n(.*?)\n--8<-- \[end:kort\]", re.S)

# The sheet: A4 portrait, cards of an ID card's size in 2 columns and 4 rows, touching (one cut
# between two cards), centred, so that the back sheet lines up when printed double-sided over the
# long edge (a back sits at the front's place mirrored left to right).
PAGE_W, PAGE_H = 210.0, 297.0
CARD_W, CARD_H = 85.6, 54.0
COLUMNS, ROWS = 2, 4
MARK_GAP, MARK_LEN = 2.0, 6.0   # crop marks: start this far outside the cards, this long

_data: dict = {}


def load(path: Path = DATA) -> dict:
    data = read_yaml(path)
    where = "data/zakkaart.yml"
    elements = data.get("elements") or []
    if len(elements) != 7 or not all(e.get("name") and e.get("text") for e in elements):
        raise PluginError(f"{where}: `elements` must list the seven elements, each with `name` and `text`. "
                          "Fix: complete the list.")
    for moment in data.get("moments") or []:
        if not moment.get("heading") or not moment.get("items") or not all(i.get("text") for i in moment["items"]):
            raise PluginError(f"{where}: every moment needs a `heading` and `items` with a `text`. "
                              f"Fix: complete `{moment.get('heading', '?')}`.")
    if not any(i.get("card") for m in data.get("moments") or [] for i in m["items"]):
        raise PluginError(f"{where}: no item has `card:`, so the card's back has no questions. "
                          "Fix: give the questions for the card a `card:` text.")
    for key in ("card_title", "remember", "pdfs"):
        if not data.get(key):
            raise PluginError(f"{where}: `{key}` is missing. Fix: add it (see the comment at the top).")
    return data


def safety_line() -> str:
    """The one-line safety version, as includes/veiligheid.md writes it."""
    found = SAFETY_KORT.search(SAFETY.read_text(encoding="utf-8"))
    if not found:
        raise PluginError("includes/veiligheid.md: no `kort` section. Fix: keep the lines "
                          "`--8<-- [start:kort]` and `--8<-- [end:kort]` around the one-line version.")
    return found.group(1).strip()


def edition(config) -> str:
    """'De therapeutische relatie in de ggz · versie 1.1, 1 december 2026'"""
    current = versions()[0]
    return f"{config.site_name} · versie {current['version']}, {dutch_date(current['date'])}"


def sheet(back: bool) -> dict:
    """Card positions and crop marks of one sheet, in mm from the page's top left corner."""
    left = (PAGE_W - COLUMNS * CARD_W) / 2
    top = (PAGE_H - ROWS * CARD_H) / 2
    cards = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            x = left + column * CARD_W
            if back:  # mirrored: the back of the card printed at x lands at PAGE_W - x - CARD_W
                x = PAGE_W - x - CARD_W
            cards.append({"x": round(x, 2), "y": round(top + row * CARD_H, 2)})
    xs = [left + c * CARD_W for c in range(COLUMNS + 1)]
    ys = [top + r * CARD_H for r in range(ROWS + 1)]
    bottom, right = top + ROWS * CARD_H, left + COLUMNS * CARD_W
    marks = ([{"x": x, "y": top - MARK_GAP - MARK_LEN, "w": 0, "h": MARK_LEN} for x in xs]
             + [{"x": x, "y": bottom + MARK_GAP, "w": 0, "h": MARK_LEN} for x in xs]
             + [{"x": left - MARK_GAP - MARK_LEN, "y": y, "w": MARK_LEN, "h": 0} for y in ys]
             + [{"x": right + MARK_GAP, "y": y, "w": MARK_LEN, "h": 0} for y in ys])
    return {"back": back, "cards": cards,
            "marks": [{k: round(v, 2) for k, v in mark.items()} for mark in marks]}


def card_questions(data: dict) -> list[tuple[str, list[str]]]:
    return [(m["heading"], [i["card"] for i in m["items"] if i.get("card")])
            for m in data["moments"] if any(i.get("card") for i in m["items"])]


# --- MkDocs events -----------------------------------------------------------------------------

def on_config(config):
    _data.clear()
    _data.update(load())


def on_serve(server, config, builder):
    server.watch(str(DATA))


def on_page_markdown(markdown, page, config, files):
    if "zakkaart" not in markdown:
        return markdown

    def buttons():
        pdfs = [{"label": p["label"], "format": p["format"], "href": get_relative_url(p["file"], page.url or ".")}
                for p in _data["pdfs"]]
        return str(macros("zakkaart.html", config).buttons(pdfs))

    def card():
        return str(macros("zakkaart.html", config).card(
            _data, card_questions(_data), markup(safety_line()), edition(config), [sheet(False), sheet(True)]))

    return fill(markdown, page, config, {
        "zakkaart": no_argument("zakkaart", lambda: str(macros("zakkaart.md", config).summary(_data))),
        "zakkaart_kop": no_argument("zakkaart_kop", lambda: str(macros("zakkaart.html", config).head(edition(config)))),
        "zakkaart_knoppen": no_argument("zakkaart_knoppen", buttons),
        "zakkaart_kaart": no_argument("zakkaart_kaart", card),
    })
