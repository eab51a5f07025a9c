"""Forms of the admin "Import landing page" view: the upload step and the signed
confirmation step.

Between the preview and the confirmation the document text travels in a hidden field
signed with :mod:`django.core.signing` (salted, timestamped, bound to the user), so
nothing is stored on the server and a tampered or stale form is refused.
"""

from django import forms
from django.core import signing
from wagtail.models import Locale

from badgecms.home.importing.importer import LandingPageImportError, decode_document
from badgecms.home.slugs import slug_for_title

#: File name endings the import accepts: Markdown (or plain text), HTML and Word.
UPLOAD_EXTENSIONS = (".md", ".markdown", ".txt", ".html", ".htm", ".docx")
#: The name a pasted text goes by in the preview and in messages.
PASTED_NAME = "the pasted text"
#: Largest accepted upload, in bytes (the seed document is about 10 kB).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: Seconds a preview stays valid for confirmation.
CONFIRMATION_MAX_AGE = 60 * 60
_SIGNING_SALT = "home.import_landing_page"


class ImportUploadForm(forms.Form):
    """Step 1: the document and, for a new page, where it goes.

    ``parents``: the pages the user may create a landing page under (a queryset), or
    None when updating an existing page (then only the document is asked for). A
    ``locale`` choice appears for a new page when the site has more than one locale.
    After validation ``cleaned_data["text"]`` holds the document's text (Markdown or
    HTML) and ``cleaned_data["name"]`` its file name (or :data:`PASTED_NAME`).
    """

    document = forms.FileField(
        label="Document",
        required=False,
        help_text="Your FAQ as a file: Markdown or text (.md, .txt), a saved web page "
        "(.html) or a Word document (.docx), at most 2 MB. Questions may be headings, bold "
        "lines or “Q:” lines; see the editors' guide for every shape understood.",
    )
    pasted = forms.CharField(
        label="Or paste the text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Copy the FAQ from your help centre or web page and paste it here "
        "(plain text, Markdown or HTML), instead of uploading a file.",
    )
    locale = forms.ModelChoiceField(
        queryset=Locale.objects.all(),
        required=False,
        label="Language",
        help_text="The language (Wagtail locale) the new page belongs to. Leave empty to "
        "use the language of the page it is created under.",
    )
    parent = forms.ModelChoiceField(
        queryset=None,
        label="Create the page under",
        help_text="The new page's place in the site: its address starts with this page's.",
    )
    title = forms.CharField(
        max_length=255,
        required=False,
        help_text="The page title as visitors see it. Leave empty to use the document's "
        "title (its front matter, “# Title” line or web page title), or “Digital Badges”.",
    )
    slug = forms.SlugField(
        max_length=255,
        required=False,
        allow_unicode=True,
        help_text="The last part of the page's address, e.g. “partner-badges”. Leave empty "
        "to make it from the title.",
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is None or Locale.objects.count() < 2:
            del self.fields["locale"]
        if parents is None:
            for name in ("parent", "title", "slug"):
                del self.fields[name]
        else:
            self.fields["parent"].queryset = parents
            self.fields["parent"].label_from_instance = lambda page: (
                f"{page.get_admin_display_title()} ({page.url_path})"
            )
            if len(parents) == 1:
                self.fields["parent"].initial = parents[0]

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if not upload:
            return upload
        name = upload.name or ""
        if not name.lower().endswith(UPLOAD_EXTENSIONS):
            raise forms.ValidationError(
                f"“{name}” is not a Markdown (.md), text (.txt), web page (.html) or Word "
                "(.docx) file.",
                code="extension",
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB.", code="size")
        try:
            self.cleaned_data["text"] = decode_document(upload.read(), name)
        except LandingPageImportError as error:
            raise forms.ValidationError(str(error), code="unreadable") from error
        self.cleaned_data["name"] = name
        return upload

    def clean(self):
        cleaned_data = super().clean()
        pasted = cleaned_data.get("pasted", "")
        if not cleaned_data.get("document") and "document" not in self.errors:
            if not pasted.strip():
                self.add_error("document", "Choose a file, or paste the text below.")
            else:
                try:
                    cleaned_data["text"] = decode_document(pasted.encode(), PASTED_NAME)
                except LandingPageImportError as error:
                    self.add_error("pasted", str(error))
                cleaned_data["name"] = PASTED_NAME
        if "parent" in self.fields and not cleaned_data.get("slug") and cleaned_data.get("title"):
            cleaned_data["slug"] = slug_for_title(cleaned_data["title"])
        return cleaned_data


def sign_import(payload, user):
    """Return ``payload`` (a JSON-serialisable dict) signed for ``user``, as a string."""
    return signing.dumps({**payload, "user": user.pk}, salt=_SIGNING_SALT, compress=True)


class ImportConfirmForm(forms.Form):
    """Step 2: the signed preview. ``cleaned_data["payload"]`` is the dict given to
    :func:`sign_import`; a bad signature, another user's preview or one older than
    :data:`CONFIRMATION_MAX_AGE` is a form error."""

    payload = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_payload(self):
        try:
            payload = signing.loads(
                self.cleaned_data["payload"], salt=_SIGNING_SALT, max_age=CONFIRMATION_MAX_AGE
            )
        except signing.SignatureExpired as error:
            raise forms.ValidationError(
                "This preview is more than an hour old; upload the document again.",
                code="expired",
            ) from error
        except signing.BadSignature as error:
            raise forms.ValidationError(
                "This preview was changed or is not valid; upload the document again.",
                code="signature",
            ) from error
        if payload.get("user") != self.user.pk:
            raise forms.ValidationError(
                "This preview was made by another user; upload the document again.",
                code="user",
            )
        return payload
