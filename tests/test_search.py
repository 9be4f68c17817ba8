"""Dutch-aware search (overrides/assets/js/search.js + `plugins: search:` in mkdocs.yml).

The table in search_queries.yml: queries a clinician would type, each with the page that must be
among the top three results, typed into the search box of the built site in Chromium. Every query
must hit except the known misses named in KNOWN_MISSES (each with its reason); a known miss that
starts to hit must leave that list. The same table runs against Material's default search settings
(`lang: nl` only), to show what the customisation adds; both rates are printed (pytest -s, or -rA).
Every word of every example question (stop words aside) must find the question: its page or the
Vragenbank is among the results.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

TABLE = yaml.safe_load((Path(__file__).with_name("search_queries.yml")).read_text(encoding="utf-8"))
# Queries that do not find their page today, and why. Every other query must hit.
KNOWN_MISSES: dict[str, str] = {}
STOP_WORDS = set(  # lunr's Dutch stop words, as in search.js: not in the index, not searched
    "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een "
    "eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in "
    "is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat "
    "onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat "
    "werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou".split()
)
PLACEHOLDER = "Typ om te beginnen met zoeken"
# Material's own settings for `lang: nl` (what the plugin writes without our separator).
DEFAULT_CONFIG = {
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000}, "text": {"boost": 1}, "tags": {"boost": 1000000}},
}


def wanted(row: dict) -> list[str]:
    return row.get("pages") or [row["page"]]


def use_material_defaults(page) -> None:
    """Serve this page Material's default search: default index config, no query normaliser."""

    def index(route):
        data = route.fetch().json()
        data["config"].update(DEFAULT_CONFIG)
        for doc in data["docs"]:
            doc.pop("boost", None)  # page-type boosts (scripts/hooks/search.py)
        route.fulfill(json=data)

    page.route("**/search/search_index.json", index)
    page.route("**/assets/js/search.js", lambda route: route.fulfill(body="", content_type="text/javascript"))


def open_search(page, base_url) -> None:
    page.goto(base_url)
    page.locator("input.md-search__input").click()


def top_pages(page, query: str, n: int = 3) -> list[str]:
    """The first `n` result pages for `query`, as site paths ('' for the home page)."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")  # Material reads the query on keyup
    # A function, not an expression string: Playwright would eval the string, which the site's CSP forbids.
    page.wait_for_function("(text) => document.querySelector('.md-search-result__meta').textContent === text",
                           arg=PLACEHOLDER)
    box.fill(query)
    box.press("End")
    page.wait_for_function("(text) => document.querySelector('.md-search-result__meta').textContent !== text",
                           arg=PLACEHOLDER)
    assert meta.text_content() != PLACEHOLDER
    hrefs = page.eval_on_selector_all(  # one item per page; its first link is the page itself
        ".md-search-result__item", f"items => items.slice(0, {n}).map(li => li.querySelector('a').href)"
    )
    base = urlsplit(page.url).path
    return [urlsplit(h).path[len(base):] if urlsplit(h).path.startswith(base) else h for h in hrefs]


# Runs queries straight through Material's search worker (as the search box does, with
# search.js's rewriting of the query) and returns every result page, best first.
SEARCH_ALL = """async queries => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const reply = () => new Promise(done => worker.addEventListener("message", e => done(e.data), {once: true}));
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await reply();
  const pages = {};
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const {data} = await reply();
    pages[query] = data.items.map(group => group[0].location.split("#")[0]);
  }
  worker.terminate();
  return pages;
}"""


def example_questions(page, base_url) -> list[dict]:
    """The Vragenbank's questions: text and the page each comes from."""
    page.goto(base_url + "vragenbank/")
    return page.eval_on_selector_all(".vraag", """els => els.map(el => ({
        text: el.querySelector(".vraag__tekst").textContent,
        source: el.closest("li").querySelector(".vraag-bron a").getAttribute("href")}))""")


def hit_rate(page, base_url) -> tuple[float, dict[str, str]]:
    """Share of the table's queries that find their page, and the misses (query: what came)."""
    open_search(page, base_url)
    misses = {}
    for row in TABLE:
        found = top_pages(page, row["query"])
        if not set(wanted(row)) & set(found):
            misses[row["query"]] = f"{row['query']!r}: want {' or '.join(wanted(row))}, got {found}"
    return 1 - len(misses) / len(TABLE), misses


def test_table_is_big_enough_and_points_to_real_pages(all_pages):
    assert len(TABLE) >= 30
    assert [page for row in TABLE for page in wanted(row) if page not in all_pages] == []


