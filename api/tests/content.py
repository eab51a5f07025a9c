"""Stored rich text (Wagtail's database format) for the content API tests."""


def internal_link(page, text):
    """Stored rich text (database format) of a link to ``page``."""
    return f'<a linktype="page" id="{page.id}">{text}</a>'


def embedded_image(image, alt="Badge", image_format="fullwidth"):
    """Stored rich text of an embedded image."""
    return f'<embed embedtype="image" id="{image.id}" format="{image_format}" alt="{alt}"/>'
