"""schema.org FAQPage data and the FAQ blocks."""

from badgecms.faq.blocks import FAQItemBlock
from badgecms.faq.structured_data import faq_page
from badgecms.faq.templatetags.badgecms_faq import json_ld


def test_faq_page_has_one_question_with_accepted_answer_per_item():
    data = faq_page(
        [
            {"question": "One?", "answer": "<p>1</p>"},
            {"question": "Two?", "answer": "<p>2</p>"},
        ]
    )
    assert data == {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": "One?",
                "acceptedAnswer": {"@type": "Answer", "text": "<p>1</p>"},
            },
            {
                "@type": "Question",
                "name": "Two?",
                "acceptedAnswer": {"@type": "Answer", "text": "<p>2</p>"},
            },
        ],
    }


def test_json_ld_escapes_markup_characters():
    html = json_ld({"name": "</script><!-- & -->"})
    assert html == (
        '<script type="application/ld+json">'
        '{"name":"\\u003C/script\\u003E\\u003C!-- \\u0026 --\\u003E"}</script>'
    )


def test_question_is_required_and_at_most_255_characters():
    block = FAQItemBlock()
    question = block.child_blocks["question"]
    answer = block.child_blocks["answer"]
    assert question.field.required and question.field.max_length == 255
    assert answer.field.required
    assert block.meta.label_format == "{question}"
