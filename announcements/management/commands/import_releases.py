"""import_releases PATH... | --crawl URL: legacy press releases → release pages."""

import csv
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from announcements.importer import ImportProblem, parse_release, read_source
from announcements.importer.crawling import Fetcher, photos_of, release_addresses
from announcements.importer.limits import MAX_MEGABYTES, MAX_SECONDS, Budget
from announcements.importer.saving import (
    Indexing,
    add_gallery,
    fingerprint,
    known_sources,
    save_release,
    taken_slugs,
)
from announcements.models import Issuer, PressReleaseIndexPage

SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}


def sources(paths):
    """(file, source key) for every file given or found in a given folder, sorted."""
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES):
                yield file, f"{path.name}/{file.relative_to(path).as_posix()}"
        elif path.exists():
            yield path, path.name
        else:
            raise CommandError(f"{path}: no such file or folder")


def parse(data, options, budget, base_url=""):
    """The parsed release of one source; every problem, whatever its kind, an ImportProblem."""
    try:
        lines, _is_html = read_source(data, budget, base_url)
        return parse_release(lines, options["default_place"], budget=budget)
    except RecursionError:
        raise ImportProblem(_("structure nested too deeply to read")) from None


def read_file(file, options):
    try:
        Budget(options["max_size"]).check_size(file.stat().st_size)  # before reading 50 MB
        return file.read_bytes()
    except OSError as error:
        raise ImportProblem(_("cannot be read: %(error)s") % {"error": error.strerror}) from None


