"""``manage.py setup_roles``: the editorial groups, page permissions and review workflow."""

from django.core.management.base import BaseCommand

from badgecms.home.editors.roles import install_roles


class Command(BaseCommand):
    help = (
        "Create or update the groups “Badge editors” (edit, save drafts, preview, submit "
        "for review) and “Badge publishers” (also publish and approve), their permissions "
        "on the landing pages, and the “Badge page review” workflow. Safe to run again."
    )

    def handle(self, *args, **options):
        result = install_roles()
        self.stdout.write(self.style.SUCCESS(result.summary))
