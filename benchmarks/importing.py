"""Import throughput: 1,000 generated legacy releases (text and HTML) through import_releases,
and an old-style website of 200 releases crawled from 127.0.0.1 with --crawl.

Alone: `python -m benchmarks.importing [--releases 1000] [--crawl 200]` on a fresh example site
(SQLite, or the database in DATABASE_URL); writes benchmarks/results/import-<database>.json.
"""

import argparse
import io
import json
import os
import tempfile
import time
from pathlib import Path

from django.core.management import call_command

RELEASES = 1_000
TEXT = """Sie befinden sich hier: Startseite > Presse

Mitteilung Nummer {n}: Förderung für Gemeinde {n}

München, {day}. Juli 2018, 10:30 Uhr

+++ Die Gemeinde {n} erhält eine Förderung von {n}.000 Euro für ihr Bürgerbüro. +++

Das Geld fließt in barrierefreie Zugänge und längere Öffnungszeiten.

„Wir unterstützen jede Gemeinde“, erklärte Innenminister Joachim Herrmann.

Näheres zum Programm finden Sie unter:
https://www.example.org/programm/{n}

Inhalt | Datenschutz | Impressum | Barrierefreiheit
"""
HTML = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><script>x()</script></head>
<body><nav><a href="/">Start</a></nav><main><h1>Mitteilung Nummer {n}: Schulen in Kreis {n}</h1>
<p>Nürnberg, {day}.07.2019</p><p>+++ Der Kreis {n} erhält neue Tablets für alle Schulen. +++</p>
<p>Die Geräte werden <em>zentral</em> verwaltet, siehe <a href="https://www.example.org/{n}">Portal</a>.</p>
</main><footer>Impressum</footer></body></html>"""


def timed(*args):
    started = time.perf_counter()
    try:
        call_command("import_releases", *map(str, args), stdout=io.StringIO())
    except Exception as error:  # a failing source ends the command with CommandError
        print(f"  ({error})")
    return time.perf_counter() - started


def run(index, releases=RELEASES, publish=False) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="pressroom-import-"))
    for n in range(releases):
        day = n % 28 + 1
        if n % 2:
            (folder / f"{n:04d}.html").write_text(HTML.format(n=n, day=day), encoding="utf-8")
        else:
            (folder / f"{n:04d}.txt").write_text(TEXT.format(n=n, day=day), encoding="cp1252")
    flags = ["--publish"] if publish else []
    first = timed(folder, "--parent", index.pk, *flags)
    again = timed(folder, "--parent", index.pk, *flags)
    return {
        "releases": releases,
        "publish": publish,
        "seconds": round(first, 1),
        "releases_per_second": round(releases / first, 1),
        "reimport_unchanged_seconds": round(again, 1),
    }


def crawl(index, releases=200) -> dict:
    from tests import oldsite

    folder = Path(tempfile.mkdtemp(prefix="pressroom-oldsite-"))
    archive, _count = oldsite.build(folder, releases=releases, per_page=20)
    with oldsite.serve(folder) as (server, base):
        args = ["--crawl", base + archive, "--parent", index.pk, "--delay", "0", "--publish"]
        first = timed(*args)
        requests = len(server.requested)
        again = timed(*args)
    return {
        "releases": releases,
        "requests": requests,
        "seconds": round(first, 1),
        "releases_per_second": round(releases / first, 1),
        "recrawl_unchanged_seconds": round(again, 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--releases", type=int, default=RELEASES)
    parser.add_argument("--crawl", type=int, default=200, help="0: no crawl")
    parser.add_argument("--output", help="JSON file (default: results/import-<database>.json)")
    options = parser.parse_args()
    from benchmarks.common import RESULTS, machine, set_up_django, table

    os.environ.setdefault("DJANGO_DEBUG", "0")  # as in production: no query log
    set_up_django()
    from django.db import connection
    from wagtail.images import get_image_model

    results = {"machine": machine(), "database": connection.vendor}
    results["import_publish"] = run(new_index("import"), options.releases, publish=True)
    if options.crawl:
        results["crawl"] = crawl(new_index("crawl"), options.crawl)
        results["crawl"]["photos"] = get_image_model().objects.count()
    target = Path(options.output or RESULTS / f"import-{connection.vendor}.json")
    target.write_text(json.dumps(results, indent=2) + "\n")
    imported = results["import_publish"]
    keys = ("releases", "seconds", "releases_per_second", "recrawl_unchanged_seconds", "photos")
    crawled = results.get("crawl", dict.fromkeys(keys, "–"))
    print(
        table(
            ["case", "releases", "seconds", "releases/s", "unchanged again, s"],
            [
                [
                    "import --publish",
                    imported["releases"],
                    imported["seconds"],
                    imported["releases_per_second"],
                    imported["reimport_unchanged_seconds"],
                ],
                [
                    "crawl --publish",
                    crawled["releases"],
                    crawled["seconds"],
                    crawled["releases_per_second"],
                    crawled["recrawl_unchanged_seconds"],
                ],
            ],
        )
    )
    print(f"{connection.vendor}, {results['machine']}; {crawled['photos']} photos; → {target}")


def new_index(slug):
    from announcements.models import Issuer, PressReleaseIndexPage
    from example_site.home.models import HomePage

    home = HomePage.objects.get(depth=2, locale__language_code="de")
    index = PressReleaseIndexPage(title=slug, slug=slug, issuer=Issuer.objects.get())
    home.add_child(instance=index)
    return index


if __name__ == "__main__":
    main()
