"""App config of ``faq``: FAQ blocks, the accordion template and schema.org FAQPage data."""

from django.apps import AppConfig


class FaqConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "faq"
    verbose_name = "FAQ"