class Command(BaseCommand):
    help = "Import legacy press releases (files, folders or an old website) as releases."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Files or folders.")
        parser.add_argument("--crawl", metavar="URL", help="An old website's press archive page.")
        parser.add_argument("--limit", type=int, help="With --crawl: at most this many releases.")
        parser.add_argument(
            "--delay", type=float, default=1.0, help="With --crawl: seconds between requests."
        )
        parser.add_argument("--report", metavar="FILE", help="CSV: source, page, status, notes.")
        parser.add_argument("--parent", required=True, help="Press index: page id or URL path.")
        parser.add_argument("--issuer", help="Issuer short name or id (default: the index's).")
        parser.add_argument("--publish", action="store_true", help="Publish instead of drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Only show what would happen.")
        parser.add_argument("--default-place", default="", help="Place when a source names none.")
        parser.add_argument(
            "--keep-edits",
            choices=["skip", "revision"],
            default="skip",
            help="A page an editor changed since its import: skip it (default), or store the "
            "new import as a draft revision beside the editor's version.",
        )
        parser.add_argument(
            "--max-size", type=float, default=MAX_MEGABYTES, help="Largest source in MB."
        )
        parser.add_argument(
            "--max-seconds", type=float, default=MAX_SECONDS, help="Longest reading of a source."
        )

    def handle(self, *args, **options):
        if bool(options["paths"]) == bool(options["crawl"]):
            raise CommandError("Give files or folders, or --crawl URL (not both).")
        self.options, self.rows, failures = options, [], []
        self.parent = self.find_parent(options["parent"])
        self.issuer = self.find_issuer(options["issuer"], self.parent)
        self.counts, self.known = {}, known_sources(self.parent)
        self.slugs = taken_slugs(self.parent)
        # Review notes are stored for editors, and reasons shown: both in the site's language.
        with translation.override(settings.LANGUAGE_CODE), Indexing().deferred() as indexing:
            self.indexing = indexing
            failures = self.crawl(options["crawl"]) if options["crawl"] else self.import_files()
        summary = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        self.stdout.write(summary or "nothing imported")
        if options["report"]:
            self.write_report(options["report"])
        if failures:
            for failure in failures:
                self.stderr.write(failure)
            raise CommandError(f"{len(failures)} source(s) could not be imported (listed above).")

    def import_files(self):
        failures = []
        for file, source in sources(self.options["paths"]):
            try:
                data = read_file(file, self.options)
                if self.known.get(source) == fingerprint(data):
                    self.tally(source, "", "unchanged", [], "unchanged")
                    self.stdout.write(f"unchanged {file}")
                    continue
                budget = Budget(self.options["max_size"], self.options["max_seconds"])
                self.save(file, source, data, parse(data, self.options, budget))
            except ImportProblem as problem:
                failures.append(self.failed(file, problem.located(file)))
        return failures

    def crawl(self, start):
        options, problems, failures = self.options, [], []
        fetcher = Fetcher(options["delay"], int(options["max_size"] * 2**20))
        addresses = release_addresses(start, fetcher, options["limit"], problems)
        failures += [self.failed(url, f"{url}:0: {problem.reason}") for url, problem in problems]
        self.stdout.write(f"{len(addresses)} release address(es) found from {start}")
        for url in addresses:
            try:
                if not fetcher.allowed(url):
                    self.tally(url, "", _("skipped (robots.txt)"), [])
                    continue
                page = fetcher.get(url)
                if not page.is_html:
                    raise ImportProblem(
                        _("not an HTML page (%(type)s)") % {"type": page.content_type}
                    )
                budget = Budget(options["max_size"], options["max_seconds"])
                parsed = parse(page.data, options, budget, base_url=page.url)
                digest = fingerprint(page.data)
                downloads = []
                if self.known.get(url) != digest and not options["dry_run"]:
                    downloads = [
                        (photo, self.download(fetcher, photo.url))
                        for photo in photos_of(page.data, page.url)
                    ]
                self.save(url, url, page.data, parsed, downloads)
            except ImportProblem as problem:
                failures.append(self.failed(url, problem.located(url)))
        self.stdout.write(f"{fetcher.requests} request(s)")
        return failures

    def download(self, fetcher, url):
        try:
            image = fetcher.get(url)
        except ImportProblem:
            return None
        return image.data if image.content_type.startswith("image/") else None

    def save(self, where, source, data, parsed, downloads=()):
        options = self.options
        if options["dry_run"]:
            self.stdout.write(
                f"would import {where}: {parsed.title} ({parsed.release_date:%d.%m.%Y})"
            )
            return
        try:
            with transaction.atomic():
                photos = add_gallery(parsed, downloads) if downloads else 0
                digest = fingerprint(data)
                outcome, page, live = save_release(
                    parsed,
                    self.parent,
                    self.issuer,
                    source,
                    digest,
                    options["publish"],
                    options["keep_edits"],
                    new=source not in self.known,
                    slugs=self.slugs,
                )
                self.known[source] = digest
        except ValidationError as error:
            raise ImportProblem("; ".join(error.messages)) from None
        if outcome not in ("unchanged", "skipped (edited)"):
            self.indexing.add(page)
        state = "live" if live else "draft"
        if options["publish"] and not live and outcome in ("created", "updated"):
            state = "draft: add the photos, then publish"
        with_photos = f", {photos} photo(s)" if photos else ""
        self.stdout.write(
            f"{outcome} ({state}{with_photos}) {where} → {page.url_path} {page.title}"
        )
        self.tally(source, page.url_path, f"{outcome} ({state})", parsed.review_notes, outcome)

    def tally(self, source, page, status, notes, outcome=None):
        outcome = outcome or status
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        self.rows.append([source, page, status, " | ".join(notes)])

    def failed(self, source, message):
        self.tally(str(source), "", "failed", [message], "failed")
        return message

    def write_report(self, path):
        with open(path, "w", newline="", encoding="utf-8") as report:
            writer = csv.writer(report)
            writer.writerow(["source", "page", "status", "review notes"])
            writer.writerows(self.rows)

    def find_parent(self, reference):
        pages = Page.objects.type(PressReleaseIndexPage)
        page = (
            pages.filter(pk=reference)
            if reference.isdigit()
            else pages.filter(url_path__endswith=reference.strip("/") + "/")
        ).first()
        if page is None:
            raise CommandError(f"--parent {reference}: no press index with this id or path")
        return page.specific

    def find_issuer(self, reference, parent):
        if reference is None:
            if parent.issuer is None:
                raise CommandError("--issuer is needed: the press index names no issuer")
            return parent.issuer
        issuer = Issuer.objects.filter(short_name=reference).first()
        if issuer is None and reference.isdigit():
            issuer = Issuer.objects.filter(pk=reference).first()
        if issuer is None:
            raise CommandError(f"--issuer {reference}: no issuer with this short name or id")
        if parent.issuer is not None and parent.issuer != issuer:
            raise CommandError(
                f"--issuer {reference}: releases below “{parent.title}” are issued by "
                f"{parent.issuer.name} (leave out --issuer)"
            )
        return issuer
