#!/usr/bin/env python3
"""Serve www/ (or the directory given as the only argument) at http://127.0.0.1:$PORT/
(default 8080; PORT=0 picks a free port).

Prints one line, "Serving <dir>/ at http://127.0.0.1:<port>/", once it listens (the
end-to-end tests read the port from it); logs only errors after that.
"""
import os
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WWW = Path(__file__).resolve().parent.parent / "www"


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml; charset=utf-8",
        ".wasm": "application/wasm",
        ".ts": "text/plain; charset=utf-8",  # wasm-bindgen's .d.ts files
        ".png": "image/png",
        ".ico": "image/x-icon",
        "": "application/octet-stream",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        # Cross-origin isolation: nothing here is loaded from elsewhere, and it gives the
        # benchmark page a fine-grained performance.now().
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, format, *args):
        pass

    def log_error(self, format, *args):
        sys.stderr.write("serve.py: " + (format % args) + "\n")


def main():
    port = int(os.environ.get("PORT", "8080"))
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else WWW
    handler = partial(Handler, directory=str(root))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {root.name}/ at http://127.0.0.1:{server.server_address[1]}/", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
