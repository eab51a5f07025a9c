"""Fault: the disk holding media full. MEDIA_ROOT is a real 4 MiB tmpfs of the test's own,
filled with a file beside it until less room is left than the file being written.

Needs root (``mount -t tmpfs``); the tests fail, rather than skip, without it. CI runs
them as root.

Proves: an image upload that does not fit is a form error naming the problem on every
admin upload path (no 500, no file left in MEDIA_ROOT, no image row), and the same upload
succeeds once there is room; a rendition that does not fit leaves the page, the API, the
Open Badges documents and the schema.org data answering 200 with the original image's
URL (no rendition file, no rendition row), and is made on the first request once there
is room (the fallback response was not cached).
"""

import errno
import json
import os
import subprocess
from io import BytesIO, StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from badgecms.home.media_storage import DISK_FULL_MESSAGE, MediaDiskFullError, MediaStorage
from badgecms.home.models import Badge
from badgecms.home.tests.badge_builders import badge_art, make_badge, show_badges
from badgecms.home.tests.credly_server import ORGANIZATION, FakeCredly, badge_template
from tests.helpers.images import make_image

Image = get_image_model()
Rendition = Image.get_rendition_model()

#: Size of the media file system.
DISK_SIZE = "4m"
#: Room left on the full disk: less than :func:`noise_png` takes, more than nothing, so
#: that a write starts and stops half-way.
ROOM_LEFT = 64 * 1024


class SmallDisk:
    """A tmpfs of :data:`DISK_SIZE` mounted at ``mount_point``: ``media`` (MEDIA_ROOT)
    and a filler file beside it that takes the room."""

    def __init__(self, mount_point):
        self.mount_point = mount_point
        self.media = mount_point / "media"
        self.filler = mount_point / "filler"

    def mount(self):
        self.mount_point.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(self.mount_point)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (
            f"These tests need root to mount a tmpfs as MEDIA_ROOT: {result.stderr.strip()}"
        )
        self.media.mkdir()

    def unmount(self):
        # Lazy: a file object of the test (an image's file) may still be open.
        subprocess.run(["umount", "--lazy", str(self.mount_point)], check=True)

    def fill(self, room_left=ROOM_LEFT):
        """Write the filler until about ``room_left`` bytes are free."""
        with self.filler.open("ab") as filler:
            filler.write(b"\0" * (os.statvfs(self.mount_point).f_bavail * 4096 - room_left))
        assert 0 <= self.free() <= room_left + 4096

    def free(self):
        """Free bytes."""
        stat = os.statvfs(self.mount_point)
        return stat.f_bavail * stat.f_frsize

    def make_room(self):
        self.filler.unlink()

    def media_files(self, under=""):
        """Paths of the files under MEDIA_ROOT (or its folder ``under``), relative to it."""
        root = self.media / under
        return sorted(
            str(path.relative_to(self.media)) for path in root.rglob("*") if path.is_file()
        )


@pytest.fixture
def small_disk(settings, tmp_path):
    disk = SmallDisk(tmp_path / "disk")
    disk.mount()
    settings.MEDIA_ROOT = disk.media
    yield disk
    disk.unmount()


def noise_png(size=(200, 200)):
    """A PNG of random pixels (does not compress: about 120 KB at 200×200), as bytes."""
    buffer = BytesIO()
    PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(content, name="art.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_the_storage_removes_a_half_written_file_and_names_the_full_disk(small_disk):
    """The storage alone: a write that stops half-way leaves no file; the error is a
    ``MediaDiskFullError`` (an ``OSError`` with ``ENOSPC``) naming the file; a file
    already there with the same name is untouched."""
    storage = default_storage
    assert isinstance(storage, MediaStorage)
    storage.save("original_images/art.png", ContentFile(b"kept"))
    small_disk.fill()

    with pytest.raises(MediaDiskFullError) as error:
        storage.save("original_images/art.png", ContentFile(noise_png()))

    assert error.value.errno == errno.ENOSPC
    assert error.value.strerror == DISK_FULL_MESSAGE
    assert error.value.filename.startswith("original_images/art_")
    assert small_disk.media_files() == ["original_images/art.png"]
    assert (small_disk.media / "original_images/art.png").read_bytes() == b"kept"


# Upload paths of the admin: the image library's "Add an image" form, its multiple
# upload ("Add images"), and the chooser's upload tab (the badge's and the landing
# page's image fields). Each posts the file and returns (status, field error texts).


def post_add_form(client, content):
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Badge art",
            "file": upload(content),
            "collection": Collection.get_first_root_node().id,
        },
    )
    form = response.context["form"] if response.status_code == 200 else None
    return response.status_code, (form.errors.get("file", []) if form else [])


