"""Model and form fields of ``home``."""

from django import forms
from django.db import models

from badgecms.home.validators import url_scheme, validate_http_url


class HttpURLFormField(forms.URLField):
    """A URL form field that accepts only ``http``/``https`` and names a refused scheme.

    The scheme is checked on the raw input, before Django's URLField would prefix a
    scheme-less value (``&#106;avascript:…``) with ``https://`` and hide the problem.
    """

    default_validators = [validate_http_url]

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def to_python(self, value):
        if value and url_scheme(value) and url_scheme(value) not in ("http", "https"):
            validate_http_url(value)
        return super().to_python(value)


class HttpURLField(models.URLField):
    """A URL model field limited to absolute ``http``/``https`` addresses."""

    default_validators = [validate_http_url]

    def get_prep_value(self, value):
        """Store the scheme in lower case (``HTTPS://`` becomes ``https://``)."""
        value = super().get_prep_value(value)
        if value:
            value = value.strip()
            scheme, separator, rest = value.partition(":")
            if separator and scheme.lower() in ("http", "https"):
                value = f"{scheme.lower()}:{rest}"
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": HttpURLFormField, **kwargs})
