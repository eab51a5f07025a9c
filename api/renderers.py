"""JSON renderer of the content API."""

from rest_framework.renderers import JSONRenderer

# <, > and & are written as JSON unicode escapes: the data is unchanged for any JSON
# parser, but no response byte sequence can be read as HTML markup (a text such as
# "<script>" in ``answer_text`` stays inert even if sniffed or pasted into a page).
# Replaced in the UTF-8 bytes: no byte of a multi-byte sequence is ASCII.
_HTML_SAFE = ((b"&", b"\\u0026"), (b"<", b"\\u003c"), (b">", b"\\u003e"))


class HTMLSafeJSONRenderer(JSONRenderer):
    """Compact UTF-8 JSON (RFC 8259) with ``<``, ``>`` and ``&`` escaped as ``\\u003c``,
    ``\\u003e`` and ``\\u0026``, whatever the host's ``REST_FRAMEWORK`` JSON settings."""

    ensure_ascii = False
    compact = True
    strict = True

    def render(self, data, accepted_media_type=None, renderer_context=None):
        body = super().render(data, accepted_media_type, renderer_context)
        if not body:
            return body
        for character, escaped in _HTML_SAFE:
            body = body.replace(character, escaped)
        return body
