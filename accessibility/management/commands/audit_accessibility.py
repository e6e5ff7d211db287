import sys
from contextlib import ExitStack
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ...findings import LEVELS
from ...models import AuditRun
from ...registry import PRESSROOM, PROFILES, WCAG
from ...reports import FORMATS
from ...runner import (
    Target,
    crawl,
    file_targets,
    is_url,
    live_page_targets,
    local_server,
    path_of,
)
from ...runs import execute, plan, results_of, served
from ...tasks import resume_abandoned

ENGINES = {"static": ["static"], "axe": ["axe"], "all": ["static", "axe"]}


class Command(BaseCommand):
    help = (
        "Audits pages for accessibility with the static checker and axe-core in headless "
        "Chromium: all live pages of this Wagtail site, or the given URLs and HTML files, or a "
        "crawl of any website (--crawl). Exits 1 when findings at or above --fail-on exist."
    )

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="*", help="URLs or HTML files (default: live pages)")
        parser.add_argument("--crawl", metavar="URL", help="Crawl another website from this URL.")
        parser.add_argument("--limit", type=int, default=50, help="Pages at most when crawling.")
        parser.add_argument(
            "--base-url", help="Where this site runs (default: a local server started for the run)."
        )
        parser.add_argument("--engine", choices=sorted(ENGINES), default="all")
        parser.add_argument("--format", choices=sorted(FORMATS), default="text")
        parser.add_argument("--output", type=Path, help="Write the report to this file.")
        parser.add_argument(
            "--fail-on",
            choices=[*LEVELS, "never"],
            default="minor",
            help=(
                "Exit 1 when findings of this impact or higher exist (default: minor; “review” "
                "also fails on results an engine could not decide and asks a person to check)."
            ),
        )
        parser.add_argument(
            "--profile",
            choices=sorted(PROFILES),
            help=(
                "wcag: what WCAG and best practice demand of any page (default for --crawl, URLs "
                "and files); pressroom: also our site policy and markup contracts (default for "
                "this site's live pages)."
            ),
        )
        parser.add_argument(
            "--language",
            choices=["de", "en"],
            help="Language of all messages and the report (default: the site's language).",
        )
        parser.add_argument(
            "--no-store", action="store_true", help="Do not keep the run once it is reported."
        )
        parser.add_argument(
            "--parallel",
            type=int,
            metavar="N",
            help="Pages audited at once, each in its own browser (default: "
            "PRESSROOM_AUDIT_PARALLEL, 1).",
        )
        parser.add_argument(
            "--grid",
            metavar="URL",
            help="Run the browsers on this Selenium Grid 4 (default: PRESSROOM_AUDIT_GRID_URL; "
            "none: local Chromiums).",
        )
        parser.add_argument(
            "--recycle",
            type=int,
            metavar="M",
            help="Replace each browser after M pages (default: PRESSROOM_AUDIT_RECYCLE_PAGES).",
        )
        parser.add_argument(
            "--resume",
            type=int,
            metavar="RUN_ID",
            help="Go on with a stopped run: audit only its pages not stored yet.",
        )

    def handle(self, *args, **options):
        if options["language"]:
            with translation.override(options["language"]):
                return self.audit(options)
        return self.audit(options)

    def audit(self, options):
        with ExitStack() as stack:
            if options["resume"]:
                run, address = self.resumed_run(options["resume"], stack)
            else:
                self.resume_abandoned_runs()
                run, address = self.planned_run(options, stack)
            to_audit = run.pages.filter(audited_at__isnull=True).count()
            self.stderr.write(f"Audit run {run.pk}: {run.pages.count()} pages, {to_audit} to audit")
            execute(
                run,
                parallel=options["parallel"],
                grid_url=options["grid"],
                recycle_every=options["recycle"],
                language=translation.get_language(),
                address=address,
                progress=self.progress_display(),
            )
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        if run.finished_at is None:
            raise CommandError(
                f"Run {run.pk} is incomplete; go on with --resume {run.pk} (see the log above)."
            )
        results = list(results_of(run))
        report = FORMATS[options["format"]](results)
        if options["output"]:
            options["output"].write_text(report, encoding="utf-8")
            self.stderr.write(f"Report written to {options['output']}")
        else:
            self.stdout.write(report, ending="")
        if options["no_store"]:
            run.delete()
        fail_on = options["fail_on"]
        if fail_on != "never" and any(result.at_least(fail_on) for result in results):
            sys.exit(1)

    def resume_abandoned_runs(self):
        """The scheduled run first queues the runs whose process died (resume_audits)."""
        resumed = resume_abandoned()
        if resumed:
            runs = ", ".join(map(str, resumed))
            self.stderr.write(f"Abandoned audit runs queued for the worker: {runs}")

    def planned_run(self, options, stack):
        engines = ENGINES[options["engine"]]
        foreign = bool(options["crawl"] or options["targets"])
        profile = options["profile"] or (WCAG if foreign else PRESSROOM)
        self.local_base = None
        targets, description = self.collect_targets(options, stack)
        if not targets:
            raise CommandError("Nothing to audit: no live pages, URLs or files were found.")
        address = None
        if self.local_base:  # its origin is gone with it: the run keeps the pages' paths
            for target in targets:
                target.url = path_of(target.url)
            address = lambda path: self.local_base + path  # noqa: E731
        run = plan(
            targets,
            engines=engines,
            profile=profile,
            target=description,
            kind=AuditRun.MANUAL if foreign else AuditRun.SITE,
            options={"local_server": bool(self.local_base)},
        )
        return run, address

    def resumed_run(self, run_id, stack):
        """The stopped run; its own local server (at another port) if it had one."""
        run = AuditRun.objects.filter(pk=run_id).first()
        if run is None:
            raise CommandError(f"There is no audit run {run_id}.")
        return run, self.serve(served(run), stack)

    @staticmethod
    def serve(server, stack):
        try:
            return stack.enter_context(server)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error

    def collect_targets(self, options, stack):
        if options["crawl"]:
            return crawl(options["crawl"], options["limit"]), options["crawl"]
        if options["targets"]:
            targets = []
            for target in options["targets"]:
                if is_url(target):
                    targets.append(Target(url=target))
                elif Path(target).is_file():
                    targets += file_targets([target])
                else:
                    raise CommandError(f"{target}: neither a URL nor an existing file.")
            return targets, " ".join(options["targets"])
        base_url = options["base_url"]
        if base_url:
            return live_page_targets(base_url), f"live pages at {base_url}"
        self.local_base = self.serve(local_server(), stack)
        return live_page_targets(self.local_base), "live pages (local server)"

    def progress_display(self):
        if not sys.stderr.isatty():
            return None

        def show(index, total, url):
            sys.stderr.write(f"\r\033[K[{index}/{total}] {url[:100]}")
            sys.stderr.flush()

        return show
