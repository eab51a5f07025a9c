"""The editor of ``make soak`` (``bench.soak``), run as its own process: imports the page
``/soak/`` then, until ``seconds`` have passed, publishes a new revision titled
``Soak rev <n>``, writing ``n`` to the ``marker`` file once it is live. Of every four
revisions one goes through ``import_landing_page --publish`` and one is scheduled
(``go_live_at`` a moment ahead) and made live by Wagtail's ``publish_scheduled``: every
change comes from this process, not from a server's.

Usage: ``python -m bench.soak_editor <seconds> <marker file> <document>``.
"""

import os
import sys
import time
from datetime import timedelta

import django


def _mark(marker, number):
    temporary = f"{marker}.tmp"
    with open(temporary, "w") as file:
        file.write(str(number))
    os.replace(temporary, marker)


def main(seconds, marker, document):
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from badgecms.home.models import BadgeLandingPage

    def import_revision(number):
        call_command(
            "import_landing_page",
            document,
            slug="soak",
            title=f"Soak rev {number}",
            publish=True,
            verbosity=0,
        )

    def schedule_revision(page, number):
        draft = page.get_latest_revision_as_object()
        draft.title = f"Soak rev {number}"
        draft.go_live_at = timezone.now() + timedelta(seconds=0.3)
        draft.save_revision().publish()  # scheduled: the live page does not change yet
        time.sleep(0.4)
        call_command("publish_scheduled", verbosity=0)
        page.refresh_from_db()
        if page.title != f"Soak rev {number}":
            raise SystemExit(f"publish_scheduled did not make rev {number} live")

    import_revision(0)
    _mark(marker, 0)
    page = BadgeLandingPage.objects.get(slug="soak")
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        number += 1
        if number % 4 == 0:
            import_revision(number)
        elif number % 4 == 2:
            schedule_revision(page, number)
        else:
            draft = page.get_latest_revision_as_object()
            draft.title = f"Soak rev {number}"
            draft.go_live_at = None
            draft.save_revision().publish()
        _mark(marker, number)
        time.sleep(0.2)
    print(number, "publishes", flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]), sys.argv[2], sys.argv[3])
