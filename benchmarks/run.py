"""All benchmarks in one run: `make bench`. Prints tables, writes JSON and the archive plot.

Every figure is a ratio or count measured side by side in this run; compare runs on the same
machine, not machines. Results: benchmarks/results/latest.json, docs/benchmark-archive.png.
"""

import datetime as dt
import json
import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, ROOT, machine, set_up_django, table  # noqa: E402


def main():
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["PRESSROOM_CACHE_PREFIX"] = f"pressroom-bench-{uuid.uuid4().hex[:8]}"
    set_up_django()
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # readers and the publisher side by side
            cursor.execute("PRAGMA journal_mode=WAL")

    from announcements.models import PressReleasePage
    from benchmarks import audit_throughput, http_load, importing, pages
    from benchmarks.plot import line_chart

    results = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "database": connection.vendor,
    }
    print("== audits of the demo pages ==", flush=True)  # first: before the archive pages exist
    results["audits"] = audit_throughput.run()
    print("== pages: queries and render times ==", flush=True)
    results["pages"] = pages.run()
    print("== HTTP: gunicorn + wrk ==", flush=True)
    release = PressReleasePage.objects.get(slug="120-neue-online-dienste")
    results["http"] = http_load.run(release)
    print("== import of legacy releases ==", flush=True)
    results["import"] = importing.run(import_index())

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    archive = results["pages"]["archive"]
    sizes = [int(size) for size in archive]
    line_chart(
        ROOT / "docs" / "benchmark-archive.png",
        "Render time against archive size (median of 15, full-page cache off)",
        sizes,
        {
            name: [archive[str(size)][key]["seconds"] * 1000 for size in sizes]
            for name, key in (
                ("archive page 1", "page_1"),
                ("archive page 500", "page_500"),
                ("RSS feed", "feed"),
            )
        },
    )
    print(report(results))


def import_index():
    from announcements.models import Issuer, PressReleaseIndexPage
    from example_site.home.models import HomePage

    home = HomePage.objects.get(depth=2, locale__language_code="de")
    index = PressReleaseIndexPage(title="Import", slug="import", issuer=Issuer.objects.get())
    home.add_child(instance=index)
    return index


def report(results) -> str:
    pages, http, audits = results["pages"], results["http"], results["audits"]
    gallery = pages["release_page_queries_by_gallery_size"]
    out = [f"{results['date']}, {results['machine']}, {results['database']}", ""]
    out.append(
        table(
            ["photos in gallery", "queries", "ms"],
            [
                [size, row["queries"], round(row["seconds"] * 1000, 1)]
                for size, row in gallery.items()
            ],
        )
    )
    render = pages["render"]
    out += [
        "",
        table(
            ["page", "ms"],
            [
                ["release page", round(render["release_page_seconds"] * 1000, 2)],
                ["plain Wagtail page, same text", round(render["plain_page_seconds"] * 1000, 2)],
                ["ratio", render["ratio"]],
            ],
        ),
    ]
    rows = []
    for size, row in pages["archive"].items():
        for name, cell in row.items():
            rows.append([size, name, cell["queries"], round(cell["seconds"] * 1000, 2)])
    out += ["", table(["releases", "page", "queries", "ms"], rows)]
    growth = pages["archive_growth_10000_vs_100"]
    out += [
        "",
        table(
            ["10,000 vs 100 releases", "time ratio"],
            [[name, value] for name, value in growth.items()],
        ),
    ]
    load = http["publishing_under_load"]
    out += [
        "",
        table(
            [
                "HTTP (wrk, 127.0.0.1)",
                "requests/s",
                "requests",
                "non-2xx",
                "socket errors",
                "p99 ms",
            ],
            [
                [
                    "release page, no page cache (50 conn., 15 s)",
                    *_wrk(http["release_page_uncached"]),
                ],
                ["release page, page cache (50 conn., 15 s)", *_wrk(http["release_page_cached"])],
                ["while publishing (100 conn., 30 s)", *_wrk(load)],
            ],
        ),
    ]
    out += [
        f"cached vs uncached: {http['cached_vs_uncached']}×; while publishing: "
        f"{load['publishes']} publishes, {load.get('mixed')} mixed responses, "
        f"{load.get('failed')} failed, versions seen A={load.get('version_a')} "
        f"B={load.get('version_b')}"
    ]
    static, axe = audits["static"], audits["axe"]
    out += [
        "",
        table(
            ["audit engine", "pages/s", "memory over 1,000 pages"],
            [
                [
                    "static",
                    f"{static['pages_per_second']} (CPU time: {static['pages_per_cpu_second']}; "
                    f"one run: {static['one_run_pages_per_second_1_process']}, "
                    f"2 processes: {static['one_run_pages_per_second_2_processes']})",
                    f"{static['peak_traced_memory_mib_1000_pages']} MiB traced peak",
                ],
                [
                    "axe",
                    axe["pages_per_second"],
                    f"{axe['peak_rss_mib_1000_pages_python_and_browser']} MiB RSS peak "
                    "(Python + Chromium)",
                ],
            ],
        ),
    ]
    imported = results["import"]
    out += [
        "",
        table(
            ["import", "seconds", "releases/s", "unchanged re-import s"],
            [
                [
                    imported["releases"],
                    imported["seconds"],
                    imported["releases_per_second"],
                    imported["reimport_unchanged_seconds"],
                ]
            ],
        ),
    ]
    return "\n".join(out)


def _wrk(row):
    return [
        row["requests_per_second"],
        row["requests"],
        row["non_2xx"],
        row["socket_errors"],
        row["p99_ms"],
    ]


if __name__ == "__main__":
    main()
