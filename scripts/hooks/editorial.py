"""Who answers for the module, and which version it is.

- Editorial roles: `extra.redactie` (inhoudelijk_verantwoordelijke, redactie, contact) in the
  institution's settings file (instelling.yml; scripts/hooks/instelling.py). `roles()` is the only
  reader. Roles that are empty or not there are left out everywhere.
- Module version: data/changelog.yml, newest first; the first entry is the current version.

Templates get `redactie` (the filled-in roles) and `module_versie` (the current entry); the
footer shows both (overrides/partials/copyright.html). Markdown pages get two placeholders:

    {{ redactie }}      the roles as a list, or a sentence saying they are not filled in yet
    {{ wijzigingen }}   every version with its date and changes (the "Wijzigingen" page)

A malformed role or changelog entry stops the build, naming the file and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from placeholders import fill, macros, no_argument
from reviews import dutch_date  # noqa: E402  (same folder: MkDocs puts it on sys.path)
from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

CHANGELOG = Path(__file__).resolve().parents[2] / "data" / "changelog.yml"
ROLES = {  # key in mkdocs.yml -> Dutch label
    "inhoudelijk_verantwoordelijke": "Inhoudelijk verantwoordelijk",
    "redactie": "Redactie",
    "contact": "Contact",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

CHANGELOG_PAGE = "wijzigingen.md"   # the page that shows {{ wijzigingen }}; the footer links it

_roles: list[dict] = []
_versions: list[dict] = []
_changelog_url: list[str] = []       # that page's URL in this build ("wijzigingen/" or "wijzigingen.html")


def roles(config) -> list[dict]:
    """The filled-in editorial roles, in a fixed order: [{key, label, value, href}]."""
    given = (config.get("extra") or {}).get("redactie") or {}
    settings = Path(config.get("config_file_path") or "mkdocs.yml").name  # the file that sets them
    if not isinstance(given, dict):
        raise PluginError(f"{settings}: `extra: redactie:` must hold the roles as `key: value` lines. "
                          f"Fix: use the keys {', '.join(ROLES)}.")
    unknown = sorted(set(given) - set(ROLES))
    if unknown:
        raise PluginError(f"{settings}: unknown editorial role(s) {', '.join(unknown)} under `extra: redactie:`. "
                          f"Fix: use only {', '.join(ROLES)}.")
    found = []
    for key, label in ROLES.items():
        value = str(given.get(key) or "").strip()
        if value:
            href = f"mailto:{value}" if EMAIL.match(value) else ""
            found.append({"key": key, "label": label, "value": value, "href": href})
    return found


def versions(path: Path = CHANGELOG) -> list[dict]:
    entries = read_yaml(path) or []
    if not isinstance(entries, list) or not entries:
        raise PluginError(f"{path.name}: no versions. Fix: add `- version: \"1.0\"` with `date:` and `changes:`.")
    for number, entry in enumerate(entries, start=1):
        where = f"data/changelog.yml, entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("version"), str):
            raise PluginError(f"{where}: no `version` as text. Fix: write it quoted, e.g. version: \"1.1\".")
        if not isinstance(entry.get("date"), dt.date):
            raise PluginError(f"{where} (version {entry['version']}): `date` is not a date. Fix: write YYYY-MM-DD.")
        changes = entry.get("changes")
        if not isinstance(changes, list) or not changes or not all(isinstance(c, str) and c.strip() for c in changes):
            raise PluginError(f"{where} (version {entry['version']}): `changes` must be a list of sentences. "
                              "Fix: one `- …` line per change.")
    return entries


# --- MkDocs events -----------------------------------------------------------------------------

def on_config(config):
    _roles[:] = roles(config)
    _versions[:] = versions()


def on_files(files, config):
    page = files.get_file_from_path(CHANGELOG_PAGE)
    _changelog_url[:] = [page.url] if page else []
    return files


def on_serve(server, config, builder):
    server.watch(str(CHANGELOG))


def on_page_markdown(markdown, page, config, files):
    return fill(markdown, page, config, {
        "redactie": no_argument("redactie", lambda: roles_markdown(_roles)),
        "wijzigingen": no_argument("wijzigingen", lambda: changelog_markdown(_versions)),
    })


def on_page_context(context, page, config, nav):
    current = _versions[0]
    context["redactie"] = _roles
    context["module_versie"] = {"version": current["version"], "date_nl": dutch_date(current["date"]),
                                "url": _changelog_url[0] if _changelog_url else ""}
    return context


# --- Markdown (overrides/partials/hooks/editorial.md) ----------------------------------------------------------------------------------

def roles_markdown(found: list[dict]) -> str:
    return str(macros("editorial.md").roles(found)).strip("\n")


def changelog_markdown(entries: list[dict]) -> str:
    return str(macros("editorial.md").changelog([
        {"anchor": "versie-" + entry["version"].replace(".", "-"), "version": entry["version"],
         "date": dutch_date(entry["date"]), "changes": entry["changes"]} for entry in entries]))
