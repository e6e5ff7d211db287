"""Queries and render times of release pages, archive pages and feeds, in one run.

1. queries of a release page with a gallery of 1, 10 and 100 photos;
2. render time of a release page against a plain Wagtail page with the same text;
3. archive page 1, page 500 and the RSS feed with 100, 1,000 and 10,000 releases.

Rendering is measured with the full-page cache switched off (in-process requests through the
whole Django stack, Wagtail's rendition cache warm). Run with `make bench`.
"""

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .common import median_seconds

GALLERY_SIZES = (1, 10, 100)
ARCHIVE_SIZES = (100, 1_000, 10_000)
TEXT = "".join(
    f"<p>Absatz {number}: Die Staatsregierung hat heute beschlossen, die Verwaltung weiter zu "
    "digitalisieren und alle Angebote barrierefrei zu gestalten.</p>"
    for number in range(8)
)


def uncached():
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "PageCache" not in name]


def queries(client, url) -> int:
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def timed(client, url, repeat=15) -> float:
    return median_seconds(lambda: client.get(url), repeat)


def release_fields(issuer, slug, body):
    from django.utils import timezone

    return dict(
        title=f"Benchmark {slug}",
        slug=slug,
        issuer=issuer,
        dateline="München",
        lead="Ein Satz Vorspann.",
        release_date=timezone.now(),
        body=body,
    )


def gallery_pages(index, issuer):
    from announcements.models import PressReleasePage
    from example_site.home.demo.images import demo_image

    photos = [
        demo_image(f"Benchmark-Foto {number}", number) for number in range(max(GALLERY_SIZES))
    ]
    pages = {}
    for size in GALLERY_SIZES:
        items = [
            {
                "image": photo,
                "alt_text": "Ein Foto.",
                "caption": "Bildunterschrift.",
                "credit": "StMDV",
            }
            for photo in photos[:size]
        ]
        body = [("image_gallery", {"heading": "Fotos", "release_at": None, "images": items})]
        page = index.add_child(
            instance=PressReleasePage(**release_fields(issuer, f"galerie-{size}", body))
        )
        page.save_revision().publish()
        pages[size] = page.url
    return pages


def text_pages(home, index, issuer):
    from announcements.models import PressReleasePage
    from example_site.home.models import StandardPage

    release = index.add_child(
        instance=PressReleasePage(**release_fields(issuer, "nur-text", [("paragraph", TEXT)]))
    )
    release.save_revision().publish()
    plain = home.add_child(
        instance=StandardPage(title="Benchmark nur Text", slug="nur-text", body=TEXT)
    )
    plain.save_revision().publish()
    return release.url, plain.url


def archives(home, issuer):
    from announcements.models import PressReleaseIndexPage
    from example_site.home.demo.bulk import bulk_releases

    indexes = {}
    for size in ARCHIVE_SIZES:
        index = home.add_child(
            instance=PressReleaseIndexPage(title=f"Archiv {size}", slug=f"archiv-{size}")
        )
        index.save_revision().publish()
        bulk_releases(index, issuer, size)
        indexes[size] = index.url
    return indexes


def run() -> dict:
    from announcements.models import Issuer, PressReleaseIndexPage
    from example_site.home.models import HomePage

    uncached()
    client = Client()
    home = HomePage.objects.get(depth=2, locale__language_code="de")
    index = PressReleaseIndexPage.objects.get(slug="pressemitteilungen")
    issuer = Issuer.objects.get()

    gallery = {size: url for size, url in gallery_pages(index, issuer).items()}
    gallery_result = {
        str(size): {"queries": queries(client, url), "seconds": round(timed(client, url, 7), 4)}
        for size, url in gallery.items()
    }
    release_url, plain_url = text_pages(home, index, issuer)
    release_seconds, plain_seconds = timed(client, release_url, 30), timed(client, plain_url, 30)

    archive_result = {}
    for size, url in archives(home, issuer).items():
        row = {}
        for name, suffix in (("page_1", ""), ("page_500", "?page=500"), ("feed", "feed/rss/")):
            target = url + suffix
            row[name] = {
                "queries": queries(client, target),
                "seconds": round(timed(client, target), 4),
            }
        archive_result[str(size)] = row
    smallest, largest = str(ARCHIVE_SIZES[0]), str(ARCHIVE_SIZES[-1])
    growth = {
        name: round(
            archive_result[largest][name]["seconds"] / archive_result[smallest][name]["seconds"], 2
        )
        for name in ("page_1", "page_500", "feed")
    }
    return {
        "release_page_queries_by_gallery_size": gallery_result,
        "render": {
            "release_page_seconds": round(release_seconds, 4),
            "plain_page_seconds": round(plain_seconds, 4),
            "ratio": round(release_seconds / plain_seconds, 2),
        },
        "archive": archive_result,
        "archive_growth_10000_vs_100": growth,
    }
