"""The admin "Import landing page" view: upload a document (Markdown, text, HTML, Word)
or paste its text, see what was found, and save it as a draft revision.

How it works: docs/architecture.md, section ``badgecms.home.importing.views``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from badgecms.home.editors.permissions import editable_landing_pages_for, landing_page_parents_for
from badgecms.home.importing.forms import (
    PASTED_NAME,
    ImportConfirmForm,
    ImportUploadForm,
    sign_import,
)
from badgecms.home.importing.importer import (
    DEFAULT_TITLE,
    LandingPageImportError,
    describe,
    import_warnings,
    parse_landing_page,
    save_landing_page,
)
from badgecms.home.models import BadgeLandingPage
from badgecms.home.richtext import render_rich_text_many
from badgecms.home.slugs import slug_for_title


class ImportLandingPageView(WagtailAdminTemplateMixin, TemplateView):
    """Import a landing page from an uploaded document; see the module docstring."""

    template_name = "badgecms_home/admin/import_landing_page.html"
    page_title = "Import landing page"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        # Wagtail turns PermissionDenied into a redirect to the dashboard; answer 403 with
        # a sentence instead, so the refusal is explicit.
        try:
            self.check_permissions()
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(
                request,
                "badgecms_home/admin/import_forbidden.html",
                {"page_title": self.page_title, "header_title": self.page_title},
                status=403,
            )

    def check_permissions(self):
        """Set ``target`` (the page to update) or ``parents`` (where pages may be
        created); raise PermissionDenied when the user may do neither."""
        request = self.request
        self.target = None
        self.parents = None
        page_id = request.GET.get("page", "")
        if page_id:
            if not page_id.isdigit():
                raise PermissionDenied
            self.target = get_object_or_404(BadgeLandingPage, id=int(page_id))
            if not self.target.permissions_for_user(request.user).can_edit():
                raise PermissionDenied
        else:
            self.parents = landing_page_parents_for(request.user)
            if not self.parents.exists() and not editable_landing_pages_for(request.user).exists():
                raise PermissionDenied

    def get_page_subtitle(self):
        return self.target.get_admin_display_title() if self.target else ""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        context["action_url"] = self.request.get_full_path()
        if self.target is None:
            context["editable_pages"] = editable_landing_pages_for(self.request.user)
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.upload_form()))

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self.confirm()
        form = self.upload_form(data=request.POST, files=request.FILES)
        if form is None:
            raise PermissionDenied
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        text, name = form.cleaned_data["text"], form.cleaned_data["name"]
        try:
            document = parse_landing_page(text, collect_problems=True, name=name)
        except LandingPageImportError as error:
            form.add_error("pasted" if name == PASTED_NAME else "document", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        payload = {"text": text, "name": name, "page": self.target.id if self.target else None}
        if self.target is None:
            parent = form.cleaned_data["parent"]
            title = form.cleaned_data["title"] or document.title or DEFAULT_TITLE
            slug = form.cleaned_data["slug"] or slug_for_title(title)
            locale = form.cleaned_data.get("locale")
            payload.update(
                parent=parent.id,
                title=title,
                slug=slug,
                locale=locale.language_code if locale else None,
            )
        intro_html, *answers = render_rich_text_many(
            [document.intro, *(item.answer for item in document.faqs)]
        )
        problems = [str(problem) for problem in document.problems]
        if self.target is None:
            problems.extend(self.placement_problems(parent, payload["slug"]))
        problems.extend(self.lock_problems())
        context = self.get_context_data(
            document=document,
            summary=describe(document),
            filename=name,
            is_word_document=name.lower().endswith(".docx"),
            text_lines=text.split("\n"),
            payload=payload,
            parent=None if self.target else parent,
            intro_html=intro_html,
            faqs=[
                {"question": item.question, "line": item.line, "answer": answer}
                for item, answer in zip(document.faqs, answers, strict=True)
            ],
            problems=problems,
            warnings=import_warnings(document),
        )
        if not problems:
            context["confirm_form"] = ImportConfirmForm(
                initial={"payload": sign_import(payload, request.user)}, user=request.user
            )
        return self.render_to_response(context)

    def confirm(self):
        request = self.request
        form = ImportConfirmForm(data=request.POST, user=request.user)
        if not form.is_valid():
            return self.refuse(form.errors["payload"][0])
        payload = form.cleaned_data["payload"]
        if payload.get("page") != (self.target.id if self.target else None):
            raise PermissionDenied
        parent = None
        if self.target is None:
            parent = self.parents.filter(id=payload.get("parent")).first()
            if parent is None:
                raise PermissionDenied
            problems = self.placement_problems(parent, payload["slug"])
            if problems:
                return self.refuse(problems[0])
        problems = self.lock_problems()
        if problems:
            return self.refuse(problems[0])
        left_out = {int(n) for n in request.POST.getlist("leave_out") if n.isdigit()}
        try:
            document = parse_landing_page(payload["text"], name=payload.get("name", ""))
            document.faqs = [
                item for number, item in enumerate(document.faqs) if number not in left_out
            ]
            if self.target is None:
                result = save_landing_page(
                    document,
                    slug=payload["slug"],
                    parent=parent,
                    title=payload["title"],
                    user=request.user,
                    locale=payload.get("locale"),
                )
            else:
                result = save_landing_page(
                    document,
                    slug=self.target.slug,
                    parent=self.target.get_parent(),
                    user=request.user,
                )
        except LandingPageImportError as error:
            return self.refuse(f"Import failed: {error}")
        messages.success(
            request,
            f"{result.summary}. Check it, then submit it for review or publish it.",
        )
        return redirect("wagtailadmin_pages:edit", result.page.id)

    def upload_form(self, **kwargs):
        """The upload form, or None when the user may only update pages (chosen from
        the list of editable pages)."""
        if self.parents is not None and not self.parents.exists():
            return None
        return ImportUploadForm(parents=self.parents, **kwargs)

    def refuse(self, message):
        """Show the upload form again with ``message`` as an error; nothing was saved."""
        messages.error(self.request, message)
        return self.render_to_response(self.get_context_data(form=self.upload_form()))

    def placement_problems(self, parent, slug):
        """Problems with creating a page with ``slug`` under ``parent``."""
        if not slug:
            return ["The page needs a slug: enter a title or a slug."]
        existing = parent.get_children().filter(slug=slug).first()
        if existing is None:
            return []
        return [
            f"A page with the slug “{slug}” exists already under "
            f"“{parent.get_admin_display_title()}”: choose another slug, or open that page "
            "and use “Import from document” on it to update it."
        ]

    def lock_problems(self):
        """A sentence when the page being updated is locked for this user."""
        if self.target is None:
            return []
        lock = self.target.get_lock()
        if lock and lock.for_user(self.request.user):
            return [f"{lock.get_message(self.request.user)} Nothing can be imported into it."]
        return []


def import_url(page=None):
    """Return the URL of the import view, for updating ``page`` when given."""
    url = reverse("home_import_landing_page")
    return f"{url}?page={page.id}" if page is not None else url
