"""Debian's Chromium and local web servers, shared by tests/ and the scripts that print PDFs or
run Lighthouse. One place for the browser flags that keep it off the network.

- `serve(site)`: Python's static server in a thread (PDF printing, where headers do not matter).
- `Nginx(site, port)`: Debian's nginx serving `site` with the deployment rules of
  deploy/nginx/therapeutische-relatie.conf and the build's Content-Security-Policy, as an
  intranet does (the tests, Lighthouse).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Resolve no host name but 127.0.0.1: stops the browser's own background lookups, which
    # page.on("request") does not see, and makes any stray remote load fail loudly.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
NGINX_RULES = ROOT / "deploy" / "nginx" / "therapeutische-relatie.conf"
# The rules include the build's Content-Security-Policy from here, relative to nginx's configuration
# folder; every build writes it into the site as CSP_FILE (scripts/hooks/assets.py).
NGINX_CSP_INCLUDE = "snippets/therapeutische-relatie-csp.conf"
CSP_FILE = "content-security-policy.conf"
# The README's example serves the site under this path; the test server does too, besides "/".
NGINX_SUBPATH = "/therapeutische-relatie/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep output readable
        pass


def serve(site: Path, port: int = 0, handler: type = QuietHandler) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` on 127.0.0.1 in a background thread; return the server and its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if not found:
        raise RuntimeError("nginx is missing: install Debian's nginx (./run test does)")
    return found


class Nginx:
    """Debian's nginx on 127.0.0.1:`port`, serving `site` at "/" and at NGINX_SUBPATH (the
    README's `alias` form), both with deploy/nginx/therapeutische-relatie.conf. Requests are
    logged as "URI STATUS" lines (`requests()`). Use as a context manager or start()/stop()."""

    def __init__(self, site: Path, port: int = 0, workdir: Path | None = None):
        self.site = Path(site).resolve()
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="nginx-"))
        self.process: subprocess.Popen | None = None

    def config(self) -> str:
        site, work, rules = self.site, self.workdir, NGINX_RULES
        # nginx's workers drop root rights to `nobody`, who cannot read a private temporary
        # folder (pytest's is mode 0700); a test server on loopback may keep them.
        user = "user root;\n" if os.geteuid() == 0 else ""
        return f"""{user}daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format requests '$request_uri $status';
    access_log {work}/access.log requests;
    client_body_temp_path {work}/tmp;
    proxy_temp_path {work}/tmp;
    fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp;
    scgi_temp_path {work}/tmp;
    server {{
        listen 127.0.0.1:{self.port};
        location / {{
            root {site};
            include {rules};
            error_page 404 /404.html;
        }}
        location {NGINX_SUBPATH} {{
            alias {site}/;
            include {rules};
        }}
    }}
}}
"""

    def start(self) -> "Nginx":
        binary = nginx_binary()
        (self.workdir / "tmp").mkdir(parents=True, exist_ok=True)
        csp = self.site / CSP_FILE
        if not csp.is_file():
            raise RuntimeError(f"{csp} is missing: the build writes it (scripts/hooks/assets.py)")
        (self.workdir / NGINX_CSP_INCLUDE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(csp, self.workdir / NGINX_CSP_INCLUDE)  # as the README tells a deployer
        conf = self.workdir / "nginx.conf"
        conf.write_text(self.config(), encoding="utf-8")
        base = [binary, "-p", str(self.workdir), "-c", str(conf), "-e", str(self.workdir / "error.log")]
        check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejects the configuration:\n{check.stderr}")
        self.process = subprocess.Popen(base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:  # ready when it accepts a connection
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"nginx did not start on port {self.port}:\n{self.errors()}")
                time.sleep(0.02)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def errors(self) -> str:
        log = self.workdir / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def requests(self) -> list[tuple[str, int]]:
        """(URI, status) of every request so far, in order."""
        log = self.workdir / "access.log"
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return [(uri, int(status)) for uri, status in (line.rsplit(" ", 1) for line in lines)]

    def __enter__(self) -> "Nginx":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
