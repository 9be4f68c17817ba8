"""Every item of the information sheet (shared seed 000_*.txt) is on the built site.

The items are written out here as literal data, on purpose independent of the site's own data
files. Comparison is on normalised text: case, quote marks, dash kinds and whitespace are ignored.
Where the sheet has an obvious typo, the corrected form is checked; each such place has a comment.
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

QUOTE_MARKS = dict.fromkeys(map(ord, "‘’‚‛“”„‟'\"`´"))
DASHES = dict.fromkeys(map(ord, "‐‑‒–—―"), "-")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = text.translate(QUOTE_MARKS).translate(DASHES)
    return " ".join(text.lower().split())


def page_text(html: Path) -> str:
    """The normalised text of a page's content (without navigation, header or footer)."""
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    content = soup.select_one("article.md-content__inner") or soup.body
    for junk in content.select("script, style, .headerlink"):
        junk.decompose()
    for br in content.select("br"):
        br.replace_with(" ")
    return normalise(content.get_text())


def missing(items: dict[str, list[str]], text: str) -> list[str]:
    return [f"  {kind}: {item}" for kind, group in items.items() for item in group
            if normalise(item) not in text]


def test_every_sheet_item_is_on_the_site(site_dir):
    pages = [p for p in sorted(site_dir.rglob("*.html")) if p.name != "404.html"]
    site = "\n".join(page_text(p) for p in pages)
    absent = missing(ITEMS, site)
    total = sum(map(len, ITEMS.values()))
    assert not absent, f"{len(absent)} of {total} sheet items are not on the site:\n" + "\n".join(absent)


def test_every_sheet_question_is_in_the_vragenbank(site_dir):
    bank = page_text(site_dir / "vragenbank" / "index.html")
    absent = missing({"example question": QUESTIONS}, bank)
    assert not absent, (f"{len(absent)} of {len(QUESTIONS)} sheet questions are not in the "
                        "Vragenbank (tag them {.vraag moment=…} on their page):\n" + "\n".join(absent))
