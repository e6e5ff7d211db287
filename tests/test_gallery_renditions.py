"""Gallery photos: renditions made when the release is published, fetched in one query, srcset."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images import get_image_model

from announcements import renditions
from example_site.home.demo.images import demo_image

from .conftest import gallery_block
from .helpers import soup_of


def gallery_of(photos):
    block = gallery_block(photos[0])
    items = [{**block[1]["images"][0], "image": photo} for photo in photos]
    return ("image_gallery", {**block[1], "images": items})


def render_queries(client, url, settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "PageCache" not in name]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return soup_of(response), len(captured.captured_queries)


def test_publishing_makes_the_renditions_a_visitor_needs(make_release, photo):
    renditions = get_image_model().get_rendition_model().objects
    assert not renditions.filter(image=photo).exists()
    make_release(body=[gallery_of([photo])])
    assert set(renditions.filter(image=photo).values_list("filter_spec", flat=True)) >= {
        "max-400x300",
        "max-800x600",
    }


def test_many_photos_cost_the_queries_of_one_and_create_nothing(client, make_release, settings):
    photos = [demo_image(f"Foto {number}", seed=number) for number in range(30)]
    one = make_release(slug="eins", body=[gallery_of(photos[:1])])
    many = make_release(slug="viele", body=[gallery_of(photos)])
    renditions = get_image_model().get_rendition_model().objects
    before = renditions.count()
    render_queries(client, one.url, settings)  # the site's own first-request lookups
    _soup, queries_one = render_queries(client, one.url, settings)
    soup, queries_many = render_queries(client, many.url, settings)
    assert queries_many == queries_one
    assert renditions.count() == before  # nothing created while a visitor waits
    images = soup.select(".gallery img")
    assert len(images) == 30
    widths = [candidate.split()[-1] for candidate in images[0]["srcset"].split(",")]
    assert widths == ["400w", "800w"] and images[0]["sizes"]


@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example/medien/"])
def test_photo_addresses_equal_the_storages_own(base_url, tmp_path):
    storage = FileSystemStorage(location=tmp_path, base_url=base_url)
    names = [
        "images/foto.width-400.jpg",
        "original_images/pr-0123abcd.JPG",
        "images/Pressefoto Minister (1).jpg",
        "images/Übergabe_Förderbescheid.jpg",
        "images/a%20b#c?d.jpg",
        "images/it's.png",
        "/images/leading-slash.jpg",
        "images/./dot/../segments.jpg",
    ]
    url = renditions.url_maker(storage)
    assert [url(name) for name in names] == [storage.url(name) for name in names]


def test_download_labels_formatted_once_equal_those_formatted_each_time():
    class Photo:
        def __init__(self, width, height, size):
            self.width, self.height, self.size = width, height, size

        def get_file_size(self):
            return self.size

    sizes = [0, 1, 1023, 1024, 1075, 1076, 26366, 26821, 10**6, 2_411_724, 2_411_725, 5 * 2**30]
    sizes += [2**50 * 3 + 17, 2**60]
    photos = [Photo(width, 4000, size) for width in (6000, 12000) for size in sizes]
    with translation.override("de"):
        label = renditions.label_maker()
        assert [label(photo) for photo in photos] == [
            renditions.label_maker()(photo) for photo in photos
        ]
        assert label(Photo(12000, 8000, 2_411_724)) == (
            "In hoher Auflösung herunterladen (12000 × 8000 Pixel, 2,3\xa0MB)"
        )


def test_caption_and_credit_are_shown_as_text_escaped_once(client, make_release, photo, settings):
    """The photo's texts are escaped in Python (renditions.photo), not by the template."""
    hostile = '<script>alert(1)</script> Tom & Jerry "zu Gast"'
    gallery = gallery_of([photo])
    gallery[1]["images"][0].update(caption=hostile, credit="StMD & <b>Foto</b>")
    release = make_release(body=[gallery])
    soup, _queries = render_queries(client, release.url, settings)
    figure = soup.select_one(".gallery figure")
    assert figure.find("script") is None and figure.find("b") is None
    assert figure.figcaption.get_text(" ", strip=True).startswith(hostile)
    assert figure.select_one(".gallery__credit").get_text().endswith("StMD & <b>Foto</b>")
    download = soup.select_one(".gallery__download a")
    assert download.select_one(".visually-hidden").get_text() == f": {hostile}"
    assert download["href"].startswith("/") and "&amp;" not in download.get_text()
