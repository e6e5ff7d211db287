"""Release locked photos whose time has come and purge CDN copies of releases whose galleries
have just opened (run every minute)."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from announcements import photo_lock
from announcements.frontend_cache import enabled, purge_opened_galleries
from announcements.page_cache import page_cache

LAST_RUN_KEY = "pressroom:gallery-purge:last-run"


class Command(BaseCommand):
    help = (
        "Purge the frontend cache (CDN) of releases whose gallery release time has passed since "
        "the last run. Pages are correct without it (their max-age ends at the release time); "
        "this helps CDNs that keep pages longer than max-age."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since-minutes",
            type=int,
            default=10,
            help="Look back this far when there is no record of a last run (default 10).",
        )

    def handle(self, *args, since_minutes, **options):
        now = timezone.now()
        released = photo_lock.release_due(now)
        self.stdout.write(f"Released {released} locked photo(s) whose time has come.")
        last = page_cache().get(LAST_RUN_KEY)
        start = parse_datetime(last) if last else now - dt.timedelta(minutes=since_minutes)
        releases = purge_opened_galleries(start, now)
        page_cache().set(LAST_RUN_KEY, now.isoformat(), timeout=None)
        if not enabled():
            self.stdout.write("WAGTAILFRONTENDCACHE is not configured: nothing to purge.")
        for release in releases:
            self.stdout.write(f"Purged {release.url_path} (gallery opened)")
