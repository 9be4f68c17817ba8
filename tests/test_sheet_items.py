"""Every item of the information sheet (shared seed 000_*.txt) is on the page where it belongs.

The items are written out here as literal data, on purpose independent of the site's own data
files, each with the page that carries it (PAGES). Comparison is on normalised text: case, quote
marks, dash kinds and whitespace are ignored, because the sheet itself is inconsistent in them.
Where the sheet has an obvious typo, the corrected form is checked; each such place has a comment.
An item that moves to another page fails the test: move it here too, on purpose.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup

ELEMENTS = [
    "Samenwerking en gedeelde doelen",
    "Overeenstemming over taken",
    "Vertrouwen en veiligheid, ook in conflict",
    "Empathie en erkenning",
    "Afstemming en flexibiliteit",
    "Bespreekbaarheid van de relatie",
    "Aandacht voor eerdere hulpverlenerservaringen",
]

BENEFITS = [
    "Versterkt motivatie, vertrouwen en veerkracht",
    "Biedt veiligheid — ook als het schuurt",
    "Versterkt de effectiviteit van interventies",
    "Maakt ruimte voor moeilijke gesprekken",
    "Vormt het fundament voor evaluatie en afsluiting",
    "Vergroot werkplezier en geeft een gevoel van bekwaamheid bij de professional",
]

TIPS = [
    "Maak de relatie bespreekbaar vanaf het begin",
    "Kom er regelmatig op terug",
    "Overeenstemming over taken",
    "Benoem spanning, afstand of stilstand",
    "Herken en herstel relatiebreuken",
    "Gebruik hulpmiddelen voor feedback",
    "Wees transparant en betrouwbaar",
    "Reflecteer op je eigen positie in de relatie",
    "Gebruik intervisie en teamreflectie",
]

# Example questions and sentences, in sheet order. Each must be on the site and in the Vragenbank.
QUESTIONS = [
    # Element: Bespreekbaarheid van de relatie (the sheet opens the second one with ’, a typo;
    # quote marks are ignored anyway).
    "Hoe ervaar je onze samenwerking?",
    "Wat helpt je in ons contact, en wat niet?",
    # Element: Aandacht voor eerdere hulpverlenerservaringen
    "Hoe werd daar samengewerkt?",
    "Wat werkte wel/niet?",
    # Tip: Maak de relatie bespreekbaar vanaf het begin
    "Goed samenwerken is belangrijk. Laat het me weten als er iets schuurt.",
    "Laten we af en toe stilstaan bij hoe jij ons contact ervaart.",
    # Tip: Kom er regelmatig op terug (sheet typo: the first one lacks its closing quote)
    "Hoe zijn deze gesprekken voor jou?",
    "Heb je het gevoel dat we aan de juiste dingen werken?",
    # Tip: Overeenstemming over taken (sheet typos: the second lacks its closing quote and reads
    # "bij deze taak uit te voeren"; corrected to "om deze taak uit te voeren")
    "Zijn deze oefeningen haalbaar voor jou?",
    "Wat helpt jou om deze taak uit te voeren?",
    # Tip: Benoem spanning, afstand of stilstand. The sheet has ‘Ons contact lijkt wat stroef.
    # Ervaar jij dat ook? of herken jij dat? (no closing quote, "? of" mid-question). Checked as its
    # two parts, so that either correction ("ook? Of herken" / "ook, of herken") counts.
    "Ons contact lijkt wat stroef. Ervaar jij dat ook",
    "of herken jij dat?",
    # Tip: Herken en herstel relatiebreuken
    "Vorige keer leek je je terug te trekken. Zullen we dat bespreken?",
    "Ik denk dat ik je verkeerd begreep, leg nog eens uit?",
    # Tip: Gebruik hulpmiddelen voor feedback
    "Wat vond je van dit gesprek?",
    "Was er iets wat beter kon?",
    # Tip: Wees transparant en betrouwbaar
    "Ik stel deze vraag om beter te begrijpen wat jij nodig hebt.",
    "Ik wil je graag meenemen in mijn overweging om dat onderwerp aan te snijden.",
    # Tip: Reflecteer op je eigen positie in de relatie
    "Wat roept dit contact bij mij op?",
    "Welke rol neem ik hier misschien onbewust in?",
]

# Other sentences of the sheet that must be there word for word.
SENTENCES = [
    # Sheet typo: "Wacht niet tot het escaleert. bespreek" (lower case after the full stop);
    # case is ignored, so the corrected "Bespreek" counts.
    "Wacht niet tot het escaleert. Bespreek wat je signaleert",
    "Session Rating Scale (SRS)",
]

CHALLENGES = [
    "Je wil het graag ‘goed’ doen en vermijdt daardoor kritische onderwerpen",
    "Je ervaart frustratie of machteloosheid maar weet niet hoe je dit moet bespreken met de patiënt "
    "of binnen intervisie",
    "Je merkt afstand of irritatie, maar schuift het voor je uit",
    "Je voelt je onzeker of te verantwoordelijk voor het proces",
]

NORMAL = [
    "Deze gevoelens zijn normaal.",
    "Reflectie, intervisie en openheid helpen om de relatie op koers te houden, ook als het schuurt.",
]

OPENING = [
    "De therapeutische relatie in de ggz",
    "De kwaliteit van de werkrelatie tussen behandelaar en patiënt is één van de krachtigste "
    "voorspellers van succesvolle behandeling.",
    "Het gaat niet alleen om ‘goed contact’, maar om een proces van samenwerking, vertrouwen, "
    "confrontatie én herstel.",
]

CLOSING_QUOTES = [
    "Een goede werkrelatie betekent niet dat het altijd soepel gaat, maar dat je het kunt "
    "bespreken als het schuurt.",
    # The closing statement, checked sentence by sentence (the sheet sets it over several lines).
    "De therapeutische relatie is meer dan ‘goed contact’.",
    "Het is een voortdurend proces van afstemmen, schuren, herstellen en samenwerken.",
    "Juist dáár ligt de sleutel tot verandering.",
]

INSPIRATION = ["Samen wijzer in de GGZ"]

ITEMS = {
    "element": ELEMENTS,
    "benefit": BENEFITS,
    "tip": TIPS,
    "example question": QUESTIONS,
    "sentence": SENTENCES,
    "challenge": CHALLENGES,
    "'normal' box": NORMAL,
    "opening": OPENING,
    "closing quote": CLOSING_QUOTES,
    "inspiration": INSPIRATION,
}

# The page that carries each item (URL path, '' = home), as the site stands (December 2026).
# Items the sheet repeats elsewhere (an element named on a tip page) only count on this page.
ELEMENT_PAGES = ["elementen/samenwerking/", "elementen/taken/", "elementen/vertrouwen/",
                 "elementen/empathie/", "elementen/afstemming/", "elementen/bespreekbaarheid/",
                 "elementen/eerdere-ervaringen/"]
TIP_PAGES = ["tips/bespreekbaar-vanaf-begin/", "tips/regelmatig-terugkomen/", "tips/taken-afstemmen/",
             "tips/spanning-benoemen/", "tips/relatiebreuken/", "tips/feedback-hulpmiddelen/",
             "tips/transparant/", "tips/eigen-positie/", "tips/intervisie/"]
QUESTION_PAGES = (["elementen/bespreekbaarheid/"] * 2 + ["elementen/eerdere-ervaringen/"] * 2
                  + ["tips/bespreekbaar-vanaf-begin/"] * 2 + ["tips/regelmatig-terugkomen/"] * 2
                  + ["tips/taken-afstemmen/"] * 2 + ["tips/spanning-benoemen/"] * 2
                  + ["tips/relatiebreuken/"] * 2 + ["tips/feedback-hulpmiddelen/"] * 2
                  + ["tips/transparant/"] * 2 + ["tips/eigen-positie/"] * 2)
PAGES = {
    "element": ELEMENT_PAGES,
    "benefit": [""] * len(BENEFITS),
    "tip": TIP_PAGES,
    "example question": QUESTION_PAGES,
    "sentence": ["tips/spanning-benoemen/", "tips/feedback-hulpmiddelen/"],
    "challenge": ["uitdagingen/"] * len(CHALLENGES),
    "'normal' box": ["uitdagingen/"] * len(NORMAL),
    "opening": [""] * len(OPENING),
    "closing quote": [""] * len(CLOSING_QUOTES),
    "inspiration": ["bronnen/"],
}

QUOTE_MARKS = dict.fromkeys(map(ord, "‘’‚‛“”„‟'\"`´"))
DASHES = dict.fromkeys(map(ord, "‐‑‒–—―"), "-")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = text.translate(QUOTE_MARKS).translate(DASHES)
    return " ".join(text.lower().split())


def page_text(html: Path) -> str:
    """The normalised text of a page's content (without navigation, header or footer)."""
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    content = soup.select_one("article.md-content__inner")
    assert content is not None, f"{html}: no article"
    for junk in content.select("script, style, .headerlink"):
        junk.decompose()
    for br in content.select("br"):
        br.replace_with(" ")
    return normalise(content.get_text())


