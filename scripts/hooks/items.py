"""Item check: the quiz items give no test-wise cues.

Run alone to print the figures per quiz:  .venv/bin/python scripts/hooks/items.py
As a hook it fails the build with `docs/FILE.md:LINE: problem. Fix: …` lines when an item bank
goes over a limit in data/quiz.yml (limits hold for all items together and for the Eindtoets on its
own), or when a spoken option says ‘je’ to a patient who says ‘u’. (The quiz pages' word budget
is with the other budgets in data/word_budgets.yml.)

Figures (options are compared as written, without Markdown marks):
  key longest    single-answer items whose key is the longest option (a tie counts as longest)
  only open      items whose options are mostly things you would say (quoted ‘…’), where every key
                 holds an open question (‘Wat …?’, ‘Hoe …?’) and no wrong option does
  absolute       words such as altijd, nooit, alleen per wrong option, divided by the same per key
Item kinds are marked by a comment on the line after `<quiz>`: `<!-- veiligheid -->` (safety) or
`<!-- afweging -->` (judgement: two defensible options, feedback on the trade-off).
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from datafile import read_text, read_yaml  # same folder: MkDocs puts it on sys.path

log = logging.getLogger("mkdocs.hooks.items")
ROOT = Path(__file__).resolve().parents[2]
SETTINGS = read_yaml(ROOT / "data" / "quiz.yml")

OPTION = re.compile(r"^[-*]\s*\[([xX ]?)\]\s*(.*)$")
KIND = re.compile(r"<!--\s*(veiligheid|afweging)\s*-->")
QUOTE = re.compile(r"[‘“]([^’”]*)[’”]")
WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
INFORMAL = {"je", "jij", "jou", "jouw", "jezelf"}
FORMAL = {"u", "uw", "uzelf"}


@dataclass
class Option:
    line: int
    correct: bool
    text: str


@dataclass
class Item:
    path: str
    line: int
    question: str
    options: list[Option]
    kinds: set[str] = field(default_factory=set)

    @property
    def keys(self) -> list[Option]:
        return [o for o in self.options if o.correct]

    @property
    def wrong(self) -> list[Option]:
        return [o for o in self.options if not o.correct]


def plain(text: str) -> str:
    """Option text without Markdown emphasis, links and inline code marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def front_matter(lines: list[str]) -> tuple[dict, int]:
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return yaml.safe_load("\n".join(lines[1:i])) or {}, i + 1
    return {}, 0


