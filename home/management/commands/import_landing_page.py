"""``manage.py import_landing_page PATH [--slug SLUG] [--parent PATH_OR_ID] [--locale CODE]
[--publish]``: import a landing page from a Markdown, plain text, HTML or Word document."""

from django.core.management.base import BaseCommand, CommandError

from badgecms.home.importing.importer import (
    LandingPageImportError,
    describe,
    import_warnings,
    parse_landing_page,
    read_document,
    save_landing_page,
)


class Command(BaseCommand):
    help = (
        "Import a badge landing page from the FAQ document an organisation already has "
        "(Markdown, plain text, a saved HTML page or a Word .docx; see docs/editors.md for "
        "the shapes understood). Importing into an existing slug adds a revision to that page."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Markdown or text file (UTF-8), HTML page (.html) or Word .docx file."
        )
        parser.add_argument("--slug", help="Slug of the page to create or update.")
        parser.add_argument("--title", help="Page title (default: the document's title).")
        parser.add_argument(
            "--parent",
            help="Parent page for a new page: a page id, or a path on the default site "
            "such as / (default: the default site's root page).",
        )
        parser.add_argument(
            "--locale",
            help="Language code of the Wagtail locale the page goes into, e.g. es "
            "(default: the parent's locale).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the new revision (default: draft)."
        )

    def handle(self, *args, **options):
        try:
            document = parse_landing_page(read_document(options["path"]), name=options["path"])
            result = save_landing_page(
                document,
                slug=options["slug"],
                parent=options["parent"],
                title=options["title"],
                publish=options["publish"],
                locale=options["locale"],
            )
        except LandingPageImportError as error:
            raise CommandError(f"Import failed: {error}") from error
        self.stdout.write(describe(document))
        if options["verbosity"] >= 2:
            for item in document.faqs:
                self.stdout.write(f"  line {item.line}: {item.question}")
        for warning in import_warnings(document):
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(self.style.SUCCESS(result.summary))
