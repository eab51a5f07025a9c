"""``manage.py sync_credly_badges --organization ORG_ID``: create, update and retire badges
from the organisation's Credly badge templates (see :mod:`badgecms.home.badges.sync`)."""

from django.core.management.base import BaseCommand, CommandError

from badgecms.home.badges.sync import CredlyError, sync_badge_templates
from badgecms.home.conf import home_settings


class Command(BaseCommand):
    help = (
        "Sync badges from a Credly organisation's badge templates (token: CREDLY_API_TOKEN). "
        "Changes nothing when Credly fails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organization",
            default=None,
            help="Credly organisation id (default: the CREDLY_ORGANIZATION_ID setting).",
        )

    def handle(self, *args, organization=None, **options):
        organization = organization or home_settings.CREDLY_ORGANIZATION_ID
        if not organization:
            raise CommandError(
                "Give the Credly organisation: --organization ORG_ID (or set "
                "CREDLY_ORGANIZATION_ID)."
            )
        try:
            report = sync_badge_templates(organization)
        except CredlyError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Credly organisation {organization}: {report}"))
