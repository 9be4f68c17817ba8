"""Workshop "De bouwstenen": render data/workshop.yml into the workshop pages.

Pages use placeholders such as ``{{ workshop_step 3 }}`` (the syntax: scripts/hooks/placeholders.py);
this hook replaces them, so the guide, the handout, the timeline and the step timer all show the
same steps, titles and minutes. The markup is in overrides/partials/hooks/workshop.html and
workshop.md. Placeholders (argument in brackets):

    workshop_intro, workshop_goal, workshop_time, workshop_materials,
    workshop_timeline, workshop_variants, workshop_step [N],
    workshop_minutes [N], workshop_total [MINUTES], workshop_link [KEY],
    workshop_reading, workshop_downloads, workshop_download [PDF KEY],
    workshop_handout,
    workshop_timer, workshop_timer_data

A variant's label ("70 minuten") is made from the minutes of its steps, never typed: a variant
names the steps it runs and the minutes it adds; its total is its name (`workshop_total 70`,
`default_variant: 70`).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from datafile import read_text, read_yaml  # same folder: MkDocs puts it on sys.path

from placeholders import Problem, fill, macros

DATA = "data/workshop.yml"

_root: Path = Path(".")
_data: dict = {}


# ---------------------------------------------------------------- data

class DataError(Exception):
    """A problem in data/workshop.yml; `line` is where it is (0: the file as a whole)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def yaml_line(text: str, *path) -> int:
    """Line of the YAML node at `path` (keys and list indexes) in `text`; 0 if not found."""
    node = yaml.compose(text)
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
        if node is None:
            return 0
    return node.start_mark.line + 1


def load(root: Path) -> dict:
    """Read and check data/workshop.yml; raise DataError naming the fix. Each variant gets its
    `total` minutes, `key` (the total as text) and `label` ("70 minuten") from its steps."""
    text = read_text(root / DATA)
    data = read_yaml(root / DATA)
    steps = data.get("steps") or []
    numbers = [s.get("number") for s in steps]
    if numbers != list(range(1, len(steps) + 1)):
        raise DataError(f"steps must be numbered 1, 2, 3… in order (found {numbers})")
    for step in steps:
        for key in ("title", "minutes", "form", "sheet", "result"):
            if not step.get(key):
                raise DataError(f"step {step['number']} has no `{key}`")
        if not isinstance(step["minutes"], int) or step["minutes"] <= 0:
            raise DataError(f"step {step['number']}: `minutes` must be a whole number > 0")
        for block in step["sheet"]:
            if block.get("link") and block["link"] not in data.get("links", {}):
                raise DataError(f"step {step['number']}: link `{block['link']}` is not under `links:`")
    for n, variant in enumerate(data.get("variants") or []):
        typed = [key for key in ("key", "label") if key in variant]
        if typed:
            raise DataError(
                f"variant {n + 1} types `{typed[0]}: {variant[typed[0]]}`, but a variant's name and label are "
                "made from the minutes of its steps. Fix: remove that line; the variant is called by its "
                "total (e.g. `default_variant: 70`, {{ workshop_total 70 }})",
                yaml_line(text, "variants", n, typed[0]))
        unknown = set(variant.get("extra", {})) - set(numbers)
        if unknown:
            raise DataError(f"variant {n + 1}: `extra` names unknown steps {sorted(unknown)}",
                            yaml_line(text, "variants", n, "extra"))
        variant["total"] = variant_total(data, variant)
        variant["key"], variant["label"] = str(variant["total"]), f"{variant['total']} minuten"
    keys = [v["key"] for v in data.get("variants") or []]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise DataError(f"two variants last {twice[0]} minutes. Fix: give each variant other steps or "
                        "`extra` minutes, or remove one", yaml_line(text, "variants"))
    if str(data.get("default_variant")) not in keys:
        raise DataError(f"default_variant must be the minutes of a variant: one of {', '.join(keys)}",
                        yaml_line(text, "default_variant"))
    data["default_variant"] = str(data["default_variant"])
    if data["reading"]["link"] not in data.get("links", {}):
        raise DataError("reading.link must name an entry under `links:`")
    return data


def variant_steps(data: dict, variant: dict) -> list[tuple[dict, int]]:
    """(step, minutes) for every step the variant runs."""
    extra = variant.get("extra", {})
    return [
        (step, step["minutes"] + extra.get(step["number"], 0))
        for step in data["steps"]
        if variant["optional_steps"] or not step.get("optional")
    ]


def variant_total(data: dict, variant: dict) -> int:
    return sum(minutes for _, minutes in variant_steps(data, variant))


def total(data: dict, with_optional: bool) -> int:
    return sum(s["minutes"] for s in data["steps"] if with_optional or not s.get("optional"))


# ---------------------------------------------------------------- fillers
# Each takes (data, arg, page, config) and returns Markdown or HTML made by the macros of
# overrides/partials/hooks/workshop.md and workshop.html.

def step_heading(step: dict) -> str:
    suffix = " (optioneel)" if step.get("optional") else ""
    return f"Stap {step['number']}: {step['title']}{suffix}"


def steps(data: dict) -> list[dict]:
    """The steps, each with its heading, for the templates."""
    return [{**step, "heading": step_heading(step)} for step in data["steps"]]


def url_to(page, src: str) -> str:
    """Relative URL from the page being built to another site file."""
    if src.endswith(".md"):
        src = src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/"
    return get_relative_url(src, page.url or ".")


def md(config):
    return macros("workshop.md", config)


def html(config):
    return macros("workshop.html", config)


def r_intro(data, arg, page, config):
    return data["intro"].strip()


def r_goal(data, arg, page, config):
    return md(config).goal(data["goal"])


