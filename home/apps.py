"""App config of ``home``: the badge landing page model."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Badge landing pages"

    def ready(self):
        # signals connects the fixture-path URL check; the two others the response cache
        # invalidation and the CDN purge.
        from home import frontend_cache, invalidation, signals  # noqa: F401

        invalidation.connect_receivers(self)
        frontend_cache.connect_receivers()
