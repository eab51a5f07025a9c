"""``{% image %}`` for badgecms templates: Wagtail's tag (same syntax), showing the
original image when a rendition cannot be made
(:func:`badgecms.home.renditions.rendition_or_original`). Load it after, or instead of,
``wagtailimages_tags``."""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import ImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

from badgecms.home.renditions import rendition_or_original

register = template.Library()


class ImageOrOriginalNode(ImageNode):
    """Wagtail's ``ImageNode`` with :func:`rendition_or_original` in place of
    ``get_rendition_or_not_found``."""

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        rendition = rendition_or_original(image, self.get_filter())
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag(
            {name: value.resolve(context) for name, value in self.attrs.items()}
        )


@register.tag
def image(parser, token):
    """``{% image photo max-320x200 [attr="value" ...] %}`` or ``{% image photo
    max-320x200 as name %}``: Wagtail's syntax and errors."""
    node = wagtail_image_tag(parser, token)
    return ImageOrOriginalNode(
        node.image_expr,
        node.filter_specs,
        output_var_name=node.output_var_name,
        attrs=node.attrs,
    )