def r_time(data, arg, page, config):
    return md(config).time(data["time_indication"])


def r_materials(data, arg, page, config):
    return str(md(config).materials(data["materials"])).strip("\n")


def r_timeline(data, arg, page, config):
    guide = data["pages"]["guide"]
    base = "" if page.file.src_uri == guide else url_to(page, guide)
    short, full = total(data, False), total(data, True)
    skipped = " en ".join(f"stap {s['number']}" for s in data["steps"] if s.get("optional"))
    start_all = start_short = 0
    rows = []
    for step in steps(data):
        minutes = step["minutes"]
        span = f"{start_all}–{start_all + minutes} min"
        if step.get("optional"):
            span += " (optioneel)"
        elif start_short != start_all:
            span += f" (zonder {skipped}: {start_short}–{start_short + minutes})"
        rows.append({"step": step, "span": span, "href": f"{base}#stap-{step['number']}"})
        start_all += minutes
        if not step.get("optional"):
            start_short += minutes
    caption = (
        f"De stappen duren samen {short} minuten zonder {skipped} en {full} minuten met {skipped}. "
        f"Met ontvangst en uitloop past de sessie in {data['time_indication'].split('(')[0].strip()}."
    )
    return html(config).timeline(rows, caption)


def r_variants(data, arg, page, config):
    variants = data["variants"]
    rows = []
    for step in steps(data):
        per_variant = [dict((s["number"], m) for s, m in variant_steps(data, v)).get(step["number"])
                       for v in variants]
        rows.append({"step": step, "minutes": per_variant})
    return str(md(config).variants(variants, rows)).strip("\n")


def r_step(data, arg, page, config):
    return str(md(config).step(steps(data)[int(arg) - 1], data["links"])).strip("\n")


def r_minutes(data, arg, page, config):
    return str(data["steps"][int(arg) - 1]["minutes"])


def r_total(data, arg, page, config):
    return str(next(v["total"] for v in data["variants"] if v["key"] == arg))


def r_link(data, arg, page, config):
    return md(config).md_link(data["links"][arg])


def r_reading(data, arg, page, config):
    reading = data["reading"]
    return str(md(config).reading(reading, data["links"][reading["link"]])).strip("\n")


def r_downloads(data, arg, page, config):
    pdfs = [{"label": pdf["label"], "href": url_to(page, pdf["file"]), "two_sided": pdf.get("max_pages") == 2}
            for pdf in data["pdfs"] if not arg or pdf["key"] == arg]
    return html(config).downloads(pdfs)


def r_handout(data, arg, page, config):
    reading = data["reading"]
    return html(config).handout(data, steps(data), data["handout_back_from_step"], reading,
                                data["links"][reading["link"]], data["links"]["zorgstandaard"])


def r_timer_data(data, arg, page, config):
    payload = {
        "default": data["default_variant"],
        "steps": {s["number"]: s["title"] for s in data["steps"]},
        "variants": {
            v["key"]: [{"number": s["number"], "minutes": m} for s, m in variant_steps(data, v)]
            for v in data["variants"]
        },
    }
    return html(config).timer_data(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))


def r_timer(data, arg, page, config):
    return html(config).timer(data, steps(data), data["variants"], data["default_variant"])


RENDERERS = {
    "intro": (r_intro, None), "goal": (r_goal, None), "time": (r_time, None),
    "materials": (r_materials, None), "timeline": (r_timeline, None),
    "variants": (r_variants, None), "step": (r_step, "step"), "minutes": (r_minutes, "step"),
    "total": (r_total, "variant"), "link": (r_link, "link"), "reading": (r_reading, None),
    "downloads": (r_downloads, None), "download": (r_downloads, "pdf"), "handout": (r_handout, None),
    "timer": (r_timer, None), "timer_data": (r_timer_data, None),
}


def check_arg(data: dict, name: str, kind: str | None, arg: str | None) -> None:
    """Raise placeholders.Problem unless the argument fits the placeholder."""
    if kind is None:
        if arg:
            raise Problem(f"`workshop_{name}` takes no argument", f"write {{{{ workshop_{name} }}}}")
        return
    choices = {
        "step": [str(s["number"]) for s in data["steps"]],
        "variant": [v["key"] for v in data["variants"]],
        "link": list(data["links"]),
        "pdf": [p["key"] for p in data["pdfs"]],
    }[kind]
    if arg not in choices:
        raise Problem(f"`workshop_{name}` needs one of {', '.join(choices)} (from {DATA})",
                      f"write e.g. {{{{ workshop_{name} {choices[0]} }}}}")


# ---------------------------------------------------------------- hooks

def on_config(config):
    global _root
    _root = Path(config.config_file_path).resolve().parent
    return config


def on_pre_build(config):
    global _data
    try:
        _data = load(_root)
    except DataError as err:
        where = f"{DATA}:{err.line}" if err.line else DATA
        fix = "" if "Fix:" in str(err) else f" Fix the entry in {DATA}."
        raise PluginError(f"{where}: {err}.{fix}") from None
    except (KeyError, TypeError, yaml.YAMLError) as err:
        raise PluginError(f"{DATA}: {err}. Fix the entry in {DATA}.") from err


def on_serve(server, config, builder):
    server.watch(str(_root / DATA))
    return server


def on_page_markdown(markdown, page, config, files):
    if "workshop_" not in markdown:
        return markdown

    def filler(name, render, kind):
        def run(arg):
            check_arg(_data, name, kind, arg)
            return str(render(_data, arg, page, config))
        return run

    fillers = {f"workshop_{name}": filler(name, render, kind) for name, (render, kind) in RENDERERS.items()}
    return fill(markdown, page, config, fillers, prefix="workshop_")
