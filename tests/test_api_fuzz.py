"""Property tests of the content API's query parameters and path values (Hypothesis):
whatever a client sends, every route of ``badgecms.api.urls`` answers below 500, and an error
answer is the API's JSON error body. Routes are read from ``badgecms.api.urls``, so endpoints
added later are fuzzed too."""

from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badgecms.api import urls as api_urls
from tests.helpers.error_probes import error_client

#: Parameter names frontends send, plus anything at all.
KNOWN_PARAMETERS = [
    "limit", "offset", "id", "slug", "locale", "html_path", "path", "fields", "type",
    "order", "search", "format", "token", "page", "child_of", "descendant_of", "site",
]  # fmt: skip
NASTY_VALUES = [
    "abc", "-5", "0", "100000", "1.5", "1e9", "99999999999999999999999", "faq\x00x", "zz-zz",
    "", " ", "%00", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>",
    "\ud7ff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "null", "true", "[]", "{}", "*", "-id", "__proto__",
]  # fmt: skip
values = st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=40))
parameters = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(min_size=1, max_size=15)),
    st.one_of(values, st.lists(values, min_size=2, max_size=3)),
    max_size=4,
)
raw_query_strings = st.lists(
    st.one_of(
        st.sampled_from(["%", "%zz", "%ff%fe", "%00", "&&", "==", "limit=%", "offset=%2", ";"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789=&%+;", max_size=10),
    ),
    max_size=6,
).map("".join)


def routes(patterns=api_urls.urlpatterns, prefix="badgecms_api"):
    """``(view name, {kwarg: converter})`` of every named route under ``badgecms.api.urls``."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}:{pattern.namespace}" if pattern.namespace else prefix
            yield from routes(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}:{pattern.name}", dict(pattern.pattern.converters)


ROUTES = sorted(routes())


def path_value(converter, page_id):
    if isinstance(converter, IntConverter):
        return st.one_of(st.just(page_id), st.integers(min_value=0, max_value=2**63))
    if isinstance(converter, SlugConverter):
        return st.from_regex(r"\A[-a-zA-Z0-9_]{1,30}\Z")
    if isinstance(converter, (StringConverter, PathConverter)):
        return st.text(min_size=1, max_size=30).map(lambda text: quote(text, safe=""))
    return st.from_regex(converter.regex, fullmatch=True)


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400 and response["Content-Type"] == "application/json":
        error = response.json()["error"]
        assert set(error) == {"code", "message", "field"}
        assert isinstance(error["message"], str) and error["message"]


def test_the_api_has_routes_to_fuzz():
    assert "badgecms_api:page-detail" in dict(ROUTES)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "converters"), ROUTES, ids=[name for name, _ in ROUTES])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), query=parameters, raw=raw_query_strings)
def test_no_query_string_or_path_value_gives_a_server_error(
    seed_page, name, converters, data, query, raw
):
    kwargs = {
        key: data.draw(path_value(converter, seed_page.id), label=key)
        for key, converter in converters.items()
    }
    path = reverse(name, kwargs=kwargs)
    client = error_client()
    assert_no_server_error(client.get(path, query))
    assert_no_server_error(client.get(f"{path}?{raw}"))
