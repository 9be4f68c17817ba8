"""Workshop "De bouwstenen": render data/workshop.yml into the workshop pages.

Pages use placeholders such as ``{{ workshop_step 3 }}``; this hook replaces
them, so the guide, the handout, the timeline and the step timer all show the
same steps, titles and minutes. Placeholders (argument in brackets):

    workshop_intro, workshop_goal, workshop_time, workshop_materials,
    workshop_timeline, workshop_variants, workshop_step [N],
    workshop_minutes [N], workshop_total [VARIANT], workshop_link [KEY],
    workshop_reading, workshop_downloads, workshop_download [PDF KEY],
    workshop_handout,
    workshop_timer, workshop_timer_data
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

DATA = "data/workshop.yml"
PLACEHOLDER = re.compile(r"\{\{\s*workshop_(\w+)(?:[ \t]+([^}\s]+))?\s*\}\}")

_root: Path = Path(".")
_data: dict = {}


# ---------------------------------------------------------------- data

class DataError(Exception):
    pass


def load(root: Path) -> dict:
    """Read and check data/workshop.yml; raise DataError naming the fix."""
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
    keys = [v["key"] for v in data.get("variants", [])]
    if data.get("default_variant") not in keys:
        raise DataError(f"default_variant must be one of {keys}")
    for variant in data["variants"]:
        unknown = set(variant.get("extra", {})) - set(numbers)
        if unknown:
            raise DataError(f"variant {variant['key']}: `extra` names unknown steps {sorted(unknown)}")
        if str(variant_total(data, variant)) != variant["key"]:
            raise DataError(
                f"variant {variant['key']} adds up to {variant_total(data, variant)} minutes; "
                "make its key and label match the sum of the steps"
            )
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


# ---------------------------------------------------------------- helpers

def esc(text: str) -> str:
    return html.escape(str(text).strip(), quote=True)


def icon(name: str) -> str:
    """Inline one of Material's bundled SVG icons (decorative)."""
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{name}.svg"
    svg = path.read_text(encoding="utf-8").strip()
    return f'<span class="ws-icon" aria-hidden="true">{svg}</span>'


def md_link(link: dict) -> str:
    """A Markdown link to an entry of `links:` (with its language, if not Dutch)."""
    lang = f'{{ lang="{link["lang"]}" }}' if link.get("lang") else ""
    return f"[{link['title']}]({link['url']}){lang}"


def lang_attr(link: dict) -> str:
    return f' lang="{esc(link["lang"])}"' if link.get("lang") else ""


def step_heading(step: dict) -> str:
    suffix = " (optioneel)" if step.get("optional") else ""
    return f"Stap {step['number']}: {step['title']}{suffix}"


def sheet_html(data: dict, step: dict, lines: int = 0, heading: str = "") -> str:
    """The sheet's text of one step as HTML; optional writing lines per question."""
    out = [heading] if heading else []
    for block in step["sheet"]:
        lead = f"<strong>{esc(block['form'])}:</strong> " if block.get("form") else ""
        out.append(f"<p>{lead}{esc(block['text'])}</p>")
        if block.get("link"):
            link = data["links"][block["link"]]
            out.append(f'<p class="ws-link"><a href="{esc(link["url"])}"{lang_attr(link)}>'
                       f'{esc(link["title"])}</a></p>')
        if block.get("questions"):
            items = "".join(
                f"<li><span>{esc(q)}</span>{writing_lines(lines)}</li>" for q in block["questions"]
            )
            out.append(f'<ul class="ws-questions">{items}</ul>')
    return "".join(out)


def writing_lines(count: int, numbered: bool = False) -> str:
    if not count:
        return ""
    if numbered:
        items = "".join(f"<li><span>{i}.</span></li>" for i in range(1, count + 1))
        return f'<ol class="ws-lines ws-lines--numbered" aria-hidden="true">{items}</ol>'
    return f'<div class="ws-lines" aria-hidden="true">{"<span></span>" * count}</div>'


def url_to(page, src: str) -> str:
    """Relative URL from the page being built to another site file."""
    if src.endswith(".md"):
        src = src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/"
    return get_relative_url(src, page.url or ".")


# ---------------------------------------------------------------- renderers
# Each takes (data, arg, page) and returns Markdown or raw HTML.

def r_intro(data, arg, page):
    return data["intro"].strip()


def r_goal(data, arg, page):
    return f"**Doel:** {data['goal'].strip()}"


def r_time(data, arg, page):
    return f"**Tijdsindicatie:** {data['time_indication'].strip()}"


