"""Write a found landing page (a :class:`~badgecms.home.importing.document.LandingPageDocument`)
as a new revision of a :class:`~badgecms.home.models.BadgeLandingPage`, in one transaction.

The page is found by slug (under ``parent`` when given) and updated, or created; FAQ items
keep their block ids when their question is unchanged, so anchors and API ids stay stable
across imports. The page goes into the Wagtail :class:`~wagtail.models.Locale` asked for.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from badgecms.home.importing.document import LandingPageDocument, LandingPageImportError
from badgecms.home.models import BadgeLandingPage, CertificationLink
from badgecms.home.slugs import slug_for_title

DEFAULT_TITLE = "Digital Badges"


@dataclass
class ImportResult:
    page: BadgeLandingPage
    created: bool
    published: bool
    document: LandingPageDocument

    @property
    def summary(self):
        """``"Imported 13 FAQ items, 1 certification link into /path/ (draft)"``."""
        faqs = len(self.document.faqs)
        links = len(self.document.certification_links)
        where = self.page.get_url() or self.page.url_path
        return (
            f"Imported {faqs} FAQ item{'s' * (faqs != 1)}, "
            f"{links} certification link{'s' * (links != 1)} into {where} "
            f"({'published' if self.published else 'draft'})"
        )


def resolve_locale(locale):
    """Return the :class:`~wagtail.models.Locale` for ``locale`` (a Locale, a language
    code such as ``"es"`` or ``"pt-br"``, or None for None). Raises
    :class:`LandingPageImportError` naming the locales the site has when there is no such
    locale."""
    if locale is None or isinstance(locale, Locale):
        return locale
    code = str(locale).strip()
    found = Locale.objects.filter(language_code__iexact=code).first()
    if found is None:
        codes = Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        known = ", ".join(codes)
        raise LandingPageImportError(
            f"the site has no locale “{code}” (--locale); it has: {known or 'none'}."
        )
    return found


def _resolve_parent(parent):
    """Return the parent Page for ``parent``: a Page, a page id, a URL path on the
    default site (``/`` is the site's root page), or None for the default site root."""
    if isinstance(parent, Page):
        return parent
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if parent in (None, ""):
        return site.root_page if site else Page.get_first_root_node()
    parent = str(parent).strip()
    if parent.isdigit():
        page = Page.objects.filter(id=int(parent)).first()
        if page is None:
            raise LandingPageImportError(f"no page has the id {parent} (--parent).")
        return page
    if site is None:
        raise LandingPageImportError("there is no default site to resolve --parent against.")
    components = [component for component in parent.split("/") if component]
    page = site.root_page
    for component in components:
        page = page.get_children().filter(slug=component).first()
        if page is None:
            raise LandingPageImportError(f"no page is at the path {parent} (--parent).")
    return page


def _existing_page(slug, parent):
    if parent is not None:
        page = parent.get_children().filter(slug=slug).first()
        pages = [page] if page else []
    else:
        pages = list(Page.objects.filter(slug=slug)[:2])
    if len(pages) > 1:
        raise LandingPageImportError(
            f"several pages have the slug “{slug}”; pass --parent to choose one."
        )
    if not pages:
        return None
    page = pages[0].specific
    if not isinstance(page, BadgeLandingPage):
        raise LandingPageImportError(
            f"the page with the slug “{slug}” is a {page.specific_class._meta.verbose_name}, "
            "not a badge landing page."
        )
    return page


def _stream(document, previous):
    """FAQ items as StreamField data, reusing the block id of an unchanged question so
    that anchors and API ids stay stable across imports."""
    ids = {}
    if previous is not None:
        for item in previous.faq_sources():
            ids.setdefault(item["question"], item["id"])
    stream = []
    for item in document.faqs:
        value = {"question": item.question, "answer": RichText(item.answer)}
        block_id = ids.pop(item.question, None)
        stream.append(("faq", value, block_id) if block_id else ("faq", value))
    return stream


@transaction.atomic
def save_landing_page(
    document, *, slug=None, parent=None, title=None, publish=False, user=None, locale=None
):
    """Write ``document`` as a new revision of the landing page at ``slug``.

    ``locale`` is a Wagtail :class:`~wagtail.models.Locale` or its language code
    (``"es"``); a new page goes into it, an existing page must already be in it. By
    default a new page takes its parent's locale.

    Creates the page under ``parent`` (see :func:`_resolve_parent`) when no page has the
    slug, otherwise updates it; either way exactly one revision is added, published
    when ``publish`` is true, left as a draft otherwise. Returns an :class:`ImportResult`.
    Raises :class:`LandingPageImportError` (the first of ``document.problems`` for a
    document parsed with ``collect_problems=True``); the transaction leaves the database
    as it was on any error.
    """
    if document.problems:
        raise document.problems[0]
    title = title or document.title
    slug = slug or slug_for_title(title or DEFAULT_TITLE)
    if not slug:
        raise LandingPageImportError("the slug is empty; pass --slug.")
    explicit_parent = _resolve_parent(parent) if parent not in (None, "") else None
    locale = resolve_locale(locale)
    existing = _existing_page(slug, explicit_parent)
    if existing is not None and locale is not None and existing.locale_id != locale.id:
        raise LandingPageImportError(
            f"the page with the slug “{slug}” is in the locale {existing.locale.language_code}, "
            f"not {locale.language_code} (--locale)."
        )

    if existing is not None:
        page = existing.get_latest_revision_as_object()
        previous = page
        if title:
            page.title = title
    else:
        previous = None
        page = BadgeLandingPage(title=title or DEFAULT_TITLE, slug=slug, live=False)
        if locale is not None:
            page.locale = locale

    page.intro_heading = document.intro_heading or BadgeLandingPage.intro_heading.field.default
    page.intro = document.intro
    page.faq_heading = document.faq_heading or BadgeLandingPage.faq_heading.field.default
    page.faqs = StreamValue(page.faqs.stream_block, _stream(document, previous))
    page.certification_links = [
        CertificationLink(label=link.label, text=link.text, url=link.url, sort_order=number)
        for number, link in enumerate(document.certification_links)
    ]
    try:
        if existing is None:
            (explicit_parent or _resolve_parent(None)).add_child(instance=page)
        else:
            page.full_clean()
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    except ValidationError as error:
        messages = [
            f"{name}: {message}" if name != "__all__" else message
            for name, errors in error.message_dict.items()
            for message in errors
        ]
        raise LandingPageImportError(f"the page is not valid: {'; '.join(messages)}") from error
    page.refresh_from_db()
    return ImportResult(page=page, created=existing is None, published=publish, document=document)
