"""A stand-in for Credly's web service API on 127.0.0.1, for the sync tests: a real HTTP
server (``http.server`` in a thread) answering the documented shapes of
``GET /v1/organizations/<id>/badge_templates`` (``{"data": [...], "metadata": {...}}``,
paginated), badge images, and the error cases a test asks for."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

from PIL import Image as PILImage

ORGANIZATION = "9f0c6b4e-org"


def badge_template(number, name, **fields):
    """A Credly badge template as Credly's API returns it (its documented keys)."""
    template_id = f"00000000-0000-4000-8000-{number:012d}"
    slug = name.lower().replace(" ", "-")
    return {
        "id": template_id,
        "name": name,
        "description": f"{name}: earners showed the skills.",
        "image_url": f"IMAGES/{slug}.png",
        "url": f"https://www.credly.com/org/example/badge/{slug}",
        "vanity_slug": slug,
        "state": "active",
        "public": True,
        "level": "Intermediate",
        "type_category": "Certification",
        "time_to_earn": "Weeks",
        "cost": "Paid",
        "skills": ["Cloud Computing", "Networking"],
        "global_activity_url": f"https://example.org/criteria/{slug}",
        "earn_this_badge_url": f"https://example.org/earn/{slug}",
        "enable_earn_this_badge": True,
        "badge_template_activities": [
            {
                "id": f"act-{number}",
                "activity_type": "Assessment",
                "required_badge_template_id": None,
                "title": "Pass the exam",
                "url": "https://example.org/exam",
            }
        ],
        "created_at": "2026-01-05T10:00:00.000-05:00",
        "updated_at": "2026-02-01T10:00:00.000-05:00",
        **fields,
    }


def png(colour="navy", size=(300, 300)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


class FakeCredly:
    """The server's state: ``templates`` (served ``per`` to a page), ``failure`` (None,
    or ``{"status": 401|404|429|500, "headers": {...}, "page": N}``, ``{"malformed":
    N}``, ``{"not_json": N}``, ``{"delay": seconds}``, or for badge images ``{"image_status":
    404}`` or ``{"image_body": bytes}``) and the ``requests`` received as ``(path,
    Authorization header)``."""

    def __init__(self):
        self.templates = []
        self.per = 2
        self.failure = None
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def set_templates(self, templates):
        self.templates = [
            {**t, "image_url": t["image_url"].replace("IMAGES", f"{self.url}/images")}
            for t in templates
        ]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, content_type="application/json", headers=None):
                payload = json.dumps(body).encode() if content_type.endswith("json") else body
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                parts = urlsplit(self.path)
                fake.requests.append((parts.path, self.headers.get("Authorization")))
                failure = fake.failure or {}
                if parts.path.startswith("/images/"):
                    if failure.get("image_status"):
                        return self._send(failure["image_status"], b"", "image/png")
                    if failure.get("image_body"):
                        return self._send(200, failure["image_body"], "image/png")
                    colour = "teal" if "v2" in parts.path else "navy"
                    return self._send(200, png(colour), "image/png")
                page = int(parse_qs(parts.query).get("page", ["1"])[0])
                if failure.get("delay"):
                    time.sleep(failure["delay"])
                if failure.get("status") and failure.get("page", 1) == page:
                    message = {"message": "error"}
                    return self._send(
                        failure["status"], {"data": message}, headers=failure.get("headers")
                    )
                if parts.path != f"/v1/organizations/{ORGANIZATION}/badge_templates":
                    return self._send(404, {"data": {"message": "Not found"}})
                if failure.get("not_json") == page:
                    return self._send(200, b"<html>maintenance</html>", "text/html")
                total_pages = max(1, -(-len(fake.templates) // fake.per))
                data = fake.templates[(page - 1) * fake.per : page * fake.per]
                if failure.get("malformed") == page:
                    data = [{"name": "no id"}]
                metadata = {
                    "count": len(data),
                    "current_page": page,
                    "total_count": len(fake.templates),
                    "total_pages": total_pages,
                    "per": fake.per,
                    "previous_page_url": None,
                    "next_page_url": None,
                }
                return self._send(200, {"data": data, "metadata": metadata})

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
