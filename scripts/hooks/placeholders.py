"""Placeholders and hook templates: the one syntax every hook fills, and where its markup lives.

Not a hook itself (mkdocs.yml does not list it); the hooks in this folder import it.

Syntax (README, "Placeholders"): a page's Markdown writes `{{ name }}` or `{{ name ARGUMENT }}`:
a name of small letters, digits and underscores, then at most one argument without spaces
(`{{ workshop_step 3 }}`, `{{ evidence empathie.ci }}`). Each hook fills its own names with
`fill()`; validate.py reports any placeholder that no hook filled.

Markup: a hook passes data to Jinja macros in `overrides/partials/hooks/<hook>.html` (HTML,
autoescaped) or `<hook>.md` (Markdown, not escaped; it may import the HTML macros), rendered
with the theme's Jinja environment (`config.theme.get_env()`), so a design change is a template
change. `macros("workshop.html", config).step(...)` calls one macro.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import jinja2
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[a-z][a-z0-9_]*)(?:[ \t]+(?P<arg>[^\s{}]+))?\s*\}\}")
TEMPLATES = "partials/hooks/"

_envs: dict[int, tuple[object, jinja2.Environment]] = {}  # id(theme) -> (theme, environment)
_theme = None                                                # the build's theme, once a hook passed its config


class Problem(Exception):
    """A filler's complaint about a placeholder: `Problem(what is wrong, how to fix it)`."""

    def __init__(self, problem: str, fix: str):
        super().__init__(problem)
        self.problem, self.fix = problem, fix


# --- filling -------------------------------------------------------------------------------------


def source_of(page, config) -> tuple[str, str]:
    """(name for messages, e.g. docs/over.md; the page's source text)."""
    path = Path(page.file.abs_src_path)
    root = Path(config["config_file_path"]).parent if config else ROOT
    try:
        name = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        name = path.as_posix()
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return name, text


def fill(markdown: str, page, config, fillers: dict[str, Callable[[str | None], str]],
         prefix: str | None = None) -> str:
    """Replace every placeholder named in `fillers` by what its filler returns for the argument.
    A filler raises Problem for a bad argument; a name that starts with `prefix` but has no filler
    is an unknown placeholder. Both stop the build with `file:line: problem. Fix: …`."""

    def replace(match: re.Match) -> str:
        name, arg, text = match.group("name"), match.group("arg"), match.group(0)
        try:
            if name in fillers:
                return fillers[name](arg)
            if prefix and name.startswith(prefix):
                raise Problem(f"unknown placeholder {text}",
                              "use one of: " + ", ".join(f"{{{{ {n} }}}}" for n in fillers))
        except Problem as problem:
            where, source = source_of(page, config)
            at = source.find(text)
            line = source.count("\n", 0, at) + 1 if at >= 0 else 1
            raise PluginError(f"{where}:{line}: {problem.problem}. Fix: {problem.fix}.") from None
        return text

    return PLACEHOLDER.sub(replace, markdown)


def no_argument(name: str, render: Callable[[], str]) -> Callable[[str | None], str]:
    """A filler for a placeholder that takes no argument."""

    def filler(arg: str | None) -> str:
        if arg:
            raise Problem(f"`{name}` takes no argument", f"write {{{{ {name} }}}}")
        return render()

    return filler


# --- templates -----------------------------------------------------------------------------------


def environment(config=None) -> jinja2.Environment:
    """The theme's Jinja environment, as an overlay that autoescapes .html templates (and not .md
    ones) and keeps its own template cache. Called without a config, it uses the theme of the last
    config it was given (the build's); a hook called from a unit test, before any, gets the theme
    mkdocs.yml names (Material with overrides/)."""
    global _theme
    if config is not None and getattr(config, "theme", None) is not None:
        _theme = config.theme
    elif _theme is None:
        from mkdocs.theme import Theme
        _theme = Theme(name="material", custom_dir=str(ROOT / "overrides"))
    key = id(_theme)
    if key not in _envs or _envs[key][0] is not _theme:
        env = _theme.get_env().overlay(
            autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,      # a line with only a {% tag %} leaves no empty line
            lstrip_blocks=True,
            cache_size=100,
        )
        if len(_envs) > 4:  # `mkdocs serve` loads a new theme on every rebuild
            _envs.clear()
        _envs[key] = (_theme, env)
    return _envs[key][1]


def macros(name: str, config=None):
    """The macros of overrides/partials/hooks/`name` (e.g. "workshop.html"), as attributes."""
    try:
        return environment(config).get_template(TEMPLATES + name).module
    except jinja2.TemplateError as error:
        raise PluginError(f"overrides/{TEMPLATES}{name}: {error}. Fix: correct the template.") from None


def markup(text: str) -> jinja2.utils.markupsafe.Markup:
    """Mark HTML made elsewhere (rendered Markdown, another macro's output) as safe to insert."""
    return jinja2.utils.markupsafe.Markup(text)
