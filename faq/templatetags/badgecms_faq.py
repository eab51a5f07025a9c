"""Template tags of the ``faq`` app: JSON-LD output of schema.org data."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end a <script> element or open a comment, as Django's
# json_script escapes them.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render ``data`` (a JSON-serialisable dict) as ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` are escaped as JSON unicode escapes, so no value can close the
    script element.
    """
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 - escaped above, as django.utils.html.json_script does
    )
