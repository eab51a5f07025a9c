"""App config of ``badgecms.home`` (label ``badgecms_home``): the badge landing page."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "badgecms.home"
    label = "badgecms_home"
    verbose_name = "Badge landing pages"

    def ready(self):
        # The fixture-path URL check, the response cache invalidation and the CDN purge.
        from badgecms.home import checks, signal_handlers  # noqa: F401
        from badgecms.home.caching import frontend_cache, invalidation

        invalidation.connect_receivers(self)
        frontend_cache.connect_receivers()
