"""The editor's preview POSTs are parsed by the ``multipart`` library
(:mod:`badgecms.home.editors.preview_forms`, issue 15): the same fields as Django's
parser gives, for any form; Django's parser for everything else (files, limits,
malformed bodies, other URLs). The previews themselves: home/tests/test_preview.py and
the browser tests (Chromium's own multipart encoding)."""

from io import BytesIO

import pytest
from django.http import QueryDict
from django.http.multipartparser import MultiPartParser
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from hypothesis import given, settings
from hypothesis import strategies as st

from badgecms.home.editors.preview_forms import PreviewPostData, is_preview_post, parse_form
from tests.helpers.editor_forms import editor_form_data

PREVIEW_URL = "/admin/pages/3/edit/preview/"

names = st.text(st.sampled_from("aZ09_-.:[] "), min_size=1)
values = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)


def post(data, path=PREVIEW_URL, body=None, content_type=MULTIPART_CONTENT):
    body = encode_multipart(BOUNDARY, data) if body is None else body
    return RequestFactory().generic("POST", path, body, content_type=content_type)


def django_fields(request):
    meta = {"CONTENT_TYPE": request.META["CONTENT_TYPE"], "CONTENT_LENGTH": len(request.body)}
    fields, _files = MultiPartParser(meta, BytesIO(request.body), request.upload_handlers).parse()
    return fields


def as_lists(fields):
    return list(fields.lists())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names, values), max_size=30))
def test_any_form_gives_the_fields_django_gives(pairs):
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    # Every value of a name (a QueryDict's items() gives only the last one).
    request = post(dict(data.lists()))
    assert as_lists(parse_form(request)) == as_lists(django_fields(post(dict(data.lists()))))


def test_repeated_names_keep_every_value_in_order():
    fields = parse_form(post({"tag": ["b", "a", "b"], "title": "T"}))
    assert as_lists(fields) == [("tag", ["b", "a", "b"]), ("title", ["T"])]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(values, values), max_size=30))
def test_form_fields_copy_and_encode_as_a_query_dict_does(pairs):
    plain, fields = QueryDict(mutable=True), PreviewPostData(mutable=True)
    for name, value in pairs:
        plain.appendlist(name, value)
        fields.appendlist(name, value)
    copied = fields.copy()
    assert type(copied) is PreviewPostData and copied._mutable
    assert as_lists(copied) == as_lists(plain.copy())
    copied.appendlist("added", "1")
    assert "added" not in fields
    assert fields.urlencode() == plain.urlencode()
    assert fields.urlencode(safe="/") == plain.urlencode(safe="/")
    assert as_lists(QueryDict(fields.urlencode())) == as_lists(plain)


@pytest.mark.django_db
def test_the_editor_form_of_a_page_gives_the_fields_django_gives(seed_page):
    data = editor_form_data(seed_page)
    fields = parse_form(post(data))
    assert fields is not None and not fields._mutable
    assert as_lists(fields) == as_lists(django_fields(post(data)))
    assert fields["title"] == seed_page.title


def test_undecodable_bytes_are_replaced_as_django_replaces_them():
    body = (
        (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\n').encode()
        + b"Caf\xe9\r\n"
        + f"--{BOUNDARY}--\r\n".encode()
    )
    assert as_lists(parse_form(post({}, body=body))) == as_lists(django_fields(post({}, body=body)))
    assert parse_form(post({}, body=body))["title"] == "Caf\ufffd"


def test_files_limits_and_malformed_bodies_are_left_to_django(settings):
    upload = BytesIO(b"image bytes")
    upload.name = "art.png"
    assert parse_form(post({"title": "T", "image": upload})) is None
    assert parse_form(post({}, body=b"--nothing like a multipart body")) is None
    assert parse_form(post({}, content_type="multipart/form-data")) is None  # no boundary
    bad_boundary = f"multipart/form-data; boundary={'x' * 201}"
    assert parse_form(post({}, body=b"", content_type=bad_boundary)) is None
    assert parse_form(post({"naïve": "1"})) is None
    assert parse_form(post({'a"b': "1"})) is None
    encoded = encode_multipart(BOUNDARY, {"a": "MQ=="}).replace(
        b"\r\n\r\nMQ==", b"\r\nContent-Transfer-Encoding: base64\r\n\r\nMQ=="
    )
    assert b"base64" in encoded and parse_form(post({}, body=encoded)) is None
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 2
    assert parse_form(post({"a": "1", "b": "2"})) is not None
    assert parse_form(post({"a": "1", "b": "2", "c": "3"})) is None
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    assert parse_form(post({"a": "1"})) is None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/admin/pages/3/edit/preview/", True),
        ("/admin/pages/add/badgecms_home/badgelandingpage/3/preview/", True),
        ("/admin/frontend-preview/3/", True),
        ("/admin/frontend-preview/add/badgecms_home/badgelandingpage/3/", True),
        ("/admin/pages/3/edit/", False),
        ("/admin/images/multiple/add/", False),
        ("/no/such/url/", False),
    ],
)
def test_only_preview_posts_are_parsed_here(path, expected):
    assert is_preview_post(post({"a": "1"}, path=path)) is expected
    assert is_preview_post(RequestFactory().get(path)) is False
    form = RequestFactory().post(path, "a=1", content_type="application/x-www-form-urlencoded")
    assert is_preview_post(form) is False


@pytest.mark.django_db
def test_the_editors_preview_posts_never_reach_djangos_parser(seed_page, moderator, monkeypatch):
    """The middleware is installed and parses the preview panel's POST before the CSRF
    check reads it: with Django's multipart parser out of order, the preview still
    works (CSRF checked, as in a browser), while the editor's own save (not a preview)
    still goes to Django's parser."""
    editor_client = Client(enforce_csrf_checks=True)
    editor_client.force_login(moderator)
    editor_client.get(f"/admin/pages/{seed_page.pk}/edit/")  # sets the CSRF cookie

    def out_of_order(self):
        raise AssertionError("Django's multipart parser was called")

    monkeypatch.setattr(MultiPartParser, "parse", out_of_order)
    url = f"/admin/pages/{seed_page.pk}/edit/preview/"
    data = editor_form_data(seed_page, title="Typed, not saved")
    data["csrfmiddlewaretoken"] = editor_client.cookies["csrftoken"].value
    assert editor_client.post(url, {**data, "csrfmiddlewaretoken": "x" * 32}).status_code == 403
    assert editor_client.post(url, data).json() == {"is_valid": True, "is_available": True}
    preview = editor_client.get(url, {"mode": "api"})
    assert preview.json()["title"] == "Typed, not saved"
    with pytest.raises(AssertionError, match="multipart parser was called"):
        editor_client.post(f"/admin/pages/{seed_page.pk}/edit/", data)
