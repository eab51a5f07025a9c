"""``manage.py prune_previews``: delete page previews whose token lifetime has ended."""

from django.core.management.base import BaseCommand
from django.db import transaction

from badgecms.api.models import PagePreview


class Command(BaseCommand):
    help = (
        "Delete stored page previews whose preview token has expired "
        "(PREVIEW_TOKEN_MAX_AGE). Expired previews are also deleted whenever a preview "
        "token is issued or read; run this from cron to clean up idle sites."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            deleted, _ = PagePreview.objects.expired().delete()
        self.stdout.write(f"Deleted {deleted} expired page preview{'s' if deleted != 1 else ''}.")
