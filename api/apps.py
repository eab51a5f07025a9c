"""App config of ``badgecms.api`` (label ``badgecms_api``): the JSON content API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "badgecms.api"
    label = "badgecms_api"
    verbose_name = "Content API"

    def ready(self):
        from badgecms.api import purge  # noqa: F401  (adds the API URLs to CDN purges)
        from badgecms.api.webhooks.signal_handlers import connect_receivers

        connect_receivers()
