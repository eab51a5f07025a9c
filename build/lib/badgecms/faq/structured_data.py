"""schema.org ``FAQPage`` structured data (https://schema.org/FAQPage), built from the same
FAQ items the accordion shows, for the page's JSON-LD and the API's ``structured_data``.
"""

from collections.abc import Iterable, Mapping


def faq_page(items: Iterable[Mapping[str, str]]) -> dict:
    """Return a schema.org ``FAQPage`` object for ``items``.

    Each item is a mapping with ``question`` (plain text) and ``answer`` (front-end HTML,
    which Google's FAQ rich results accept in ``Answer.text``). The result has one
    ``Question`` per item, in order, each with an ``acceptedAnswer`` of type ``Answer``.
    """
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": item["answer"]},
            }
            for item in items
        ],
    }
