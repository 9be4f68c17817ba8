"""The pocket card (zakkaart, data/zakkaart.yml): the page, its one-page A4 summary and the badge
card, 85.6 × 54 mm, front and back, eight to an A4 sheet with crop marks, the backs at the
fronts' places mirrored so that they line up when printed double-sided over the long edge.
No card's text overflows its card. Both PDFs come from the page (scripts/make_pdfs.py)."""

from __future__ import annotations

import pytest

from conftest import ROOT, pdf_page_count, pdf_text, site_config

MM = 96 / 25.4                      # CSS pixels per millimetre
CARD = (85.6 * MM, 54 * MM)
SHEET = (210 * MM, 296 * MM)        # the sheet is a hair under A4's 297 mm (see pages.css)
SITE_NAME = site_config()["site_name"]  # the institution's, when it has a settings file

# Every card: its box, whether its content is taller or wider than the card, and any text box
# that sticks out of it (measured in Chromium's print layout).
OVERFLOW = """() => [...document.querySelectorAll('.kaart')].filter(card => card.checkVisibility()).map(card => {
    const box = card.getBoundingClientRect();
    const out = [];
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode;
        if (!text.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const r of range.getClientRects()) {
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
                out.push(text.textContent.trim().slice(0, 40));
        }
    }
    const sheet = card.closest('.kaartvel');
    const origin = sheet ? sheet.getBoundingClientRect() : {left: 0, top: 0};
    return {x: box.left - origin.left, y: box.top - origin.top, w: box.width, h: box.height,
            back: card.classList.contains('kaart--achter'), sheet: sheet ? [...document.querySelectorAll('.kaartvel')].indexOf(sheet) : -1,
            taller: card.scrollHeight - card.clientHeight, wider: card.scrollWidth - card.clientWidth, out,
            text: card.innerText};
})"""


@pytest.fixture
def zakkaart(page, base_url):
    page.goto(base_url + "zakkaart/", wait_until="load")
    return page


def test_zakkaart_has_the_seven_elements_and_ten_questions(zakkaart):
    card = zakkaart.locator(".zakkaart")
    assert card.locator("ol > li").count() == 7
    questions = card.locator("li").filter(has_text="‘")
    assert questions.count() >= 10


def test_zakkaart_prints_on_one_a4_page(zakkaart, tmp_path):
    pdf_path = tmp_path / "zakkaart.pdf"
    zakkaart.pdf(path=str(pdf_path), format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf_page_count(pdf_path) == 1
    text = " ".join(pdf_text(pdf_path).split())
    assert "De zeven elementen" in text and "0800-0113" in text and SITE_NAME in text, text[:300]


def cards(page) -> list[dict]:
    page.emulate_media(media="print")
    page.evaluate("document.documentElement.dataset.print = 'kaartjes'")
    return page.evaluate(OVERFLOW)


def test_badge_cards_are_id_card_size_and_no_text_overflows(zakkaart):
    found = cards(zakkaart)
    assert len(found) == 16, "two sheets of eight cards"
    for card in found:
        assert abs(card["w"] - CARD[0]) < 0.6 and abs(card["h"] - CARD[1]) < 0.6, card
        assert card["taller"] <= 0 and card["wider"] <= 0 and card["out"] == [], \
            f"text overflows a {'back' if card['back'] else 'front'}: {card}"
    fronts = [c for c in found if not c["back"]]
    backs = [c for c in found if c["back"]]
    assert {c["sheet"] for c in fronts} == {0} and {c["sheet"] for c in backs} == {1}
    # Dated, with the module's name; the back carries the one-line safety version.
    assert all(SITE_NAME in c["text"] and "versie" in c["text"] for c in fronts)
    assert all("113" in c["text"] and "0800-0113" in c["text"] for c in backs)
    # The screen preview (one front, one back) fits too.
    zakkaart.emulate_media(media="screen")
    zakkaart.evaluate("delete document.documentElement.dataset.print")
    preview = zakkaart.evaluate(OVERFLOW)
    assert len(preview) == 2 and all(c["taller"] <= 0 and c["out"] == [] for c in preview), preview


def test_the_overflow_check_catches_a_card_with_too_much_text(zakkaart):
    zakkaart.evaluate("""() => document.querySelector('.kaartvel--achter .kaart__vragen dd')
        .append(' Een lange zin die niet meer op de achterkant past.'.repeat(6))""")
    assert any(c["out"] or c["taller"] > 0 for c in cards(zakkaart))


def test_backs_line_up_with_fronts_and_crop_marks_sit_outside(zakkaart):
    found = cards(zakkaart)
    fronts = sorted((round(c["x"]), round(c["y"])) for c in found if not c["back"])
    mirrored = sorted((round(SHEET[0] - c["x"] - c["w"]), round(c["y"])) for c in found if c["back"])
    assert len(fronts) == 8 and fronts == mirrored, "a back is not behind its front"
    marks = zakkaart.evaluate("""() => [...document.querySelectorAll('.kaartvel')].map(sheet => {
        const s = sheet.getBoundingClientRect();
        const cards = [...sheet.querySelectorAll('.kaart')].map(c => c.getBoundingClientRect());
        return [...sheet.querySelectorAll('.snijteken')].map(m => {
            const r = m.getBoundingClientRect();
            const inside = cards.some(c => r.left > c.left && r.right < c.right && r.top > c.top && r.bottom < c.bottom);
            return {inside, onPage: r.left >= s.left && r.right <= s.right && r.top >= s.top && r.bottom <= s.bottom};
        });
    })""")
    assert [len(sheet) for sheet in marks] == [16, 16], "a mark at both ends of every cut"
    assert all(m["onPage"] and not m["inside"] for sheet in marks for m in sheet)


def test_zakkaart_pdfs(pdfs):
    cards_pdf, summary = pdfs["kaartjes"], pdfs["samenvatting"]
    assert pdf_page_count(cards_pdf) == 2 and pdf_page_count(summary) == 1
    fronts, backs = (" ".join(pdf_text(cards_pdf, n).split()) for n in (1, 2))
    assert fronts.count("Samenwerking en gedeelde doelen") == 8 and fronts.count(SITE_NAME) == 8
    assert backs.count("0800-0113") == 8 and "Samenwerking en gedeelde doelen" not in backs
    text = " ".join(pdf_text(summary).split())
    assert "De zeven elementen" in text and "0800-0113" in text and "Onthoud" in text
    assert "Zoeken" not in text and "Het kaartje voor je badge" not in text
