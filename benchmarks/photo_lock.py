"""Locking and releasing a gallery of 100 photos: seconds, and the release page's first request.

Run: `.venv/bin/python benchmarks/photo_lock.py` (a fresh example site in a temporary folder).
"""

import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, set_up_django  # noqa: E402

PHOTOS = 100


def run() -> dict:
    import time_machine
    from django.test import Client
    from django.utils import timezone

    from announcements import photo_lock
    from announcements.models import PhotoLock, PressReleaseIndexPage, PressReleasePage
    from example_site.home.demo.images import demo_image

    index = PressReleaseIndexPage.objects.first()
    release = index.get_children().type(PressReleasePage).first().specific
    opens = timezone.now() + dt.timedelta(days=1)
    item = {"alt_text": "Foto", "caption": "Bild", "credit": "Bench"}
    items = [{**item, "image": demo_image(f"Bench {n}", 1000 + n)} for n in range(PHOTOS)]
    gallery = {"heading": "Fotos", "release_at": opens, "images": items}
    kept = [(b.block_type, b.value) for b in release.body if b.block_type != "image_gallery"]
    release.body = [*kept, ("image_gallery", gallery)]
    started = time.perf_counter()
    release.save_revision().publish()
    lock_seconds = time.perf_counter() - started
    locked = PhotoLock.objects.filter(page=release).count()
    client = Client()
    with time_machine.travel(opens + dt.timedelta(seconds=1), tick=False):
        started = time.perf_counter()
        released = photo_lock.release_due(page_id=release.pk)
        release_seconds = time.perf_counter() - started
        started = time.perf_counter()
        first = client.get(release.url)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        client.get(release.url, {"again": 1})
        second_seconds = time.perf_counter() - started
    return {
        "photos": PHOTOS,
        "locked": locked,
        "lock_on_publish_s": round(lock_seconds, 2),
        "released": released,
        "release_100_photos_s": round(release_seconds, 2),
        "first_page_request_after_release_s (makes 100 renditions)": round(first_seconds, 2),
        "second_request_s": round(second_seconds, 3),
        "status": first.status_code,
        "still_locked": PhotoLock.objects.filter(page=release).count(),
    }


if __name__ == "__main__":
    set_up_django()
    result = run()
    print(json.dumps(result, indent=2))
    (RESULTS / "photo_lock.json").write_text(json.dumps(result, indent=2) + "\n")
