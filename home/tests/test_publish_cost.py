"""Publishing a page with many FAQ items: the SQL cost does not grow with the number of
items, and Wagtail's reference index still records every internal link of every answer.
(Publish time is measured by ``make bench``, not here.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

pytestmark = pytest.mark.django_db


def test_publish_queries_are_constant_and_references_complete(make_landing_page):
    target = make_landing_page(title="Target", slug="target")
    answer = f'<p>See <a linktype="page" id="{target.id}">the target</a>.</p>'
    queries = {}
    for count in (13, 1000):
        page = make_landing_page(
            title=f"{count} questions",
            faqs=[(f"Question {number}?", answer) for number in range(count)],
            publish=False,
        )
        draft = page.get_latest_revision_as_object()
        with CaptureQueriesContext(connection) as captured:
            draft.save_revision().publish()
        queries[count] = len(captured)
        references = ReferenceIndex.get_references_to(target).filter(object_id=str(page.id))
        assert references.count() == count
        assert {reference.model_path for reference in references} == {"faqs.faq.answer"}
    assert queries[13] == queries[1000]
