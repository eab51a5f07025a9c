"""``manage.py import_landing_page PATH [--slug SLUG] [--parent PATH_OR_ID] [--publish]``."""

from django.core.management.base import BaseCommand, CommandError

from badgecms.home.importing.importer import (
    LandingPageImportError,
    parse_landing_page,
    read_document,
    save_landing_page,
)


class Command(BaseCommand):
    help = (
        "Import a badge landing page from a Markdown document (the Credly landing page "
        "template). Importing into an existing slug adds a revision to that page."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Markdown file (UTF-8) or Word .docx file to import.")
        parser.add_argument("--slug", help="Slug of the page to create or update.")
        parser.add_argument("--title", help="Page title (default: the document's # heading).")
        parser.add_argument(
            "--parent",
            help="Parent page for a new page: a page id, or a path on the default site "
            "such as / (default: the default site's root page).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the new revision (default: draft)."
        )

    def handle(self, *args, **options):
        try:
            document = parse_landing_page(read_document(options["path"]))
            result = save_landing_page(
                document,
                slug=options["slug"],
                parent=options["parent"],
                title=options["title"],
                publish=options["publish"],
            )
        except LandingPageImportError as error:
            raise CommandError(f"Import failed: {error}") from error
        for warning in document.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(self.style.SUCCESS(result.summary))
