"""`./run serve` (mkdocs serve --strict, as the runner starts it) on a copy of the project: the
first page comes at once, the workshop's download buttons get real PDFs (printed on request,
never a 404), and an edit in data/ is rebuilt and shown."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import yaml

from conftest import BUILD_ENV, PROJECT_PARTS, ROOT
from localbrowser import free_port


def fetch(url: str, timeout: float = 60) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), ""


def test_serve_is_strict_makes_pdfs_and_rebuilds_on_data_changes(tmp_path):
    run = (ROOT / "run").read_text(encoding="utf-8")
    command = re.search(r'exec "\$PY" -m mkdocs serve (.*)', run).group(1)
    assert "--strict" in command.split()
    watched = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nwatch:\n")[1]
                             .split("\n\n")[0].join(["watch:\n", ""]))["watch"]
    assert {"overrides", "scripts/hooks", "data"} <= set(watched), watched

    project = tmp_path / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / part)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=BUILD_ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body, _ = fetch(base + "workshop/", timeout=5)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stdout.read()
                time.sleep(0.2)
        assert status == 200
        pdfs = re.findall(r'href="([^":]+\.pdf)"', body.decode("utf-8"))  # ours, not a link to another site
        assert len(pdfs) >= 2, pdfs
        for href in pdfs:
            status, data, kind = fetch(base + "workshop/" + href)
            assert status == 200 and data.startswith(b"%PDF") and kind == "application/pdf", (href, status, kind)

        changelog = project / "data" / "changelog.yml"
        text = changelog.read_text(encoding="utf-8")
        first = yaml.safe_load(text)[0]["changes"][0]
        changelog.write_text(text.replace(first, first + " Gewijzigd tijdens serve.", 1), encoding="utf-8")
        deadline = time.monotonic() + 60
        while b"Gewijzigd tijdens serve." not in fetch(base + "wijzigingen/")[1]:
            assert time.monotonic() < deadline, "the edit in data/ was not rebuilt"
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=20)