def r_materials(data, arg, page):
    items = []
    for m in data["materials"]:
        items.append(f"- {m.get('now', m['sheet']).strip()}")
    changed = [m for m in data["materials"] if m.get("now")]
    note = "".join(
        f"\n\nOp het werkblad staat: ‘{m['sheet']}’." for m in changed
    )
    return "\n".join(items) + note


def r_timeline(data, arg, page):
    guide = data["pages"]["guide"]
    base = "" if page.file.src_uri == guide else url_to(page, guide)
    short, full = total(data, False), total(data, True)
    skipped = " en ".join(f"stap {s['number']}" for s in data["steps"] if s.get("optional"))
    start_all = start_short = 0
    items = []
    for step in data["steps"]:
        minutes = step["minutes"]
        span = f"{start_all}–{start_all + minutes} min"
        if step.get("optional"):
            span += " (optioneel)"
        elif start_short != start_all:
            span += f" (zonder {skipped}: {start_short}–{start_short + minutes})"
        cls = "ws-timeline__step ws-timeline__step--optional" if step.get("optional") else "ws-timeline__step"
        items.append(
            f'<li class="{cls}" style="--ws-minutes: {minutes}">'
            f'<span class="ws-timeline__time">{esc(span)}</span>'
            f'<span class="ws-timeline__body"><a href="{base}#stap-{step["number"]}">'
            f'<strong>{esc(step_heading(step))}</strong></a>'
            f'<span class="ws-timeline__meta">{minutes} minuten · {esc(step["form"])}</span></span></li>'
        )
        start_all += minutes
        if not step.get("optional"):
            start_short += minutes
    caption = (
        f"De stappen duren samen {short} minuten zonder {skipped} en {full} minuten met {skipped}. "
        f"Met ontvangst en uitloop past de sessie in {data['time_indication'].split('(')[0].strip()}."
    )
    return (
        f'<figure class="ws-timeline"><ol class="ws-timeline__list">{"".join(items)}</ol>'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def r_variants(data, arg, page):
    variants = data["variants"]
    head = "| Stap | " + " | ".join(v["label"] for v in variants) + " |"
    rule = "| --- |" + " ---: |" * len(variants)
    rows = []
    for step in data["steps"]:
        cells = []
        for v in variants:
            minutes = dict((s["number"], m) for s, m in variant_steps(data, v)).get(step["number"])
            cells.append(f"{minutes} min" if minutes else "—")
        rows.append(f"| {step_heading(step)} | " + " | ".join(cells) + " |")
    rows.append("| **Totaal** | " + " | ".join(f"**{variant_total(data, v)} min**" for v in variants) + " |")
    return "\n".join([head, rule, *rows])


def r_step(data, arg, page):
    step = data["steps"][int(arg) - 1]
    meta = (
        f'<p class="ws-meta"><span>{icon("clock-outline")}{step["minutes"]} minuten</span>'
        f'<span>{icon("account-group-outline")}Werkvorm: {esc(step["form"])}</span></p>'
    )
    sheet = sheet_html(data, step)
    result = f"**Wat levert het op?** {step['result'].strip()}"
    return "\n\n".join([
        f"## {step_heading(step)} {{#stap-{step['number']}}}",
        meta,
        f'<div class="admonition quote ws-sheet"><p class="admonition-title">Op het werkblad</p>{sheet}</div>',
        result,
    ])


def r_minutes(data, arg, page):
    return str(data["steps"][int(arg) - 1]["minutes"])


def r_total(data, arg, page):
    variant = next(v for v in data["variants"] if v["key"] == arg)
    return str(variant_total(data, variant))


def r_link(data, arg, page):
    return md_link(data["links"][arg])


def r_reading(data, arg, page):
    reading = data["reading"]
    link = data["links"][reading["link"]]
    return (
        f"{reading['lead'].strip()}\n\n"
        f"**{md_link(link)}**  \n{reading['text'].strip()}"
    )


def r_downloads(data, arg, page):
    buttons = []
    for pdf in data["pdfs"]:
        if arg and pdf["key"] != arg:
            continue
        extra = ", om dubbelzijdig te printen" if pdf.get("max_pages") == 2 else ""
        buttons.append(
            f'<a class="md-button ws-download" href="{url_to(page, pdf["file"])}" '
            f'type="application/pdf" download>{icon("download")}'
            f'{esc(pdf["label"])} downloaden <span class="ws-download__format">(PDF, A4{extra})</span></a>'
        )
    return f'<div class="ws-downloads">{"".join(buttons)}</div>'


def r_handout(data, arg, page):
    back_from = data["handout_back_from_step"]
    head = (
        f'<p class="ws-handout__theme">{esc(data["theme"])}</p>'
        f'<p class="ws-handout__title">{esc(data["title"])}</p>'
    )
    front = [
        f'<header class="ws-handout__head">{head}</header>',
        f'<p class="ws-handout__intro">{esc(data["intro"])}</p>',
        '<dl class="ws-handout__facts">'
        f'<div><dt>Doel</dt><dd>{esc(data["goal"])}</dd></div>'
        f'<div><dt>Tijdsindicatie</dt><dd>{esc(data["time_indication"])}</dd></div></dl>',
    ]
    back = [
        f'<header class="ws-handout__head ws-handout__head--back">{head}'
        '<p class="ws-handout__cont">(vervolg stappenplan)</p></header>'
    ]
    for step in data["steps"]:
        hand = step.get("handout", {})
        title = (
            f'<h2 class="ws-hstep__title"><span>{esc(step_heading(step))}</span>'
            f'<span class="ws-hstep__min">{step["minutes"]} min</span></h2>'
        )
        body = sheet_html(data, step, lines=hand.get("lines", 0), heading=title)
        for w in hand.get("write", []):
            body += (
                f'<div class="ws-write"><p class="ws-write__label">{esc(w["label"])}</p>'
                f'{writing_lines(w["lines"], w.get("numbered", False))}</div>'
            )
        cls = "ws-hstep ws-hstep--optional" if step.get("optional") else "ws-hstep"
        section = f'<section class="{cls}">{body}</section>'
        (back if step["number"] >= back_from else front).append(section)
    front.append('<p class="ws-handout__zoz">z.o.z.</p>')
    reading = data["reading"]
    read_link = data["links"][reading["link"]]
    zs = data["links"]["zorgstandaard"]
    back.append(
        '<section class="ws-handout__reading">'
        f'<h2>{esc(reading["heading"])}</h2><p>{esc(reading["lead"])}</p>'
        f'<p><strong{lang_attr(read_link)}>{esc(read_link["title"])}</strong><br>{esc(reading["text"])}</p>'
        '<ul class="ws-handout__urls">'
        f'<li><a href="{esc(zs["url"])}">{esc(zs["url"])}</a></li>'
        f'<li><a href="{esc(read_link["url"])}">{esc(read_link["url"])}</a></li></ul></section>'
    )
    return (
        '<div class="ws-handout">'
        f'<section class="ws-handout__page" aria-label="Voorkant">{"".join(front)}</section>'
        f'<section class="ws-handout__page" aria-label="Achterkant">{"".join(back)}</section>'
        "</div>"
    )


def r_timer_data(data, arg, page):
    payload = {
        "default": data["default_variant"],
        "steps": {s["number"]: s["title"] for s in data["steps"]},
        "variants": {
            v["key"]: [{"number": s["number"], "minutes": m} for s, m in variant_steps(data, v)]
            for v in data["variants"]
        },
    }
    # An attribute, not a <script type="application/json">: Material's instant navigation
    # re-creates inline scripts without their type and would run the JSON as JavaScript.
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f'<div id="ws-timer-data" hidden data-json="{esc(text)}"></div>'


def r_timer(data, arg, page):
    radios = "".join(
        f'<label><input type="radio" name="ws-variant" value="{esc(v["key"])}"'
        f'{" checked" if v["key"] == data["default_variant"] else ""}> {esc(v["label"])}</label>'
        for v in data["variants"]
    )
    panels = []
    for step in data["steps"]:
        sheet = sheet_html(data, step)
        panels.append(
            f'<section class="ws-timer__panel" data-ws-step="{step["number"]}" '
            f'aria-labelledby="ws-timer-title-{step["number"]}">'
            f'<h2 id="ws-timer-title-{step["number"]}">{esc(step_heading(step))}</h2>'
            f'<p class="ws-timer__form"><span data-ws-panel-minutes="{step["number"]}">{step["minutes"]}</span>'
            f' minuten · {esc(step["form"])}</p>'
            f'<div class="ws-timer__sheet">{sheet}</div>'
            f'<p class="ws-timer__result"><strong>Opbrengst:</strong> {esc(step["result"])}</p></section>'
        )
    overview = "".join(
        f'<li data-ws-step="{s["number"]}"><button type="button" data-ws-goto="{s["number"]}">'
        f'<span>Stap {s["number"]}</span> <span data-ws-minutes>{s["minutes"]} min</span></button></li>'
        for s in data["steps"]
    )

    def button(action, label, key, icons):
        return (
            f'<button type="button" class="md-button" data-ws-action="{action}">'
            f'{"".join(icon(i) for i in icons)}<span data-ws-label>{label}</span> '
            f'<kbd>{key}</kbd></button>'
        )

    controls = "".join([
        button("toggle", "Start", "Spatie", ["play", "pause"]).replace(
            'class="md-button"', 'class="md-button md-button--primary"'),
        button("prev", "Vorige", "P", ["skip-previous"]),
        button("next", "Volgende", "N", ["skip-next"]),
        button("reset", "Opnieuw", "R", ["restore"]),
        button("fullscreen", "Volledig scherm", "F", ["fullscreen"]),
    ])
    return (
        '<div class="ws-timer" data-ws-timer>'
        f'<fieldset class="ws-timer__variants" hidden><legend>Versie van de sessie</legend>{radios}</fieldset>'
        '<div class="ws-timer__head" hidden>'
        '<div class="ws-timer__clockbox">'
        '<p class="ws-timer__pos" data-ws-pos></p>'
        '<div class="ws-timer__clock" role="timer" aria-label="Resterende tijd van deze stap" data-ws-clock>0:00</div>'
        '<div class="ws-timer__bar" aria-hidden="true"><span data-ws-bar></span></div>'
        '<p class="ws-timer__status" data-ws-status></p></div>'
        f'<div class="ws-timer__controls">{controls}</div></div>'
        f'<div class="ws-timer__panels">{"".join(panels)}</div>'
        f'<nav class="ws-timer__overview" aria-label="Stappen" hidden><ol>{overview}</ol></nav>'
        '<p class="visually-hidden" aria-live="polite" data-ws-live></p>'
        "</div>"
    )


RENDERERS = {
    "intro": (r_intro, None), "goal": (r_goal, None), "time": (r_time, None),
    "materials": (r_materials, None), "timeline": (r_timeline, None),
    "variants": (r_variants, None), "step": (r_step, "step"), "minutes": (r_minutes, "step"),
    "total": (r_total, "variant"), "link": (r_link, "link"), "reading": (r_reading, None),
    "downloads": (r_downloads, None), "download": (r_downloads, "pdf"), "handout": (r_handout, None),
    "timer": (r_timer, None), "timer_data": (r_timer_data, None),
}


def check_arg(data: dict, name: str, kind: str | None, arg: str | None) -> str | None:
    """Return a problem description, or None when the argument fits."""
    if kind is None:
        return f"`workshop_{name}` takes no argument; write {{{{ workshop_{name} }}}}" if arg else None
    choices = {
        "step": [str(s["number"]) for s in data["steps"]],
        "variant": [v["key"] for v in data["variants"]],
        "link": list(data["links"]),
        "pdf": [p["key"] for p in data["pdfs"]],
    }[kind]
    if arg not in choices:
        return (f"`workshop_{name}` needs one of {', '.join(choices)} (from {DATA}); "
                f"write e.g. {{{{ workshop_{name} {choices[0]} }}}}")
    return None


# ---------------------------------------------------------------- hooks

def on_config(config):
    global _root
    _root = Path(config.config_file_path).resolve().parent
    return config


def on_pre_build(config):
    global _data
    try:
        _data = load(_root)
    except (DataError, KeyError, TypeError, yaml.YAMLError) as err:
        raise PluginError(f"{DATA}: {err}. Fix the entry in {DATA}.") from err


def on_serve(server, config, builder):
    server.watch(str(_root / DATA))
    return server


def on_page_markdown(markdown, page, config, files):
    if "workshop_" not in markdown:
        return markdown
    source = Path(page.file.abs_src_path)
    raw = source.read_text(encoding="utf-8") if source.exists() else markdown
    where = source.relative_to(_root) if source.is_relative_to(_root) else source

    def line_of(text: str) -> int:
        pos = raw.find(text)
        return raw.count("\n", 0, pos) + 1 if pos >= 0 else 0

    def replace(match: re.Match) -> str:
        name, arg = match.group(1), match.group(2)
        if name not in RENDERERS:
            raise PluginError(
                f"{where}:{line_of(match.group(0))}: unknown placeholder {match.group(0)}. "
                f"Use one of: {', '.join('workshop_' + n for n in RENDERERS)}."
            )
        render, kind = RENDERERS[name]
        problem = check_arg(_data, name, kind, arg)
        if problem:
            raise PluginError(f"{where}:{line_of(match.group(0))}: {match.group(0)}: {problem}.")
        return render(_data, arg, page)

    return PLACEHOLDER.sub(replace, markdown)
