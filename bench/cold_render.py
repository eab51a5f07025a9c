"""A quick in-process measure of the cold render path, cheaper than ``make bench``:
median milliseconds of a cold API detail (response cache off), of the page's
``front_end_content`` alone and of the admin preview (POST of the edit form plus GET of
the preview) for pages of 13, 100 and 1000 FAQ items (``BENCH_SIZES``).

Run: ``.venv/bin/python -m bench.cold_render``.
"""

import time
from statistics import median

from bench.run import SIZES, migrated_database  # isort: skip (sets up Django first)
from django.conf import settings  # isort: skip
from django.test import Client, override_settings  # isort: skip

from badgecms.home.models import BadgeLandingPage  # isort: skip
from bench.preview import preview_form_data, preview_request  # isort: skip
from bench.seed import admin_user, seed  # isort: skip

REPEATS = 15


def _median_ms(function, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return median(times) * 1000


def main():
    migrated_database()
    pages = seed(SIZES)
    client = Client(HTTP_HOST="127.0.0.1")
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(admin_user())
    with override_settings(BADGECMS={**settings.BADGECMS, "CONTENT_CACHE_TIMEOUT": 0}):
        for count, page in pages.items():
            url = f"/api/v1/pages/{page.id}/"

            def detail(url=url):
                assert client.get(url).status_code == 200

            def content(page_id=page.id):
                BadgeLandingPage.objects.get(id=page_id).front_end_content("http://127.0.0.1")

            data = preview_form_data(page)

            def preview(page=page, data=data):
                preview_request(admin, page, data)

            print(
                f"{count:>5} FAQs: cold detail {_median_ms(detail):7.2f} ms, "
                f"front_end_content {_median_ms(content):7.2f} ms, "
                f"admin preview {_median_ms(preview, 5):7.2f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