def test_every_item_has_one_page():
    assert {kind: len(items) for kind, items in ITEMS.items()} == {kind: len(pages) for kind, pages in PAGES.items()}
    assert sum(map(len, ITEMS.values())) == 58


def test_every_sheet_item_is_on_its_page(site_dir, all_pages):
    texts = {}
    absent = []
    for kind, items in ITEMS.items():
        for item, url in zip(items, PAGES[kind], strict=True):
            assert url in all_pages, f"{kind} {item!r}: page /{url} is not built"
            if url not in texts:
                texts[url] = page_text(site_dir / url / "index.html")
            if normalise(item) not in texts[url]:
                absent.append(f"  {kind} on /{url}: {item}")
    total = sum(map(len, ITEMS.values()))
    assert not absent, f"{len(absent)} of {total} sheet items are not on their page:\n" + "\n".join(absent)


def test_every_sheet_question_is_in_the_vragenbank(site_dir):
    bank = page_text(site_dir / "vragenbank" / "index.html")
    absent = [f"  {question}" for question in QUESTIONS if normalise(question) not in bank]
    assert not absent, (f"{len(absent)} of {len(QUESTIONS)} sheet questions are not in the "
                        "Vragenbank (tag them {.vraag moment=…} on their page):\n" + "\n".join(absent))
