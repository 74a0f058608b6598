#!/usr/bin/env python3
"""Serve www/ (or the directory given as the only argument) at http://127.0.0.1:$PORT/
(default 8080; PORT=0 picks a free port).

Prints one line, "Serving <dir>/ at http://127.0.0.1:<port>/", once it listens (the
end-to-end tests read the port from it); logs only errors after that.

Text, scripts and the .wasm go out compressed to a browser that accepts it: NAME.br (made by
scripts/precompress.mjs at build time) where it is newer than NAME and the browser accepts br,
else gzip (Content-Encoding: gzip), compressed once per file version and kept in memory (a
precompressed NAME.gz beside a file is sent as it is); Vary: Accept-Encoding either way. The
main .wasm is about a quarter of its size on the wire with brotli, a third with gzip.
"""
import gzip
import os
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WWW = Path(__file__).resolve().parent.parent / "www"

# What is worth compressing: text and wasm (images are compressed already).
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".txt", ".svg", ".wasm", ".ts"}
# (path, mtime, size) -> gzip bytes.
_gzipped = {}


def gzipped(path):
    """The file's gzip bytes: NAME.gz when it is newer than NAME, else compressed once."""
    st = os.stat(path)
    pre = path + ".gz"
    if os.path.isfile(pre) and os.stat(pre).st_mtime_ns >= st.st_mtime_ns:
        with open(pre, "rb") as f:
            return f.read()
    key = (path, st.st_mtime_ns, st.st_size)
    body = _gzipped.get(key)
    if body is None:
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), compresslevel=9, mtime=0)
        _gzipped[key] = body
    return body


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

    def do_GET(self):
        if not self._send_gzipped(head_only=False):
            super().do_GET()

    def do_HEAD(self):
        if not self._send_gzipped(head_only=True):
            super().do_HEAD()

    def _send_gzipped(self, head_only):
        accepted = [
            e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")
        ]
        path = self.translate_path(self.path)
        if not os.path.isfile(path):
            return False
        ext = os.path.splitext(path)[1].lower()
        if ext not in COMPRESSIBLE:
            return False
        try:
            encoding, body = None, None
            pre = path + ".br"
            if (
                "br" in accepted
                and os.path.isfile(pre)
                and os.stat(pre).st_mtime_ns >= os.stat(path).st_mtime_ns
            ):
                with open(pre, "rb") as f:
                    encoding, body = "br", f.read()
            elif "gzip" in accepted:
                encoding, body = "gzip", gzipped(path)
        except OSError:
            return False
        if body is None:
            return False
        self.send_response(200)
        self.send_header("Content-Type", self.extensions_map.get(ext, "application/octet-stream"))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser went away (a page closed mid-download): nothing to report
        return True

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