def read_items(path: Path, rel: str) -> tuple[dict, list[Item]]:
    lines = read_text(path).splitlines()
    meta, start = front_matter(lines)
    items, block, opened, fenced = [], [], None, False
    for n, line in enumerate(lines[start:], start=start + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        if line.strip() == "<quiz>":
            opened, block = n, []
        elif line.strip() == "</quiz>" and opened:
            items.append(parse_item(rel, opened, block))
            opened = None
        elif opened:
            block.append((n, line))
    return meta, items


def parse_item(rel: str, tag_line: int, block: list[tuple[int, str]]) -> Item:
    question, options, kinds = [], [], set()
    for n, line in block:
        kinds |= set(KIND.findall(line))
        match = OPTION.match(line)
        if match:
            options.append(Option(n, match.group(1).lower() == "x", plain(match.group(2))))
        elif not options and not KIND.search(line):
            question.append(line.strip())
    return Item(rel, tag_line, " ".join(" ".join(question).split()), options, kinds)


# --- figures -----------------------------------------------------------------------------------


def key_is_longest(item: Item) -> bool:
    return len(item.keys) == 1 and len(item.keys[0].text) >= max((len(o.text) for o in item.wrong), default=0)


def spoken(option: Option) -> list[str]:
    return QUOTE.findall(option.text)


def is_say_item(item: Item) -> bool:
    """Most options are things you would say to the patient (quoted)."""
    return sum(bool(spoken(o)) for o in item.options) * 2 >= len(item.options)


def has_open_question(option: Option) -> bool:
    starters = set(SETTINGS["open_question_words"])
    for said in spoken(option):
        for sentence in re.findall(r"[^.!?…:;]*\?", said):
            words = WORD.findall(sentence.lower())
            if words and words[0] in starters:
                return True
    return False


def key_is_only_open(item: Item) -> bool:
    return (is_say_item(item) and all(has_open_question(k) for k in item.keys)
            and not any(has_open_question(o) for o in item.wrong))


def absolute_count(options: list[Option]) -> int:
    words = set(SETTINGS["absolute_words"])
    return sum(1 for o in options for w in WORD.findall(o.text.lower()) if w in words)


@dataclass
class Figures:
    items: int
    single: int
    longest: int
    say: int
    only_open: int
    abs_wrong: float  # absolute words per wrong option
    abs_key: float    # absolute words per key

    @property
    def longest_pct(self) -> float:
        return 100 * self.longest / self.single if self.single else 0.0

    @property
    def only_open_pct(self) -> float:
        return 100 * self.only_open / self.say if self.say else 0.0

    @property
    def abs_ratio(self) -> float:
        if not self.abs_wrong:
            return 0.0
        return self.abs_wrong / self.abs_key if self.abs_key else float("inf")


def figures(items: list[Item]) -> Figures:
    keys = [k for i in items for k in i.keys]
    wrong = [o for i in items for o in i.wrong]
    single = [i for i in items if len(i.keys) == 1]
    say = [i for i in items if is_say_item(i)]
    return Figures(
        items=len(items),
        single=len(single),
        longest=sum(key_is_longest(i) for i in single),
        say=len(say),
        only_open=sum(key_is_only_open(i) for i in say),
        abs_wrong=absolute_count(wrong) / len(wrong) if wrong else 0.0,
        abs_key=absolute_count(keys) / len(keys) if keys else 0.0,
    )


# --- problems ----------------------------------------------------------------------------------


def address_problems(item: Item) -> list[str]:
    """A patient who says ‘u’ is answered with ‘u’ in every spoken option."""
    said = " ".join(QUOTE.findall(item.question)).lower()
    if not FORMAL & set(WORD.findall(said)):
        return []
    out = []
    for option in item.options:
        informal = sorted(INFORMAL & set(WORD.findall(" ".join(spoken(option)).lower())))
        if informal:
            out.append(f"{item.path}:{option.line}: the patient says ‘u’, this option answers with "
                       f"‘{', '.join(informal)}’. Fix: say ‘u’/‘uw’ in what the option says to the patient.")
    return out


def limit_problems(name: str, items: list[Item]) -> list[str]:
    limits, fig, out = SETTINGS["limits"], figures(items), []
    if fig.longest_pct > limits["key_longest"]:
        culprits = [i for i in items if len(i.keys) == 1 and key_is_longest(i)]
        out += [f"{i.path}:{i.keys[0].line}: the key is the longest option ({name}: {fig.longest} of "
                f"{fig.single} single-answer items, {fig.longest_pct:.0f}%, limit {limits['key_longest']}%). "
                "Fix: make a wrong option at least as long, or the key shorter." for i in culprits]
    if fig.only_open_pct > limits["key_only_open"]:
        culprits = [i for i in items if is_say_item(i) and key_is_only_open(i)]
        out += [f"{i.path}:{i.keys[0].line}: the key is the only open question ({name}: {fig.only_open} of "
                f"{fig.say} items with spoken options, {fig.only_open_pct:.0f}%, limit {limits['key_only_open']}%). "
                "Fix: let a wrong option ask an open question too, or let the key say something else."
                for i in culprits]
    if fig.abs_ratio > limits["absolute_ratio"]:
        words = set(SETTINGS["absolute_words"])
        culprits = [(i, o) for i in items for o in i.wrong if words & set(WORD.findall(o.text.lower()))]
        out += [f"{i.path}:{o.line}: a wrong option says an absolute word ({name}: {fig.abs_wrong:.2f} per wrong "
                f"option against {fig.abs_key:.2f} per key, ratio over {limits['absolute_ratio']}). Fix: drop "
                f"the word here, or use such words in keys where they are true ({', '.join(sorted(words))})."
                for i, o in culprits]
    return out


def collect(docs: Path) -> dict[str, tuple[str, list[Item]]]:
    """Every page with quizzes: src path -> (title, items)."""
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        rel = f"{docs.name}/{path.relative_to(docs).as_posix()}"
        meta, items = read_items(path, rel)
        if items:
            pages[rel] = (str(meta.get("title", rel)), items)
    return pages


def check(docs: Path) -> list[str]:
    pages = collect(docs)
    every = [i for _, items in pages.values() for i in items]
    problems = [p for i in every for p in address_problems(i)]
    problems += limit_problems("all quizzes", every)
    for rel, (_, items) in pages.items():
        if rel.endswith("/eindtoets.md"):
            problems += limit_problems("Eindtoets", items)
    return problems


def table(docs: Path) -> str:
    pages = collect(docs)
    rows = [(rel.split("/")[-1].removesuffix(".md"), figures(items)) for rel, (_, items) in pages.items()]
    rows.append(("all quizzes", figures([i for _, items in pages.values() for i in items])))
    limits = SETTINGS["limits"]
    out = [f"{'quiz':<20}{'items':>6}  {'key longest':>16}  {'key only open q.':>17}  {'absolute wrong/key':>24}",
           f"{'limit':<20}{'':>6}  {'≤ ' + str(limits['key_longest']) + '%':>16}  "
           f"{'≤ ' + str(limits['key_only_open']) + '%':>17}  {'≤ ' + str(limits['absolute_ratio']):>24}"]
    for name, f in rows:
        ratio = "–" if not f.abs_wrong else ("∞" if f.abs_ratio == float("inf") else f"{f.abs_ratio:.1f}")
        out.append(f"{name:<20}{f.items:>6}  {f'{f.longest}/{f.single} {f.longest_pct:3.0f}%':>16}  "
                   f"{f'{f.only_open}/{f.say} {f.only_open_pct:3.0f}%':>17}  "
                   f"{f'{f.abs_wrong:.2f}/{f.abs_key:.2f} = {ratio}':>24}")
    return "\n".join(out)


# --- hook --------------------------------------------------------------------------------------


def on_pre_build(config) -> None:
    from mkdocs.exceptions import PluginError

    docs = Path(config.docs_dir)
    problems = check(docs)
    for problem in problems:
        log.error(problem)
    log.debug("Quiz items:\n%s", table(docs))
    if problems:
        raise PluginError(f"{len(problems)} quiz item problem(s), see above; figures: "
                          "python scripts/hooks/items.py")


def main() -> int:
    docs = ROOT / "docs"
    print(table(docs))
    problems = check(docs)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
