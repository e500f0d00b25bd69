"""Serve a built site under a subpath on 127.0.0.1, as GitHub Pages would (https://USER.github.io/REPO/).

Used by the browser tests and by hand: python tests/serve_site.py site /fuzhou-portal/ 8001
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    headers_to_send: dict[str, str] = {}

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_found__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's 404.html, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file() or self.command != "GET":
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


def serve(site_dir: Path, prefix: str = "/", port: int = 0,
          headers: dict[str, str] | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving in a thread; returns the server and the base URL. `headers` go on every response."""
    handler = type("Handler", (_SubpathHandler,), {"prefix": prefix, "headers_to_send": headers or {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


if __name__ == "__main__":
    srv, url = serve(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "/", int(sys.argv[3]) if len(sys.argv) > 3 else 8001)
    print(f"Serving {sys.argv[1]} on {url}")
    threading.Event().wait()
