"""A 100-photo gallery against a 1-photo one, and a cached release against a static file.

    .venv/bin/python benchmarks/gallery_and_cache.py [--repeat 15] [--seconds 10]

1. in-process requests (full-page cache off) of two releases that differ only in their gallery:
   1 or 100 photos; queries, renditions created during the requests, median time, rounds
   interleaved;
2. gunicorn (2 workers) on 127.0.0.1 with the page cache in Redis, wrk (2 threads, 20
   connections, `--seconds` each): the cached release page against a media file (a photo's
   original, served by the same gunicorn through Django's static view).

Writes benchmarks/results/gallery_and_cache.json.
"""

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, machine, set_up_django  # noqa: E402


def galleries(repeat) -> dict:
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.images import get_image_model

    from announcements.models import Issuer, PressReleaseIndexPage
    from benchmarks.pages import gallery_pages

    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "PageCache" not in name]
    index = PressReleaseIndexPage.objects.get(slug="pressemitteilungen")
    urls = gallery_pages(index, Issuer.objects.get())
    renditions = get_image_model().get_rendition_model().objects
    client, result = Client(), {}
    created = renditions.count()
    for size, url in urls.items():
        reset_queries()  # the log keeps 9,000 queries: setting up the demo filled it
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        result[str(size)] = {"first_request_queries": len(captured.captured_queries)}
    result["renditions_created_by_first_requests"] = renditions.count() - created
    times = {size: [] for size in urls}
    cpu = {size: [] for size in urls}
    for _round in range(repeat):
        for size, url in urls.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times[size].append(time.perf_counter() - started)
            cpu[size].append(time.process_time() - started_cpu)
    for size in urls:
        result[str(size)]["ms"] = round(median(times[size]) * 1000, 1)
        result[str(size)]["cpu_ms"] = round(median(cpu[size]) * 1000, 1)
    # CPU time (SQLite runs in this process) varies less than wall time on a busy machine.
    result["100_vs_1_cpu"] = round(result["100"]["cpu_ms"] / result["1"]["cpu_ms"], 2)
    result["100_vs_1"] = round(result["100"]["ms"] / result["1"]["ms"], 2)
    return result


def cached_vs_static(seconds) -> dict:
    from announcements.models import PressReleasePage
    from benchmarks import http_load

    http_load.GUNICORN_WORKERS = 2
    release = PressReleasePage.objects.get(slug="galerie-1")
    photo_url = next(iter(release.body[0].value["images"]))["image"].file.url
    with http_load.Server() as server:
        http_load.wrk(server.url(release.url), 10, 2)  # warm-up: the copy is cached
        cached = http_load.wrk(server.url(release.url), 20, seconds)
        static = http_load.wrk(server.url(photo_url), 20, seconds)
    return {
        "cached_release": cached,
        "media_file": static,
        "cached_vs_static": round(cached["requests_per_second"] / static["requests_per_second"], 2),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["PRESSROOM_CACHE_PREFIX"] = f"pressroom-bench-{uuid.uuid4().hex[:8]}"
    set_up_django()
    from benchmarks import pages

    pages.GALLERY_SIZES = (1, 100)
    results = {"machine": machine(), "gallery": galleries(args.repeat)}
    print(json.dumps(results["gallery"], indent=2), flush=True)
    results["http"] = cached_vs_static(args.seconds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "gallery_and_cache.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results["http"], indent=2))


if __name__ == "__main__":
    main()
