"""StreamField blocks for frequently asked questions."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

#: Rich text features of an answer: what an FAQ answer needs, nothing more.
ANSWER_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "image"]


class AnswerBlock(blocks.RichTextBlock):
    """Rich text whose editor input refuses, rather than silently drops, links with a
    forbidden scheme and input that is not the editor's JSON
    (:class:`~badgecms.home.editors.rich_text_input.RichTextInput`)."""

    @cached_property
    def field(self):
        # Imported on use, as Wagtail's RichTextBlock.field does: Wagtail's rich text
        # admin modules need the app registry, which is not ready when blocks load.
        from badgecms.home.editors.rich_text_input import RichTextInput

        return forms.CharField(widget=RichTextInput(features=self.features), **self.field_options)


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer (schema.org ``Question`` with an ``acceptedAnswer``)."""

    question = blocks.CharBlock(
        max_length=255,
        help_text="The question as a visitor would ask it, e.g. “What is an open badge?” "
        "(at most 255 characters).",
    )
    answer = AnswerBlock(
        features=ANSWER_FEATURES,
        help_text="The answer. Keep it short; use links for details.",
    )

    class Meta:
        icon = "help"
        label = "FAQ"
        label_format = "{question}"
        template = "badgecms_faq/blocks/faq_item.html"
        form_classname = "faq-item-block"
        help_text = "A question and its answer, shown as one item of the FAQ accordion."
        preview_value = {
            "question": "What is an open badge?",
            "answer": "<p>Open badges are web-enabled versions of a credential.</p>",
        }
        collapsed = True

    def clean(self, value):
        """Validate the item; an answer that holds no text and no image (the editor's
        empty paragraph ``<p></p>``) counts as missing, except while saving a draft.

        Raises :class:`~wagtail.blocks.struct_block.StructBlockValidationError`.
        """
        try:
            cleaned = super().clean(value)
            block_errors, non_block_errors = {}, []
        except StructBlockValidationError as error:
            cleaned = None
            block_errors = dict(error.block_errors)
            non_block_errors = error.non_block_errors.as_data()
        answer = getattr(value.get("answer"), "source", value.get("answer")) or ""
        has_answer = _has_text(answer) or "<embed" in answer
        if "answer" not in block_errors and not has_answer and not self.is_deferred_validation:
            block_errors["answer"] = ValidationError("This field is required.", code="required")
        if block_errors or non_block_errors:
            raise StructBlockValidationError(block_errors, non_block_errors)
        return cleaned


@functools.lru_cache(maxsize=4096)
def _has_text(html):
    # Memoised: the preview panel validates every unchanged answer again after each
    # change, and strip_tags runs Python's HTML parser (at least twice) per answer.
    return bool(strip_tags(html).strip())


def _item_error_messages(number, error, child_blocks):
    """Return sentences naming FAQ item ``number`` for the ``error`` of its block."""
    if not isinstance(error, StructBlockValidationError):
        return [f"FAQ {number}: {message}" for message in error.messages]
    messages = []
    for name, child_error in error.block_errors.items():
        label = child_blocks[name].label.lower() if name in child_blocks else name
        for child in child_error.error_list:
            if child.code == "required":
                messages.append(f"FAQ {number}: {label} is required.")
            else:
                messages.extend(f"FAQ {number}: {label}: {text}" for text in child.messages)
    messages.extend(f"FAQ {number}: {text}" for text in error.non_block_errors)
    return messages


class FAQStreamBlock(blocks.StreamBlock):
    """The ordered list of FAQ items of a page."""

    faq = FAQItemBlock()

    class Meta:
        block_counts = {}
        collapsed = True

    def clean(self, value):
        """Validate every item; besides the error shown on an item, list each problem
        above the FAQ naming the item by its position ("FAQ 7: answer is required."),
        since collapsed items hide their errors until opened.

        Raises :class:`~wagtail.blocks.stream_block.StreamBlockValidationError`.
        """
        try:
            return super().clean(value)
        except StreamBlockValidationError as error:
            named = [
                ValidationError(message)
                for index, item_error in sorted(error.block_errors.items())
                for message in _item_error_messages(
                    index + 1, item_error, self.child_blocks["faq"].child_blocks
                )
            ]
            raise StreamBlockValidationError(
                block_errors=error.block_errors,
                non_block_errors=[*named, *error.non_block_errors.as_data()],
            ) from error
