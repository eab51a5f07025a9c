"""StreamField blocks for frequently asked questions."""

from wagtail import blocks

#: Rich text features of an answer: what an FAQ answer needs, nothing more.
ANSWER_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "image"]


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer (schema.org ``Question`` with an ``acceptedAnswer``)."""

    question = blocks.CharBlock(
        max_length=255,
        help_text="The question as a visitor would ask it, e.g. “What is an open badge?” "
        "(at most 255 characters).",
    )
    answer = blocks.RichTextBlock(
        features=ANSWER_FEATURES,
        help_text="The answer. Keep it short; use links for details.",
    )

    class Meta:
        icon = "help"
        label = "FAQ"
        label_format = "{question}"
        template = "faq/blocks/faq_item.html"
        form_classname = "faq-item-block"
        help_text = "A question and its answer, shown as one item of the FAQ accordion."
        preview_value = {
            "question": "What is an open badge?",
            "answer": "<p>Open badges are web-enabled versions of a credential.</p>",
        }
        collapsed = True


class FAQStreamBlock(blocks.StreamBlock):
    """The ordered list of FAQ items of a page."""

    faq = FAQItemBlock()

    class Meta:
        block_counts = {}
        collapsed = True
