"""Serve the example frontend with the HTTP headers a framed live preview needs.

    python examples/frontend/serve.py --port 3000 --admin-origin http://127.0.0.1:8000

- ``Content-Security-Policy: frame-ancestors <admin origin>``: only the Wagtail admin
  (its preview panel) may frame the frontend (``'none'`` without ``--admin-origin``).
  A ``<meta>`` tag cannot set ``frame-ancestors``; it must be a header.
- ``Referrer-Policy: no-referrer``: the preview token in the address is never sent to
  the sites the page links to or loads images from.

Standard library only (``http.server``); a development server, not for production.
"""

import argparse
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent


class FrontendRequestHandler(SimpleHTTPRequestHandler):
    """Serves this folder, adding the framing and referrer headers to every response."""

    def __init__(self, *args, admin_origin="", **kwargs):
        self.admin_origin = admin_origin
        super().__init__(*args, directory=str(ROOT), **kwargs)

    def end_headers(self):
        ancestors = self.admin_origin or "'none'"
        self.send_header("Content-Security-Policy", f"frame-ancestors {ancestors}")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--admin-origin", default="", help="e.g. http://127.0.0.1:8000")
    args = parser.parse_args(argv)
    handler = partial(FrontendRequestHandler, admin_origin=args.admin_origin)
    with ThreadingHTTPServer((args.host, args.port), handler) as server:
        sys.stdout.write(f"Serving the example frontend on http://{args.host}:{args.port}/\n")
        sys.stdout.flush()
        server.serve_forever()


if __name__ == "__main__":
    main()
