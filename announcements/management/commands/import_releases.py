"""import_releases PATH...: legacy press releases (text or HTML) → release pages."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from announcements.importer import ImportProblem, parse_release, read_source
from announcements.importer.limits import MAX_MEGABYTES, MAX_SECONDS, Budget
from announcements.importer.saving import Indexing, fingerprint, save_release
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


def read_file(file, options):
    """The parsed release of one file; every problem, whatever its kind, as an ImportProblem."""
    budget = Budget(options["max_size"], options["max_seconds"])
    try:
        budget.check_size(file.stat().st_size)  # before reading 50 MB into memory
        lines, _is_html = read_source(file.read_bytes(), budget)
        return parse_release(lines, options["default_place"], budget=budget)
    except RecursionError:
        raise ImportProblem(_("structure nested too deeply to read")) from None
    except OSError as error:
        raise ImportProblem(_("cannot be read: %(error)s") % {"error": error.strerror}) from None


class Command(BaseCommand):
    help = "Import legacy press releases (text or HTML files, or folders of them) as releases."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders.")
        parser.add_argument("--parent", required=True, help="Press index: page id or URL path.")
        parser.add_argument("--issuer", help="Issuer short name or id (default: the index's).")
        parser.add_argument("--publish", action="store_true", help="Publish instead of drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Only show what would happen.")
        parser.add_argument("--default-place", default="", help="Place when a file names none.")
        parser.add_argument(
            "--keep-edits",
            choices=["skip", "revision"],
            default="skip",
            help="A page an editor changed since its import: skip it (default), or store the "
            "new import as a draft revision beside the editor's version.",
        )
        parser.add_argument(
            "--max-size", type=float, default=MAX_MEGABYTES, help="Largest file in MB."
        )
        parser.add_argument(
            "--max-seconds", type=float, default=MAX_SECONDS, help="Longest reading of a file."
        )

    def handle(self, *args, **options):
        # Review notes are stored for editors, and reasons shown: both in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            failures = self.import_all(options)
        if failures:
            for failure in failures:
                self.stderr.write(failure)
            raise CommandError(f"{len(failures)} file(s) could not be imported (listed above).")

    def import_all(self, options):
        parent = self.find_parent(options["parent"])
        issuer = self.find_issuer(options["issuer"], parent)
        failures, counts = [], {}
        indexing = Indexing()
        with indexing.deferred():
            for file, source in sources(options["paths"]):
                try:
                    parsed = read_file(file, options)
                    if options["dry_run"]:
                        self.stdout.write(
                            f"would import {file}: {parsed.title} ({parsed.release_date:%d.%m.%Y})"
                        )
                        continue
                    outcome, page, live = save_release(
                        parsed,
                        parent,
                        issuer,
                        source,
                        fingerprint(file.read_bytes()),
                        options["publish"],
                        options["keep_edits"],
                    )
                except ImportProblem as problem:
                    failures.append(problem.located(file))
                    continue
                except ValidationError as error:
                    failures.append(f"{file}:0: {'; '.join(error.messages)}")
                    continue
                if outcome not in ("unchanged", "skipped (edited)"):
                    indexing.add(page)
                state = "live" if live else "draft"
                if options["publish"] and not live and outcome in ("created", "updated"):
                    state = "draft: add the photos, then publish"
                counts[outcome] = counts.get(outcome, 0) + 1
                self.stdout.write(f"{outcome} ({state}) {file} → {page.url_path} {page.title}")
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(summary or "nothing imported")
        return failures

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
        return issuer
