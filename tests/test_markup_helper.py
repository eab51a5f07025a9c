"""The XSS detector the hardening tests rely on must itself catch each kind of payload."""

import pytest

from tests.helpers.markup import executable_markup, executable_markup_in_json


@pytest.mark.parametrize(
    ("html", "finding"),
    [
        ("<script>alert(1)</script>", "<script> element"),
        ('<img src="x" onerror="alert(1)">', "onerror= on <img>"),
        ("<svg onload=alert(1)></svg>", "<svg> element"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe> element"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style= on <p>"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "javascript: URL in href= on <a>"),
        ('<a href=" JAVASCRIPT:alert(1)">x</a>', "javascript: URL in href= on <a>"),
        ('<a href="data:text/html,<script>">x</a>', "data: URL in href= on <a>"),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "srcdoc= on <iframe>"),
    ],
)
def test_detects_each_kind_of_executable_markup(html, finding):
    assert finding in executable_markup(html)


def test_inert_markup_and_escaped_text_pass():
    html = (
        '<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://example.org">x</a> '
        '<a href="mailto:a@example.org">mail</a> <a href="/badges/">rel</a></p>'
    )
    assert executable_markup(html) == []


def test_json_html_values_are_inspected_and_raw_angle_brackets_flagged():
    assert executable_markup_in_json('{"intro": "\\u003cb\\u003eok\\u003c/b\\u003e"}') == []
    assert executable_markup_in_json('{"question": "\\u003cscript\\u003e is text"}') == []
    assert executable_markup_in_json(
        '{"mainEntity": [{"acceptedAnswer": {"@type": "Answer", "text": "\\u003cscript\\u003e"}}]}'
    ) == ["<script> element"]
    assert executable_markup_in_json('{"answer": "\\u003cimg src=x onerror=alert(1)\\u003e"}') == [
        "onerror= on <img>"
    ]
    assert executable_markup_in_json('{"a": "<b>"}') == ["raw < in the JSON body"]
