"""What `mkdocs serve` (./run serve) needs beyond a build; does nothing in `mkdocs build`.

- The workshop PDFs (data/workshop.yml `pdfs:`): `./run build` prints them after the build
  (scripts/make_pdfs.py). Under serve they are printed the first time one is asked for (the
  download button waits a few seconds), from the site as it is then; after each rebuild again.
  So the first page is not slowed down, and a download button never gives a 404.
- Edited hooks take effect: MkDocs keeps hook modules loaded between rebuilds, so after each
  build this drops them (and their helpers, such as datafile.py) and the next rebuild loads them
  afresh. mkdocs.yml `watch:` makes edits in overrides/, scripts/hooks/, data/ and includes/
  trigger a rebuild; ./run serve rebuilds strictly (--strict).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from mkdocs.config import config_options

from datafile import read_yaml  # same folder: MkDocs puts it on sys.path

HOOKS = Path(__file__).resolve().parent
SCRIPTS = HOOKS.parent
_lock = threading.Lock()
SERVING = "THERAPEUTISCHE_RELATIE_SERVING"  # survives the reload of this module between rebuilds


def on_startup(command, dirty):
    if command == "serve":
        os.environ[SERVING] = "1"


def pdf_files() -> list[str]:
    return [entry["file"] for entry in read_yaml(SCRIPTS.parent / "data" / "workshop.yml").get("pdfs", [])]


def on_post_build(config):
    if not os.environ.get(SERVING):
        return
    for file in pdf_files():  # made from the previous build: print them again when asked
        Path(config.site_dir, file).unlink(missing_ok=True)
    config_options.Hooks._load_hook.cache_clear()
    for name, module in list(sys.modules.items()):
        if Path(getattr(module, "__file__", None) or "/").resolve().parent == HOOKS:
            del sys.modules[name]


def on_serve(server, config, builder):
    site = Path(config.site_dir)
    files = pdf_files()
    app = server.get_app()

    def with_pdfs(environ, start_response):
        path = environ.get("PATH_INFO", "")
        wanted = next((file for file in files if path.endswith("/" + file)), None)
        if wanted and not (site / wanted).exists():
            with _lock:
                if not (site / wanted).exists():
                    if str(SCRIPTS) not in sys.path:
                        sys.path.insert(0, str(SCRIPTS))
                    from make_pdfs import make_pdfs
                    make_pdfs(site)
        return app(environ, start_response)

    server.set_app(with_pdfs)
    return server
