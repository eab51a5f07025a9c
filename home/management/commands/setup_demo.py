"""``manage.py setup_demo``: the demo landing page, the editorial roles and a local admin
account."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from badgecms.home.badges.demo import install_demo_badges
from badgecms.home.demo import create_local_admin, install_demo_landing_page
from badgecms.home.editors.roles import install_roles
from badgecms.home.importing.importer import LandingPageImportError
from badgecms.home.models import BadgeLandingPage


class Command(BaseCommand):
    help = (
        "Import the demo landing page as the default site's root page when the site has "
        "none, set up the editorial roles and review workflow (see setup_roles), and "
        "create a local admin account (credentials printed once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create an admin.")
        parser.add_argument("--port", default="8000", help="Port shown in the printed URLs.")

    def handle(self, *args, **options):
        try:
            result = install_demo_landing_page(port=options["port"])
        except LandingPageImportError as error:
            raise CommandError(f"Demo import failed: {error}") from error
        if result:
            self.stdout.write(self.style.SUCCESS(result.summary))
            page_id = result.page.id
        else:
            page_id = Site.objects.get(is_default_site=True).root_page_id
            self.stdout.write("The default site already has a landing page; nothing imported.")
        landing_page = BadgeLandingPage.objects.filter(pk=page_id).first()
        created = install_demo_badges(landing_page) if landing_page else 0
        if created:
            self.stdout.write(self.style.SUCCESS(f"Showing {created} demo badges on the page."))
        self.stdout.write(install_roles().summary)
        if not options["no_admin"]:
            password = create_local_admin()
            if password:
                self.stdout.write(
                    self.style.WARNING(
                        f"Created a local admin account: username 'admin', password '{password}' "
                        "(shown only this once)."
                    )
                )
            else:
                self.stdout.write("The admin account 'admin' exists already.")
        base = f"http://127.0.0.1:{options['port']}"
        self.stdout.write(
            f"Landing page: {base}/\nAdmin:        {base}/admin/\n"
            f"JSON:         {base}/api/v1/pages/{page_id}/"
        )
