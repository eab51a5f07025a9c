"""App config of ``api``: the JSON content API for external frontends."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "Content API"

    def ready(self):
        from api import purge  # noqa: F401  (adds the API URLs to CDN purges)
