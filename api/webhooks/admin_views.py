"""Admin screens of the webhooks (Wagtail ``ModelViewSet``\\ s, menu **Webhooks**):
endpoints (the signing secret shown once, on creation or rotation; "Send test ping"),
the delivery log (filter by status, event, endpoint; "Send again"), and the dashboard
panel warning about failing endpoints."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from badgecms.api.webhooks.actions import send_again, send_test_ping
from badgecms.api.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint


class WebhookEndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The events this endpoint receives; none ticked means all of them.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "enabled"]


class EndpointCreateView(generic.CreateView):
    def get_success_message(self, instance):
        return (
            f"Webhook endpoint {instance.url} added. Its signing secret, shown only this "
            f"once: {instance.secret}"
        )


class EndpointIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(
                "Send test ping",
                url=reverse("webhook_endpoints:ping", args=[instance.pk]),
                icon_name="mail",
                priority=40,
            ),
            MenuItem(
                "Rotate signing secret",
                url=reverse("webhook_endpoints:rotate_secret", args=[instance.pk]),
                icon_name="key",
                priority=45,
            ),
            MenuItem(
                "Deliveries",
                url=reverse("webhook_deliveries:index") + f"?endpoint={instance.pk}",
                icon_name="list-ul",
                priority=50,
            ),
        ]


class StatusColumn(Column):
    """ "Enabled", "Failing since …" or "Switched off: <reason>"."""

    def get_value(self, instance):
        if not instance.enabled:
            return instance.disabled_reason or "Switched off"
        if instance.failing_since:
            return f"Failing since {instance.failing_since:%Y-%m-%d %H:%M} UTC"
        return "Enabled"


class ConfirmActionView(generic.base.WagtailAdminTemplateMixin, TemplateView):
    """GET: a page asking to confirm ``action_label`` on one object; POST: do it (needs
    the model's change permission), say so and go back to the listing."""

    template_name = "badgecms_api/webhooks/confirm.html"
    model = None
    action_label = ""
    index_url_name = ""

    def dispatch(self, request, pk):
        opts = self.model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return f"{self.action_label}: {self.object}"

    def post(self, request, pk):
        messages.success(request, self.act())
        return redirect(self.index_url_name)


class PingView(ConfirmActionView):
    model = WebhookEndpoint
    action_label = "Send test ping"
    index_url_name = "webhook_endpoints:index"

    def act(self):
        delivery = send_test_ping(self.object)
        return f"Test ping {delivery.message_id} queued for {self.object.url}."


class RotateSecretView(ConfirmActionView):
    model = WebhookEndpoint
    action_label = "Rotate signing secret"
    index_url_name = "webhook_endpoints:index"

    def act(self):
        secret = self.object.rotate_secret()
        return (
            f"New signing secret of {self.object.url}, shown only this once: {secret}. "
            "Deliveries are signed with it from now on."
        )


class SendAgainView(ConfirmActionView):
    model = WebhookDelivery
    action_label = "Send again"
    index_url_name = "webhook_deliveries:index"

    def act(self):
        delivery = send_again(self.object)
        return f"{delivery.event} {delivery.message_id} queued again for {delivery.endpoint}."


class EndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    form_fields = ["url", "description", "events", "enabled"]
    icon = "link-external"
    menu_label = "Endpoints"
    list_display = ["url", "description", StatusColumn("status", label="Status")]
    index_view_class = EndpointIndexView
    add_view_class = EndpointCreateView

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/ping/", PingView.as_view(), name="ping"),
            path("<int:pk>/rotate-secret/", RotateSecretView.as_view(), name="rotate_secret"),
        ]


class DeliveryPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are a log: nobody adds or edits one."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(
            user, action
        )


register_permission_policy(WebhookDelivery, DeliveryPermissionPolicy(WebhookDelivery))


class DeliveryIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(
                "Send again",
                url=reverse("webhook_deliveries:send_again", args=[instance.pk]),
                icon_name="redirect",
                priority=40,
            ),
        ]


class DeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = "Deliveries"
    list_display = [
        "event",
        "endpoint",
        DateColumn("created_at", label="Queued"),
        "attempt",
        "status",
        "status_code",
        "duration",
        DateColumn("next_attempt_at", label="Next attempt"),
    ]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "endpoint",
        "message_id",
        "event",
        "attempt",
        "status",
        "status_code",
        "duration",
        "attempted_at",
        "next_attempt_at",
        "response_body",
        "payload",
    ]
    copy_view_enabled = False
    index_view_class = DeliveryIndexView
    form_fields = []

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/send-again/", SendAgainView.as_view(), name="send_again"),
        ]


class WebhooksViewSetGroup(ModelViewSetGroup):
    items = (EndpointViewSet("webhook_endpoints"), DeliveryViewSet("webhook_deliveries"))
    menu_label = "Webhooks"
    menu_icon = "link-external"
    add_to_admin_menu = True


def failing_endpoints():
    """Endpoints switched off, or whose deliveries have been failing."""
    switched_off = Q(enabled=False) & ~Q(disabled_reason="")
    return WebhookEndpoint.objects.filter(switched_off | Q(failing_since__isnull=False))


class FailingWebhooksPanel(Component):
    """Dashboard warning, shown only when a webhook endpoint is failing or was switched off."""

    name = "failing_webhooks"
    order = 226
    template_name = "badgecms_api/webhooks/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"endpoints": list(failing_endpoints()), "request": self.request}
