"""Which configuration file a build uses: the institution's settings file, or the module alone.

    python scripts/configfile.py        prints it (`./run` builds and serves with it)

In this order:
1. INSTELLING=<file>: that file (for example INSTELLING=voorbeeldstad.yml, the example institution);
2. instelling.yml, when it exists: the institution's own settings file (README, "Adopting the
   module in your institution");
3. mkdocs.yml: the module's configuration, without local settings.

An institution's file starts with `INHERIT: mkdocs.yml` and holds only local settings
(scripts/hooks/instelling.py checks that). It must sit in the project's root folder, next to
mkdocs.yml: MkDocs finds docs/, overrides/ and scripts/hooks/ from the folder of the file it is
given. The module never ships instelling.yml, so upgrading the module (replacing every other file)
never touches it. Every command and the test fixtures ask this module; none names a file itself.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = "mkdocs.yml"          # the module's configuration (replaced at every upgrade)
INSTITUTION = "instelling.yml"  # the institution's settings (never part of the module)


class ConfigFileError(Exception):
    pass


def config_file(root: Path = ROOT) -> Path:
    """The configuration file a build of the project in `root` uses (see the module docstring)."""
    chosen = os.environ.get("INSTELLING", "").strip()
    if chosen:
        path = (root / chosen).resolve()
        if not path.is_file():
            raise ConfigFileError(f"INSTELLING={chosen}: no such file in {root}. Fix: name a settings "
                                  f"file in the project's root folder, such as {INSTITUTION}, or unset INSTELLING.")
        if path.parent != root.resolve():
            raise ConfigFileError(f"INSTELLING={chosen}: the settings file must sit in the project's root "
                                  f"folder, next to {MODULE} (MkDocs finds docs/ and overrides/ from its "
                                  "folder). Fix: move it there.")
        return inheriting(path)
    if (root / INSTITUTION).is_file():
        return inheriting(root / INSTITUTION)
    return root / MODULE


def inheriting(path: Path) -> Path:
    """`path`, once it is sure to build on the module's configuration (without that line MkDocs
    would only say that the theme has no name)."""
    if not re.search(rf"^INHERIT:\s*['\"]?{re.escape(MODULE)}['\"]?\s*(#.*)?$", path.read_text(encoding="utf-8"), re.M):
        raise ConfigFileError(f"{path.name}:1: the settings file does not inherit the module's configuration. "
                              f"Fix: add the line `INHERIT: {MODULE}` at its top.")
    return path


def is_institution_file(path: Path) -> bool:
    """Whether `path` is an institution's settings file (not the module's own mkdocs.yml)."""
    return Path(path).name != MODULE


def main() -> int:
    try:
        print(config_file().relative_to(ROOT))
    except ConfigFileError as error:
        print(f"configfile: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
