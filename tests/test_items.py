"""The quiz items: the item check (scripts/hooks/items.py) as a command and in the build, the
make-up of the item bank (size, safety and judgement items), the six keys the clinical review
disputed, review dates."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
import yaml

from conftest import ROOT
from quiztools import SETTINGS, front_matter

sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
import items as check  # noqa: E402

DOCS = ROOT / "docs"
QUIZ_DIR = DOCS / "zelftoetsen"


def bank() -> dict[str, list]:
    pages = {rel: found for rel, (_, found) in check.collect(DOCS).items()}
    assert len(pages) >= 9
    return pages


def every_item() -> list:
    return [item for found in bank().values() for item in found]


def feedback(path, line: int) -> str:
    """The `>` feedback line under the option on `line` (1-based)."""
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return lines[line].lstrip("> ").strip()


def item_text(item) -> str:
    """Question, options, feedback and explanation of an item, as written."""
    lines = (ROOT / item.path).read_text(encoding="utf-8").splitlines()
    end = next(n for n in range(item.line, len(lines)) if lines[n].strip() == "</quiz>")
    return " ".join(lines[item.line:end])


# --- the command --------------------------------------------------------------------------------


def test_item_check_command_prints_figures_per_quiz_within_the_limits():
    proc = subprocess.run([sys.executable, "scripts/hooks/items.py"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines() if line.strip()}
    names = [rel.split("/")[-1].removesuffix(".md") for rel in bank()]
    assert set(names) <= set(rows) and "all" in rows
    limits = SETTINGS["limits"]
    for name in names + ["all"]:
        percentages = [int(p) for p in re.findall(r"(\d+)%", rows[name])]
        assert len(percentages) == 2, rows[name]
        if name in ("all", "eindtoets"):
            assert percentages[0] <= limits["key_longest"] and percentages[1] <= limits["key_only_open"], rows[name]
            ratio = re.search(r"= ([\d.]+|–|∞)$", rows[name])[1]
            assert ratio == "–" or (ratio != "∞" and float(ratio) <= limits["absolute_ratio"]), rows[name]


def test_the_figures_count_what_they_say():
    """The cue measures on items built to trip them (so the check cannot pass by measuring nothing)."""
    def item(question: str, options: list[tuple[bool, str]]):
        return check.Item("x.md", 1, question, [check.Option(n + 2, ok, text) for n, (ok, text) in enumerate(options)])

    longest = item("Wat past?", [(True, "Een lang en uitgebreid goed antwoord"), (False, "Kort"), (False, "Ook kort")])
    assert check.key_is_longest(longest)
    said = item("Wat zeg je?", [(True, "‘Wat maakt dat je twijfelt?’"), (False, "‘Klopt dat?’"), (False, "‘Goed zo.’")])
    assert check.is_say_item(said) and check.key_is_only_open(said)
    both = item("Wat zeg je?", [(True, "‘Dat is zwaar: wat heb ik gemist?’"), (False, "‘Hoe gaat het?’")])
    assert check.has_open_question(both.options[0]) and not check.key_is_only_open(both)
    fig = check.figures([longest, said, item("?", [(True, "soms"), (False, "altijd"), (False, "nooit alleen")])])
    assert fig.single == 3 and fig.longest == 2 and fig.only_open == 1 and fig.abs_key == 0 and fig.abs_ratio == float("inf")
    formal = item("Ze zegt: ‘Zegt u het maar.’", [(True, "‘Wat wilt u?’"), (False, "‘Wat wil je?’")])
    problems = check.address_problems(formal)
    assert len(problems) == 1 and problems[0].startswith("x.md:3: the patient says ‘u’")


BAD_EXAM = """---
type: quiz
title: "Eindtoets: De therapeutische relatie"
description: Een kapotte eindtoets om de controle te testen.
element: eindtoets
quiz:
  enabled: true
  hand_in: true
---

# Eindtoets

<!-- mkdocs-quiz intro -->

""" + "".join(textwrap.dedent(f"""\
<quiz>
Een patiënte zegt: ‘Zegt u het maar{n}.’ Wat past?
- [x] ‘Je mag het zelf kiezen, hoor. Wat wil jij het liefst doen, denk je, op dit moment?’
> Goed.
- [ ] ‘Ik kies voor u.’
> Niet goed.
- [ ] Altijd alles zelf bepalen.
> Niet goed.

Uitleg. [Lees meer](../elementen/afstemming.md)
</quiz>

