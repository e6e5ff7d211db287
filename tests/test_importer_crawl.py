"""import_releases --crawl against an old-style website served from the test process."""

import csv

import pytest
from wagtail.images import get_image_model

from announcements.models import PressReleasePage

from . import oldsite
from .importing import bind, run


@pytest.fixture
def bound_index(press_index, issuer):
    return bind(press_index, issuer)


@pytest.fixture
def site(tmp_path):
    archive, releases = oldsite.build(tmp_path / "site")
    with oldsite.serve(tmp_path / "site") as (server, base):
        yield server, base + archive, releases


def crawl(url, index, *more):
    return run("--crawl", url, "--parent", index.pk, "--delay", "0", "--publish", *more)


def test_crawl_imports_every_release_with_its_photos(site, bound_index, tmp_path, client):
    server, url, releases = site
    report = tmp_path / "report.csv"
    code, out, err = crawl(url, bound_index, "--report", report)
    assert code == 1  # the failures below
    assert f"{releases + 4} release address(es) found" in out  # + broken, gone, PDF, robots
    assert f"{releases} created, 3 failed, 1 übersprungen (robots.txt)" in out
    assert f"{url}kaputt.html:1: kein Datum" in err
    assert f"{url}fehlt.html:0: HTTP-Fehler 404" in err
    assert f"{url}jahresbericht.pdf:0: keine HTML-Seite (application/pdf)" in err
    assert not any(path.startswith("/intern/") for path in server.requested)
    assert not any("kontakt" in path or "impressum" in path for path in server.requested)

    pages = PressReleasePage.objects.child_of(bound_index).live()
    assert pages.count() == releases
    page = pages.get(legacy_source=f"{url}projekt-2.html")
    assert page.title == "Förderung für Projekt 2" and page.dateline == "München"
    html = client.get(page.url).content.decode()
    assert "Der Minister besucht Projekt 2." in html and "StMB / Eva Bild" in html
    [gallery] = [block for block in page.body if block.block_type == "image_gallery"]
    [photo] = gallery.value["images"]
    assert photo["alt_text"] == "Minister Max Beispiel bei Projekt 2"
    assert photo["image"].description == "Minister Max Beispiel bei Projekt 2"
    assert (photo["caption"], photo["credit"]) == (
        "Der Minister besucht Projekt 2.",
        "StMB / Eva Bild",
    )
    assert get_image_model().objects.count() == sum(len(oldsite_photos(p)) for p in pages)

    no_alt = pages.get(legacy_source=f"{url}projekt-3.html")
    first = [b for b in no_alt.body if b.block_type == "image_gallery"][0].value["images"][0]
    assert first["alt_text"] == "Alternativtext fehlt (importiert)"
    assert "keinen Alternativtext" in no_alt.import_review_note

    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert len(rows) == releases + 4
    row = next(r for r in rows if r["source"] == f"{url}projekt-3.html")
    assert row["status"] == "created (live)" and row["page"] == no_alt.url_path
    assert "keinen Alternativtext" in row["review notes"]
    assert {r["status"] for r in rows if "kaputt" in r["source"]} == {"failed"}


def oldsite_photos(page):
    return [
        image for b in page.body if b.block_type == "image_gallery" for image in b.value["images"]
    ]


def test_a_second_crawl_changes_nothing_and_downloads_no_photo(site, bound_index):
    server, url, releases = site
    crawl(url, bound_index)
    images = get_image_model().objects.count()
    server.requested.clear()
    code, out, _err = crawl(url, bound_index)
    assert f"{releases} unchanged" in out
    assert get_image_model().objects.count() == images
    assert PressReleasePage.objects.count() == releases
    assert not any(path.startswith("/bilder/") for path in server.requested)


def test_limit_stops_after_that_many_releases(site, bound_index):
    _server, url, _releases = site
    code, out, _err = crawl(url, bound_index, "--limit", "5")
    assert code == 0 and "5 created" in out
    assert PressReleasePage.objects.count() == 5
