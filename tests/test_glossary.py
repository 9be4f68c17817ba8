"""The glossary (includes/abbreviations.md): every term is on the Woordenlijst, sorted, with an
anchor; a malformed or duplicate line stops the build, naming file and line."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "includes" / "abbreviations.md"


def glossary_terms() -> list[str]:
    return re.findall(r"^\*\[([^\]]+)\]:", SOURCE.read_text(encoding="utf-8"), re.M)


def test_woordenlijst_lists_every_term_sorted(site_dir):
    soup = BeautifulSoup((site_dir / "woordenlijst" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    shown = [dt.get_text() for dt in soup.select("dl.woordenlijst dt")]
    assert len(shown) == len(glossary_terms()) >= 18
    assert sorted(shown) == sorted(glossary_terms())
    assert shown == sorted(shown, key=lambda t: t.casefold().replace("é", "e").replace("ë", "e"))
    assert all(dt.get("id") for dt in soup.select("dl.woordenlijst dt"))
    definitions = soup.select("dl.woordenlijst dd")
    assert len(definitions) == len(shown)
    assert all(dd.get_text(strip=True) for dd in definitions)


def test_glossary_has_the_core_terms():
    terms = set(glossary_terms())
    for term in ["ggz", "werkalliantie", "werkrelatie", "relatiebreuk", "herstel", "SRS", "ORS",
                 "PCOMS", "FIT", "intervisie", "teamreflectie", "supervisie", "tegenoverdracht",
                 "meta-analyse", "effectgrootte", "correlatie", "Zorgstandaard", "cliënt"]:
        assert term in terms, term


def load_hook():
    spec = importlib.util.spec_from_file_location("glossary_hook", ROOT / "scripts/hooks/glossary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("bad_line, message", [
    ("*[werkrelatie] zonder dubbele punt", "not a glossary line"),
    ("*[ggz]: Nog een keer.", "'ggz' is already defined"),
    ("*[leegte]: .", "the definition of 'leegte' has no words"),
    ("*[getal]: 12 - 3.", "the definition of 'getal' has no words"),
])
def test_bad_glossary_line_names_file_and_line(tmp_path, bad_line, message):
    """The hook's reader on a changed copy of the glossary (no build)."""
    text = SOURCE.read_text(encoding="utf-8").rstrip("\n") + "\n" + bad_line + "\n"
    copy = tmp_path / "abbreviations.md"
    copy.write_text(text, encoding="utf-8")
    with pytest.raises(PluginError, match=re.escape(f"includes/abbreviations.md:{text.count(chr(10))}: {message}")):
        load_hook().read_terms(copy)


def test_bad_glossary_line_fails_the_build(build_with):
    text = SOURCE.read_text(encoding="utf-8").rstrip("\n") + "\n*[werkrelatie] zonder dubbele punt\n"
    proc = build_with({"includes/abbreviations.md": text})
    assert proc.returncode != 0
    assert f"includes/abbreviations.md:{text.count(chr(10))}: not a glossary line" in proc.output, proc.output[-2000:]
