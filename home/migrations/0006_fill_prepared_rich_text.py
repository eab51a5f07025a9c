"""Prepare the rich text of existing landing pages (live content), so that their first
requests need no full render; a page left out is rendered in full until it is saved."""

from django.db import migrations

from badgecms.home.prepared_rich_text import prepare_rich_text


def _sources(page):
    answers = [
        (block.get("value") or {}).get("answer") or ""
        for block in page.faqs.raw_data
        if block.get("type") == "faq"
    ]
    return [page.intro or "", *answers]


def fill(apps, schema_editor):
    pages = apps.get_model("badgecms_home", "BadgeLandingPage").objects.all()
    for page in pages.only("id", "intro", "faqs", "prepared_rich_text").iterator():
        prepared = prepare_rich_text(_sources(page), page.prepared_rich_text)
        type(page).objects.filter(pk=page.pk).update(prepared_rich_text=prepared)


class Migration(migrations.Migration):
    dependencies = [("badgecms_home", "0005_landing_page_prepared_rich_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