def post_multiple_upload(client, content):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"title": "Badge art", "files[]": upload(content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    data = response.json()
    return response.status_code, ([] if data["success"] else data["error_message"].split("\n"))


def post_chooser_upload(client, content):
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Badge art",
            "image-chooser-upload-file": upload(content),
            "image-chooser-upload-collection": Collection.get_first_root_node().id,
        },
    )
    data = response.json()
    if data["step"] != "reshow_creation_form":
        return response.status_code, []
    html = BeautifulSoup(data["htmlFragment"], "html.parser")
    return response.status_code, [
        error.get_text(strip=True) for error in html.select(".error-message, .help-critical")
    ]


UPLOADS = {
    "add": post_add_form,
    "multiple": post_multiple_upload,
    "chooser": post_chooser_upload,
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", UPLOADS)
def test_an_upload_that_does_not_fit_is_a_form_error_and_fits_once_there_is_room(
    editor_client, small_disk, path
):
    """Case a and c: less room than the file, then room."""
    post = UPLOADS[path]
    content = noise_png()
    small_disk.fill()
    assert len(content) > small_disk.free() + 4096

    status, errors = post(editor_client, content)

    assert status == 200
    assert errors == [DISK_FULL_MESSAGE]
    assert small_disk.media_files() == []
    assert Image.objects.count() == 0

    small_disk.make_room()
    status, errors = post(editor_client, content)

    assert status in (200, 302)
    assert errors == []
    image = Image.objects.get()
    assert small_disk.media_files("original_images") == [image.file.name]
    assert image.file.size == len(content)
    assert (small_disk.media / image.file.name).read_bytes() == content


@pytest.fixture
def page_and_badge(make_landing_page, small_disk):
    """A page with a 1200×900 badge image (also embedded in its intro, format
    "fullwidth") showing a badge with 400×400 art, both stored while the disk had room;
    no rendition yet."""
    badge = make_badge("Community Mentor", image=badge_art(), criteria_narrative="Mentor.")
    picture = make_image(size=(1200, 900))
    page = make_landing_page(
        title="Badges",
        slug="badges",
        badge_image=picture,
        intro=f'<p>Intro</p><embed embedtype="image" id="{picture.id}" format="fullwidth" '
        'alt="The badge"/>',
    )
    show_badges(page, [badge])
    assert Rendition.objects.count() == 0
    assert small_disk.media_files("images") == []
    return page, badge


def public_outputs(client, api_client, page, badge):
    """GET the page, its API detail and the badge's Open Badges 2 and 3 documents;
    return ``(statuses, image URLs)``: the hero image, the badge card, the page's
    schema.org item, the API's badge image (``url``, ``width``, ``height``), its badge
    art and structured data, the BadgeClass and Achievement images."""
    html_response = client.get(page.url)
    detail_response = api_client.get(f"/api/v1/pages/{page.id}/")
    badge_class_response = api_client.get(f"/api/v1/openbadges/v2/badges/{badge.id}/")
    achievement_response = api_client.get(f"/api/v1/openbadges/v3/achievements/{badge.id}/")
    statuses = [
        response.status_code
        for response in (html_response, detail_response, badge_class_response, achievement_response)
    ]
    html = BeautifulSoup(html_response.content, "html.parser")
    scripts = html.find_all("script", type="application/ld+json")
    item_list = next(json.loads(s.string) for s in scripts if '"ItemList"' in s.string)
    detail = detail_response.json()
    intro = BeautifulSoup(detail["intro"], "html.parser")
    return statuses, {
        "intro": html.select_one(".intro img, img[alt='The badge']")["src"],
        "api_intro": intro.img["src"],
        "hero": html.select_one("img.badge-image")["src"],
        "card": html.select_one("img.badge-art")["src"],
        "page_item": item_list["itemListElement"][0]["item"]["image"],
        "api_image": {key: detail["badge_image"][key] for key in ("url", "width", "height")},
        "api_badge_art": detail["badges"][0]["badge"]["image"]["url"],
        "api_item": detail["badges_structured_data"]["itemListElement"][0]["item"]["image"],
        "badge_class": badge_class_response.json()["image"],
        "achievement": achievement_response.json()["image"]["id"],
    }


@pytest.mark.django_db
def test_renditions_that_do_not_fit_fall_back_to_the_original_and_are_made_once_there_is_room(
    client, api_client, small_disk, page_and_badge
):
    """Case b: originals stored, no room for any rendition; then room."""
    page, badge = page_and_badge
    picture, art = page.badge_image, badge.image
    small_disk.fill(room_left=0)

    statuses, images = public_outputs(client, api_client, page, badge)

    assert statuses == [200, 200, 200, 200]
    original = f"/media/{picture.file.name}"
    original_art = f"http://testserver/media/{art.file.name}"
    assert images == {
        "intro": f"http://testserver{original}",
        "api_intro": f"http://testserver{original}",
        "hero": original,
        "card": f"/media/{art.file.name}",
        "page_item": original_art,
        "api_image": {"url": f"http://testserver{original}", "width": 1200, "height": 900},
        "api_badge_art": original_art,
        "api_item": original_art,
        "badge_class": original_art,
        "achievement": original_art,
    }
    assert Rendition.objects.count() == 0
    assert small_disk.media_files("images") == []

    small_disk.make_room()
    statuses, images = public_outputs(client, api_client, page, badge)

    assert statuses == [200, 200, 200, 200]
    assert images["api_image"]["url"].endswith(".max-800x800.png")
    assert (images["api_image"]["width"], images["api_image"]["height"]) == (800, 600)
    assert images["hero"].endswith(".max-320x320.png")
    assert images["intro"] == images["api_intro"]
    assert images["intro"].endswith(".width-800.png")
    assert images["card"].endswith(".fill-240x240.png")
    for name in ("page_item", "api_badge_art", "api_item", "badge_class", "achievement"):
        assert images[name].startswith("http://testserver/media/images/art.")
    made = {rendition.file.name for rendition in Rendition.objects.all()}
    assert set(small_disk.media_files("images")) == made
    assert {rendition.filter_spec for rendition in Rendition.objects.filter(image=picture)} >= {
        "max-320x320",
        "max-400x400",
        "max-800x800",
        "max-1600x1600",
        "width-800",
    }


@pytest.mark.django_db
def test_a_credly_sync_whose_images_do_not_fit_changes_nothing_and_leaves_no_file(
    settings, small_disk
):
    """Case a for the other way badge art arrives: the Credly sync (its command and the
    admin's action share ``sync_badge_templates``). Room for the first of three images."""
    with FakeCredly() as credly:
        settings.BADGECMS = {
            **settings.BADGECMS,
            "CREDLY_API_BASE_URL": credly.url,
            "CREDLY_API_TOKEN": "org-token-123",
        }
        credly.set_templates([badge_template(number, f"Badge {number}") for number in (1, 2, 3)])
        credly.failure = {"image_body": noise_png()}
        small_disk.fill(room_left=len(credly.failure["image_body"]) + 64 * 1024)

        with pytest.raises(CommandError) as error:
            call_command("sync_credly_badges", "--organization", ORGANIZATION, stdout=StringIO())

        assert str(error.value) == (
            "There is not enough space on the media disk for the badge images; nothing was changed."
        )
        assert (Badge.objects.count(), Image.objects.count()) == (0, 0)
        assert small_disk.media_files() == []

        small_disk.make_room()
        call_command("sync_credly_badges", "--organization", ORGANIZATION, stdout=StringIO())

        assert Badge.objects.filter(live=True).count() == 3
        assert small_disk.media_files() == sorted(image.file.name for image in Image.objects.all())
