"""Admin screens of review links (menu "Review links"): list, create, edit (revoke) and
delete, a Wagtail ``ModelViewSet``. Creating or changing a link needs the model
permissions (``badgecms_api.add_reviewlink``, ``change_reviewlink``…, granted to groups in
Settings › Groups) and edit permission on the page it links to."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.forms import modelform_factory
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from badgecms.api.models import ReviewLink
from badgecms.api.review_links import new_review_link_key, review_link_path


class ReviewLinkForm(WagtailAdminModelForm):
    """The page (edit permission required), a note, the expiry and the revoked flag."""

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page is not None and not page.permissions_for_user(self.for_user).can_edit():
            raise ValidationError(f"You may not edit “{page.title}”, so you cannot share it.")
        return page


class ReviewLinkCreateView(CreateView):
    """Creates the link with a new random key, made by the current user."""

    def save_instance(self):
        self.form.instance.key = new_review_link_key()
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_message(self, instance):
        url = self.request.build_absolute_uri(review_link_path(instance))
        return f"Review link created: {url} (add ?view=frontend to open it in the frontend)."


def link_status(link):
    """``"revoked"``, ``"expired"`` or ``"active"``."""
    if link.revoked:
        return "revoked"
    return "active" if link.is_usable(timezone.now()) else "expired"


class ReviewLinkIndexView(IndexView):
    """The list, with each link's address, status and uses (count, last)."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("page", "created_by")
            .annotate(use_count=Count("uses"), last_used_at=Max("uses__used_at"))
        )


class ReviewLinkViewSet(ModelViewSet):
    """Admin menu "Review links"."""

    model = ReviewLink
    form_fields = ["page", "note", "expires_at", "revoked"]
    icon = "link"
    menu_label = "Review links"
    add_to_admin_menu = True
    menu_order = 850
    add_view_class = ReviewLinkCreateView
    index_view_class = ReviewLinkIndexView
    list_display = [
        "page",
        "note",
        Column("address", label="Address", accessor=review_link_path),
        Column("status", label="Status", accessor=link_status),
        "created_by",
        "expires_at",
        Column("use_count", label="Uses"),
        Column("last_used_at", label="Last used"),
    ]

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=ReviewLinkForm,  # Wagtail's widgets: a page chooser, a date picker
            fields=self.form_fields,
        )


review_link_viewset = ReviewLinkViewSet("review_links")
