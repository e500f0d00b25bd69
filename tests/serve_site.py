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

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_found__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


def serve(site_dir: Path, prefix: str = "/", port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving in a thread; returns the server and the base URL."""
    handler = type("Handler", (_SubpathHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


if __name__ == "__main__":
    srv, url = serve(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "/", int(sys.argv[3]) if len(sys.argv) > 3 else 8001)
    print(f"Serving {sys.argv[1]} on {url}")
    threading.Event().wait()
