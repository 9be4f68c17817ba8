"""The institution's settings file: checked, and what MkDocs does not apply by itself, applied.

An institution that adopts the module keeps everything local in one small file, `instelling.yml`
in the project's root folder (README, "Adopting the module in your institution"; the example
voorbeeldstad.yml explains every field). It starts with `INHERIT: mkdocs.yml`: MkDocs reads the
module's configuration and lays the institution's values over it. scripts/configfile.py says which
file a build uses. This hook:

- keeps the file local: it may hold SETTINGS and nothing else (a page list or a hook there would
  be lost or conflict at the next upgrade); `site_url` as `!ENV [SITE_URL, "…"]`, so that the
  tests, `./run serve` and `./run lms` can set the address;
- checks the colours (`extra.kleuren`, COLOURS): each must reach WCAG AA text contrast, 4.5:1,
  against what the site puts on or under it; a colour that does not stops the build with the
  setting, its contrast and a colour that would pass. overrides/partials/kleuren.html hands the
  colours to site.css (the module's own colours are there);
- the logo and favicon (`theme.logo`, `theme.favicon`, as in any MkDocs site): files in the
  project, never on another host; one outside docs/ (such as instelling/logo.svg) is copied into
  the site at the same path;
- checks the local links (`extra.lokaal`, LOCAL_LINKS): each an address (https://, http://,
  mailto: or tel:) or empty; scripts/hooks/lokaal.py puts them into the text;
- the editorial roles (`extra.redactie`) are editorial.py's.

Every problem stops the build as `instelling.yml:LINE: problem. Fix: …`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # scripts/: configfile.py
from configfile import MODULE, is_institution_file  # noqa: E402

WHITE = "#ffffff"
SLATE = "#1e2129"  # Material's dark background: hsl(225deg 15% 14%)
AA_TEXT = 4.5

# extra.kleuren: name -> (background it must stand out against, that background in words, what it colours)
COLOURS = {
    "primair": (WHITE, "white", "the header, tabs and buttons (white text on it) and links in the light palette"),
    "accent": (WHITE, "white", "links under the pointer and the focus ring in the light palette"),
    "link_donker": (SLATE, "the dark background", "links in the dark palette"),
    "accent_donker": (SLATE, "the dark background", "links under the pointer and the focus ring in the dark palette"),
}

# extra.lokaal: name -> what it links to. The text links to it where lokaal.py finds `lokaal:NAME`.
LOCAL_LINKS = {
    "crisisprotocol": "the crisis and suicide-prevention protocol",
    "incidentmelding": "incident reporting (MIC/VIM)",
    "klachtenregeling": "the complaints procedure (Wkkgz)",
    "klachtenfunctionaris": "the complaints officer",
    "pvp": "the patiëntenvertrouwenspersoon (pvp)",
    "tolkendienst": "the interpreter service",
    "intervisie": "the intervision and supervision coordinator",
    "opleidingen": "the training department",
    "collegiale_opvang": "peer support for staff after an incident",
}
ADDRESS = re.compile(r"^(https?://[^\s/]+\S*|mailto:[^\s@]+@[^\s@]+|tel:\+?[\d\s()-]{3,})$")
IMAGE = re.compile(r"\.(svg|png|jpe?g|webp|gif|ico)$", re.I)
HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
UNQUOTED_COLOUR = re.compile(r":\s*#[0-9a-fA-F]{3,6}\b")

# What an institution's file may set: None = a value (the editorial roles: editorial.py checks
# their names), a dict = settings of its own, a set = any of these names.
SETTINGS = {
    "INHERIT": None,
    "site_name": None,
    "site_url": None,
    "theme": {"logo": None, "favicon": None},
    "extra": {"short_name": None, "kleuren": set(COLOURS), "redactie": None, "lokaal": set(LOCAL_LINKS)},
}

_copies: list[str] = []  # logo/favicon paths outside docs/, copied into the site


# --- where in the file ---------------------------------------------------------------------------

def _tree(path: Path):
    try:
        return yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return None  # MkDocs itself has already reported a file it cannot read


def _pairs(node):
    return node.value if isinstance(node, yaml.MappingNode) else []


def line_of(path: Path, dotted: str) -> int | None:
    """The line of the setting `a.b.c` in a YAML file, or None when the file does not set it."""
    node = _tree(path)
    for part in dotted.split("."):
        node = next((value for key, value in _pairs(node) if key.value == part), None)
        if node is None:
            return None
    return node.start_mark.line + 1


class Settings:
    """The build's configuration file, for messages: a problem names the file that sets the
    setting (the institution's file, else mkdocs.yml) and its line."""

    def __init__(self, config):
        self.path = Path(config.config_file_path)
        self.root = self.path.parent
        self.name = self.path.name

    def line(self, dotted: str) -> str:
        """The text of the setting's line in the settings file ("" when it is not there)."""
        number = line_of(self.path, dotted)
        return self.path.read_text(encoding="utf-8").splitlines()[number - 1] if number else ""

    def problem(self, dotted: str, problem: str, fix: str) -> PluginError:
        for path in dict.fromkeys((self.path, self.root / MODULE)):
            line = line_of(path, dotted) if path.is_file() else None
            if line:
                return PluginError(f"{path.name}:{line}: {problem}. Fix: {fix}.")
        return PluginError(f"{self.name}: {problem}. Fix: {fix}.")


# --- checks --------------------------------------------------------------------------------------

def check_only_local(settings: Settings) -> None:
    """An institution's file inherits the module's configuration and holds nothing but SETTINGS."""
    tree = _tree(settings.path)
    if tree is None:
        return
    inherit = next((value.value for key, value in _pairs(tree) if key.value == "INHERIT"), None)
    if inherit != MODULE:
        raise PluginError(f"{settings.name}:1: the settings file does not inherit the module's configuration. "
                          f"Fix: add the line `INHERIT: {MODULE}` at its top.")

    def walk(node, allowed, prefix):
        for key, value in _pairs(node):
            name, dotted, line = key.value, prefix + key.value, key.start_mark.line + 1
            if isinstance(allowed, set):  # a set of names: the colours, the local links
                if name not in allowed:
                    raise PluginError(f"{settings.name}:{line}: `{dotted}` is not a setting. Fix: use one of "
                                      f"{', '.join(sorted(allowed))} under `{prefix.rstrip('.')}`, or remove the line.")
                continue
            if name not in allowed:
                raise PluginError(
                    f"{settings.name}:{line}: `{dotted}` is not a local setting; the module's own configuration is "
                    f"{MODULE}, which every upgrade replaces. Fix: remove it from {settings.name} (it may hold "
                    f"{', '.join(allowed_names())}).")
            if allowed[name] is not None:
                walk(value, allowed[name], dotted + ".")

    walk(tree, SETTINGS, "")
    site_url = next((value for key, value in _pairs(tree) if key.value == "site_url"), None)
    if site_url is not None and site_url.tag != "!ENV":
        raise PluginError(
            f"{settings.name}:{site_url.start_mark.line + 1}: `site_url` is written as a plain address; the tests, "
            "`./run serve` and `./run lms` must be able to set it with SITE_URL. Fix: write it as "
            f"site_url: !ENV [SITE_URL, \"{site_url.value if isinstance(site_url.value, str) else 'https://…/'}\"].")


def allowed_names() -> list[str]:
    names = []

    def walk(allowed, prefix):
        for key, sub in allowed.items():
            if isinstance(sub, dict):
                walk(sub, f"{prefix}{key}.")
            elif key != "INHERIT":
                names.append(f"{prefix}{key}")
    walk(SETTINGS, "")
    return names


def rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = map(channel, colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple, b: tuple) -> float:
    """WCAG 2.1 contrast ratio."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def passing_colour(colour: tuple, background: tuple) -> tuple[str, float]:
    """The colour mixed with black (on a light background) or white (on a dark one) in steps of 1%
    until it reaches AA: the nearest colour of the same hue that passes, and its contrast."""
    towards = (0, 0, 0) if luminance(background) > 0.5 else (255, 255, 255)
    for step in range(1, 101):
        mixed = tuple(round(c + (t - c) * step / 100) for c, t in zip(colour, towards))
        ratio = contrast(mixed, background)
        if ratio >= AA_TEXT:
            return "#" + "".join(f"{c:02x}" for c in mixed), ratio
    raise AssertionError  # black on white and white on the dark background both pass


def check_colours(config, settings: Settings) -> dict[str, str]:
    """The colours that are set, as #rrggbb; a colour that is not one or fails AA stops the build."""
    given = (config.extra or {}).get("kleuren") or {}
    if not isinstance(given, dict):
        raise settings.problem("extra.kleuren", "`extra.kleuren` must hold the colours as `name: \"#rrggbb\"` lines",
                               f"use the names {', '.join(COLOURS)}")
    found = {}
    for name, (background, background_words, use) in COLOURS.items():
        dotted = f"extra.kleuren.{name}"
        value = given.get(name)
        if value is None and name in given and UNQUOTED_COLOUR.search(settings.line(dotted)):
            raise settings.problem(dotted, f"`{dotted}` has no value: YAML reads everything after an unquoted # "
                                   "as a comment", f"put the colour in quotes, e.g. {name}: \"#1f4e8c\"")
        if value in (None, ""):
            continue
        if not isinstance(value, str) or not HEX.match(value.strip()):
            raise settings.problem(dotted, f"`{dotted}` is {value!r}, not a colour as #rrggbb",
                                   f"write it in quotes as \"#\" and six hexadecimal digits, e.g. {name}: \"#1f4e8c\"")
        colour = rgb(value.strip())
        ratio = contrast(colour, rgb(background))
        if ratio < AA_TEXT:
            better, better_ratio = passing_colour(colour, rgb(background))
            darker = "darker" if background == WHITE else "lighter"
            raise settings.problem(
                dotted,
                f"`{dotted}` \"{value}\" has a contrast of {ratio:.1f}:1 against {background_words}, and WCAG AA asks "
                f"at least {AA_TEXT}:1 for text (this colour is used for {use})",
                f"choose a {darker} colour, e.g. \"{better}\" ({better_ratio:.1f}:1), or remove the line to keep "
                "the module's colour")
        found[name] = "#" + "".join(f"{c:02x}" for c in colour)
    return found


def check_images(config, settings: Settings) -> list[str]:
    """theme.logo and theme.favicon: files in docs/ or in the project; those outside docs/ to copy."""
    copies = []
    for name in ("logo", "favicon"):
        value = config.theme.get(name)
        if not value or (name == "favicon" and value == "assets/images/favicon.png"):  # Material's own
            continue
        dotted = f"theme.{name}"
        if re.match(r"^([a-z]+:)?//", value, re.I):
            raise settings.problem(dotted, f"`{dotted}` is an address on another host ({value}); the site loads "
                                   "nothing from other hosts", "save the file in the project, e.g. instelling/"
                                   f"{name}.svg, and write that path")
        if not IMAGE.search(value):
            raise settings.problem(dotted, f"`{dotted}` ({value}) is not an image file",
                                   "use an .svg, .png, .jpg, .webp or .ico file")
        relative = Path(value)
        if relative.is_absolute() or ".." in relative.parts:
            raise settings.problem(dotted, f"`{dotted}` ({value}) is outside the project",
                                   "write a path inside the project's folder, e.g. instelling/logo.svg")
        if (Path(config.docs_dir) / relative).is_file():
            continue
        if (settings.root / relative).is_file():
            copies.append(relative.as_posix())
            continue
        raise settings.problem(dotted, f"`{dotted}`: there is no file {value} in the project",
                               f"save the image as {value} (next to {settings.name}), or correct the path")
    return copies


def check_local_links(config, settings: Settings) -> dict[str, str]:
    """The local links that are set: {name: address}."""
    given = (config.extra or {}).get("lokaal") or {}
    if not isinstance(given, dict):
        raise settings.problem("extra.lokaal", "`extra.lokaal` must hold the links as `name: address` lines",
                               f"use the names {', '.join(LOCAL_LINKS)}")
    found = {}
    for name, value in given.items():
        dotted = f"extra.lokaal.{name}"
        if name not in LOCAL_LINKS:
            raise settings.problem(dotted, f"`{dotted}` is not a local link", f"use one of {', '.join(LOCAL_LINKS)}")
        if value in (None, ""):
            continue
        if not isinstance(value, str) or not ADDRESS.match(value.strip()):
            raise settings.problem(dotted, f"`{dotted}` is {value!r}, not an address",
                                   "write a full address starting with https://, or mailto: for an e-mail address, "
                                   "or tel: for a phone number; or leave it empty (\"\") to leave the link out")
        found[name] = value.strip()
    return found


def local_links(config) -> dict[str, str]:
    """{name: address} of the local links this build's settings give (for lokaal.py)."""
    return check_local_links(config, Settings(config))


# --- MkDocs events -------------------------------------------------------------------------------

def on_config(config):
    settings = Settings(config)
    if is_institution_file(settings.path):
        check_only_local(settings)
    check_colours(config, settings)
    check_local_links(config, settings)
    _copies[:] = check_images(config, settings)


def on_files(files, config):
    root = Path(config.config_file_path).parent
    for path in _copies:
        if files.get_file_from_path(path) is None:
            files.append(File(path, src_dir=str(root), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
    return files


def on_serve(server, config, builder):
    """Under `./run serve`: an edit to the module's configuration or the images rebuilds too
    (MkDocs watches only the file it was given)."""
    root = Path(config.config_file_path).parent
    for path in [MODULE, *_copies]:
        if (root / path).exists():
            server.watch(str(root / path))
    return server
