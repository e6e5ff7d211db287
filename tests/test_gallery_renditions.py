"""Gallery photos: renditions made when the release is published, fetched in one query, srcset."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

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
