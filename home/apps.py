"""App config of ``home``: the badge landing page model."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Badge landing pages"

    def ready(self):
        from home import signals  # noqa: F401  (connects the fixture-path URL check)
