"""Reading the data files (data/*.yml) for the hooks: a broken file stops the build with the
file, line, column and a fix, never with a Python traceback. Not a hook itself: the hooks import
`read_yaml` (MkDocs puts this folder on the path while it loads them).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]


def where(path: Path) -> str:
    path = Path(path).resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def read_text(path: Path) -> str:
    """The file as UTF-8 text; a byte that is not UTF-8 is reported with its line and column."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise PluginError(
            f"{where(path)}:{line}:{column}: byte 0x{data[error.start]:02x} is not UTF-8 text. "
            "Fix: save the file as UTF-8 (in most editors: Save with encoding, UTF-8), "
            "or retype the character there."
        ) from None


def read_yaml(path: Path):
    """The parsed YAML of a data file."""
    path = Path(path)
    if not path.is_file():
        raise PluginError(f"{where(path)}: the file is missing. Fix: restore it (git checkout -- {where(path)}).")
    try:
        return yaml.safe_load(read_text(path))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(part for part in (error.context, error.problem) if part)
        if error.context_mark and error.problem_mark and error.context_mark.line != error.problem_mark.line:
            problem += f" (what is open here started on line {error.context_mark.line + 1})"
        raise PluginError(
            f"{where(path)}:{mark.line + 1}:{mark.column + 1}: the YAML cannot be read: {problem}. "
            "Fix: correct it there, following the entries around it: indent with spaces (no tabs), "
            "put a space after each colon, and quote a text that contains `: ` or starts with a "
            "special character (such as *, &, ! or a quote)."
        ) from None
    except yaml.YAMLError as error:
        raise PluginError(f"{where(path)}: the YAML cannot be read: {error}. Fix: correct the file.") from None
