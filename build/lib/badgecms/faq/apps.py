"""App config of ``badgecms.faq`` (label ``badgecms_faq``): FAQ blocks, the accordion
template and schema.org FAQPage data."""

from django.apps import AppConfig


class FaqConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "badgecms.faq"
    label = "badgecms_faq"
    verbose_name = "FAQ"
