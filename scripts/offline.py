"""Build a copy of the site that works when its folder is opened from disk (file://).

    python scripts/offline.py [DEST]      (default DEST: site-offline/)

For a shared drive or a USB stick: open DEST/index.html in a browser. Navigation, search and
the quizzes work, and nothing is requested from anywhere but the folder itself.

How: the normal, strict build with Material's `offline` plugin switched on (OFFLINE=true, see
`plugins:` in mkdocs.yml). That plugin turns off directory URLs and inlines the search index into
a script. Browsers do not start a web worker from file://, so search runs in the iframe-worker
shim: the copy from the npm package (node_modules/, installed by `npm ci`) is put into the
output and listed in `extra.polyfills`. The plugin would otherwise add a CDN address for it.
The workshop PDFs are printed into the copy as `./run build` does (scripts/make_pdfs.py).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from configfile import config_file  # noqa: E402  (the institution's settings file, or mkdocs.yml)
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
# The name must contain "iframe-worker": Material's offline plugin then keeps it and adds no CDN copy.
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"


def build_offline(dest: Path, strict: bool = True) -> Path:
    """Build the offline copy into `dest`; return `dest`. Exits with the reason on failure."""
    os.environ["OFFLINE"] = "true"  # read by `plugins: - offline: enabled:` in mkdocs.yml
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    def configure():
        config = load_config(str(config_file()), site_dir=str(dest), strict=strict)
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), SHIM_URL]
        return config

    build_with_shim(configure, dest, "Offline build", "./run offline")
    # The workshop PDFs, as `./run build` makes them.
    import make_pdfs

    make_pdfs.make_pdfs(dest)
    return dest


def build_with_shim(configure, dest: Path, what: str, command: str):
    """Build the site with the configuration `configure()` returns (it lists SHIM_URL in
    extra.polyfills) and put the search shim there. Warnings are printed (a strict build stops on
    them); a failed build exits naming `what`. Used by the offline copy and the LMS package
    (scripts/lms.py). Returns the configuration."""
    if not SHIM.exists():
        sys.exit(f"{SHIM.relative_to(ROOT)} is missing: run `npm ci` first ({command} does).")
    os.chdir(ROOT)
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        config = configure()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        sys.exit(f"{what} failed: {error}")
    target = dest / SHIM_URL
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, target)
    return config


def main() -> None:
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site-offline").resolve()
    build_offline(dest)
    print(f"\nOffline copy ready: open {dest / 'index.html'} in a browser.")


if __name__ == "__main__":
    main()