def test_dutch_queries_find_their_page(page, base_url):
    ours, misses = hit_rate(page, base_url)
    default_page = page.context.new_page()
    use_material_defaults(default_page)
    default, _ = hit_rate(default_page, base_url)
    print(f"\nsearch hit rate, top 3 of {len(TABLE)} queries: ours {ours:.0%}, "
          f"Material's default {default:.0%}", *misses.values(), sep="\n  ")
    assert set(KNOWN_MISSES) <= {row["query"] for row in TABLE}, "a known miss is not in the table"
    new = [line for query, line in misses.items() if query not in KNOWN_MISSES]
    assert new == [], "queries that no longer find their page:\n" + "\n".join(new)
    fixed = sorted(set(KNOWN_MISSES) - set(misses))
    assert fixed == [], f"these now find their page: remove them from KNOWN_MISSES: {fixed}"
    assert ours > default, "Material's default search does as well: drop the customisation"
    assert page.console_errors == []


def test_example_questions_are_found_by_each_of_their_words(page, base_url):
    questions = example_questions(page, base_url)
    assert len(questions) >= 30
    sources = {}  # word → pages that show a question with it
    for question in questions:
        for word in re.findall(r"[^\W\d_]+", question["text"].lower()):
            if word not in STOP_WORDS:
                sources.setdefault(word, {"vragenbank/"}).add(question["source"].removeprefix("../"))
    results = page.evaluate(SEARCH_ALL, sorted(sources))
    missed = [word for word, pages in sources.items() if not pages & set(results[word])]
    assert missed == [], "example questions not found by these words of theirs"


NORMALISED = {
    "relatiebreuken": "relatiebreuk",         # plural
    "vraagjes": "vraag",                      # diminutive
    "balletje": "bal",
    "gesprekken": "gesprek",                  # doubled consonant
    "taken": "tak taak",                      # long vowel in the singular
    "afstemming": "afstem",                   # -ing
    "veiligheid": "veilig",                   # -heid
    "evalueren": "evalu",                     # verb and noun share a stem: evaluatie
    "flexibel": "flexib",                     # flexibiliteit
    "werkrelaties": "werkrelat",              # the separator then splits werk|relat
    "Hoe ervaar je onze samenwerking?": "ervaar samenwerk",  # stop words dropped
    "handouts": "hand out",                   # Dutch writes hand-out
    "+breuk -relatie": "+breuk -relatie",     # search syntax passes unchanged
    "de": "de",                               # only stop words: left alone
}


def test_query_normaliser(page, base_url):
    """search.js's dutchSearchQuery on each query above, in one page."""
    page.goto(base_url, wait_until="load")
    sent = page.evaluate("queries => Object.fromEntries(queries.map(q => [q, dutchSearchQuery(q)]))",
                         list(NORMALISED))
    assert len(sent) == len(NORMALISED) == 14
    assert sent == NORMALISED


def test_every_page_has_its_own_meta_description(site_dir, all_pages):
    """Search engines (and Lighthouse's SEO audit) show it under the page title."""
    descriptions = {}
    for url in all_pages:
        html = (site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url)
        found = re.search(r'<meta name="description" content="([^"]+)"', html.read_text(encoding="utf-8"))
        descriptions[url] = found and found.group(1)
    assert [url for url, text in descriptions.items() if not text] == []
    texts = list(descriptions.values())
    assert sorted({t for t in texts if texts.count(t) > 1}) == [], "pages share a description"


def test_submit_button_opens_the_best_result_as_enter_does(page, base_url):
    """The search form's submit button (overrides/partials/search.html: HTML_CodeSniffer wants one)
    shows once something is typed and goes where Enter goes; the form never reloads the page."""
    submit = page.locator(".md-search__form button[type=submit]")
    opened = {}
    for how in ("Enter", "button"):
        open_search(page, base_url)
        assert not submit.is_visible() or submit.evaluate("b => getComputedStyle(b).opacity") == "0"
        top_pages(page, "relatiebreuk")
        if how == "Enter":
            page.locator("input.md-search__input").press("Enter")
        else:
            assert submit.get_attribute("aria-label") == "Naar het beste resultaat"
            submit.click()
        page.wait_for_url(lambda url: urlsplit(url).path != urlsplit(base_url).path)
        opened[how] = urlsplit(page.url)
    assert opened["button"].path == opened["Enter"].path, opened
    assert "query=" not in opened["button"].query, "the form was sent to the server"
    assert page.console_errors == []
