"""Admin hooks of the webhooks, imported by ``badgecms.api.wagtail_hooks``: the Webhooks
menu (endpoints, deliveries) and the dashboard warning about failing endpoints."""

from wagtail import hooks

from badgecms.api.webhooks.admin_views import FailingWebhooksPanel, WebhooksViewSetGroup


@hooks.register("register_admin_viewset")
def register_webhooks_viewsets():
    return WebhooksViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_failing_webhooks_panel(request, panels):
    panels.append(FailingWebhooksPanel(request))
