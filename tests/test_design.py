"""Design (issue 12), in Chromium: the home page's first screen, whole-card links, card grids
without a lone card. (The evidence table on a phone: test_evidence.py; the badge card:
test_zakkaart.py.)"""

from __future__ import annotations

import pytest

ROUTES = ["Behandelaar", "Trainer", "Student"]


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_home_first_screen_says_what_and_shows_the_three_routes(browser, browser_context_args, base_url,
                                                                  width, height):
    context = browser.new_context(**browser_context_args, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    lead = page.locator("article .home-lead").bounding_box()
    assert lead and lead["y"] + lead["height"] <= height, "the one line about the module is below the fold"
    cards = page.locator("article .routes > ul > li")
    assert cards.count() == len(ROUTES)
    bottom = 0
    for n, route in enumerate(ROUTES):
        card = cards.nth(n)
        box = card.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{route}: not on the first screen ({box})"
        assert card.locator("strong").first.inner_text() == route
        assert card.locator("a").count() == 1, f"{route}: a route card has one link, its first action"
        bottom = max(bottom, box["y"] + box["height"])
    quote = page.locator("article blockquote").first.bounding_box()
    assert quote["y"] > bottom, "the quote comes after the routes"
    context.close()


# Where a point of the card, away from its link's text, lands: the card's link if the whole card
# is clickable. For each card: its links, the element hit at its bottom right corner, its box.
CARDS = """() => [...document.querySelectorAll('article .grid.cards > ul > li')].map(card => {
    const box = card.getBoundingClientRect();
    card.scrollIntoView({block: 'center'});
    const now = card.getBoundingClientRect();
    const hit = document.elementFromPoint(now.right - 4, now.bottom - 4);
    const links = [...card.querySelectorAll('a')];
    return {links: links.map(a => a.textContent.trim()), hitsLink: links.length === 1 && hit === links[0],
            left: box.left, right: box.right, top: box.top + scrollY};
})"""


@pytest.mark.parametrize("path", ["", "elementen/", "tips/"])
def test_cards_are_whole_links_and_fill_their_rows(page, base_url, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + path, wait_until="load")
    cards = page.evaluate(CARDS)
    assert len(cards) >= 3
    for card in cards:
        assert len(card["links"]) == 1 and card["links"][0], f"/{path}: a card has one named link: {card['links']}"
        assert card["hitsLink"], f"/{path}: the card {card['links']} is not clickable as a whole"
    grid = page.locator("article .grid.cards").first.bounding_box()
    last_row = [c for c in cards if abs(c["top"] - cards[-1]["top"]) < 2]
    assert min(c["left"] for c in last_row) - grid["x"] < 2 and grid["x"] + grid["width"] - max(c["right"] for c in last_row) < 2, \
        f"/{path}: the last row of cards does not fill the grid (a lone card)"
    # A click on the card, away from its link's text, follows the link.
    first = page.locator("article .grid.cards > ul > li").first
    target = first.locator("a").evaluate("a => a.href")
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 6, box["y"] + box["height"] - 6)
    page.wait_for_url(target)


@pytest.mark.parametrize("scheme, dark", [("light", False), ("dark", True)])
def test_palette_follows_the_system_scheme(browser, browser_context_args, base_url, site_dir, scheme, dark):
    """Material's palette stylesheet reaches the browser trimmed (scripts/hooks/assets.py keeps
    its dark scheme, drops its named colours): the dark scheme still darkens the page."""
    sheets = list((site_dir / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert len(sheets) == 1, sheets
    css = sheets[0].read_text(encoding="utf-8")
    assert "[data-md-color-scheme=slate]" in css and "data-md-color-primary=indigo" not in css
    context = browser.new_context(**browser_context_args, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    assert sheets[0].name in page.content()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [float(c) for c in background[background.index("(") + 1:-1].split(",")[:3]]
    assert (sum(channels) / 3 < 80) is dark, f"{scheme}: the page background is {background}"
    context.close()