""") for n in range(3)) + "<!-- mkdocs-quiz results -->\n"


def test_cues_and_address_fail_the_build(build_with):
    proc = build_with({"docs/zelftoetsen/eindtoets.md": BAD_EXAM})
    assert proc.returncode != 0
    out = proc.output
    assert "Traceback" not in out
    first_key = BAD_EXAM.splitlines().index(next(l for l in BAD_EXAM.splitlines() if l.startswith("- [x]"))) + 1
    for message in [f"docs/zelftoetsen/eindtoets.md:{first_key}: the patient says ‘u’, this option answers with",
                    f"docs/zelftoetsen/eindtoets.md:{first_key}: the key is the longest option (Eindtoets: 3 of 3",
                    f"docs/zelftoetsen/eindtoets.md:{first_key}: the key is the only open question (Eindtoets: 3 of 3",
                    f"docs/zelftoetsen/eindtoets.md:{first_key + 4}: a wrong option says an absolute word (Eindtoets"]:
        assert message in out, f"missing: {message}\n{out[-3000:]}"
    assert all("Fix:" in line for line in out.splitlines() if "docs/zelftoetsen/eindtoets.md:" in line)


# (The word budget of the quiz pages, with every other budget: data/word_budgets.yml, tests/test_content.py.)


# --- the item bank ------------------------------------------------------------------------------


def test_the_item_bank():
    items = every_item()
    assert len(items) >= 60
    safety = [i for i in items if "veiligheid" in i.kinds]
    judgement = [i for i in items if "afweging" in i.kinds]
    assert len(safety) >= 3 and len(judgement) >= 6
    # Judgement items: two defensible options, each with feedback on what it gains and costs.
    for item in judgement:
        assert len(item.keys) == 2, f"{item.path}:{item.line}"
        for key in item.keys:
            said = feedback(item.path, key.line)
            assert said.startswith("Verdedigbaar") and re.search(r"\b(wel|maar|risico|kost)\b", said, re.I), said
    # Safety items cover suicidality, a crisis or signalling plan, and aggression, as the safety box says.
    safety_text = " ".join(item_text(i) for i in safety)
    for needed in ["gedachten aan zelfdoding", "vergroot het risico niet", "protocol", "113", "0800-0113",
                   "signaleringsplan", "veiligheid", "collega", "meld"]:
        assert needed in safety_text, needed
    # Each quiz page's explanation links name the page to reread; every item has at least 3 options.
    assert all(len(i.options) >= 3 for i in items)


def key_texts(rel: str) -> list[str]:
    return [k.text for item in bank()[rel] for k in item.keys]


def test_the_six_disputed_keys_are_fixed():
    exam = "docs/zelftoetsen/eindtoets.md"
    exam_items = bank()[exam]
    # 1. Letting topics rest is legitimate when agreed with the patient.
    assert any("laten rusten" in k and "afspreken" in k for k in key_texts(exam))
    assert not any("laten rusten" in o.text and "afspreken" not in o.text and o.correct
                   for i in exam_items for o in i.options)
    # 2. Explain the rationale and adjust the pace within the protocol (not: adjust the protocol).
    keys = key_texts("docs/zelftoetsen/afstemming.md")
    assert any("waarom het protocol" in k and "tempo" in k for k in keys)
    assert not any("pas het protocol" in k.lower() for k in keys)
    # 3. Describe before you interpret.
    keys = key_texts("docs/zelftoetsen/eerdere-ervaringen.md")
    assert any(k.startswith("‘Je wordt stil nu ik") for k in keys)
    assert not any("Je voelde je eerder onder druk gezet" in k for k in keys)
    # 4. Name the standstill as a shared question.
    assert any("er verandert weinig" in k and "Hoe kijk jij daarnaar" in k
               for k in key_texts("docs/zelftoetsen/vertrouwen.md"))
    # 5. Marked psychomotor slowing: slow down AND treat it as a clinical signal; long silences are no key.
    slowing = next(i for i in exam_items if "opvallend traag" in i.question)
    assert any("gedachten aan de dood" in k.text for k in slowing.keys)
    assert not any("stilte" in k.text.lower() for k in slowing.keys)
    # 6. No key overstates the evidence: no causal wording in any key of the Eindtoets.
    causal = re.compile(r"effectiever|versterkt|veroorzaakt|verbetert het resultaat|maakt .* effectief", re.I)
    assert not [k for k in key_texts(exam) if causal.search(k) and "niet aangetoond" not in k]
    assert any("hangt samen met" in k for k in key_texts(exam))


def test_address_follows_the_patient():
    """Every item: a patient who says ‘u’ is answered with ‘u’ (the build checks it; here on the bank)."""
    items = every_item()
    formal = [i for i in items if check.FORMAL & set(check.WORD.findall(" ".join(check.QUOTE.findall(i.question)).lower()))]
    assert len(formal) >= 4, "too few items where the patient says ‘u’ to check"
    assert [p for i in items for p in check.address_problems(i)] == []


@pytest.mark.parametrize("path", sorted(p.name for p in QUIZ_DIR.glob("*.md")))
def test_quiz_pages_have_review_dates(path):
    meta = front_matter(QUIZ_DIR / path)
    assert str(meta.get("reviewed")) == "2026-12-01" and str(meta.get("next_review")) == "2027-12-01", path
    keys = list(meta)
    order = ["type", "title", "description", "element", "quiz_page", "objectives", "reviewed", "next_review"]
    listed = [k for k in keys if k in order]
    assert listed == sorted(listed, key=order.index), f"{path}: front matter keys out of order: {keys}"
