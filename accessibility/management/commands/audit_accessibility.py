import sys
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ...findings import LEVELS
from ...registry import PRESSROOM, PROFILES, WCAG
from ...reports import FORMATS
from ...results import store_run
from ...runner import (
    Target,
    audit_targets,
    crawl,
    file_targets,
    is_url,
    live_page_targets,
    local_server,
)

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
        parser.add_argument("--no-store", action="store_true", help="Do not store the run.")

    def handle(self, *args, **options):
        if options["language"]:
            with translation.override(options["language"]):
                return self.audit(options)
        return self.audit(options)

    def audit(self, options):
        engines = ENGINES[options["engine"]]
        foreign = bool(options["crawl"] or options["targets"])
        profile = options["profile"] or (WCAG if foreign else PRESSROOM)
        with ExitStack() as stack:
            targets, description = self.collect_targets(options, stack)
            if not targets:
                raise CommandError("Nothing to audit: no live pages, URLs or files were found.")
            auditor = None
            if "axe" in engines:
                from ...axe import AxeAuditor

                auditor = stack.enter_context(AxeAuditor(language=translation.get_language()))
            results = audit_targets(
                targets, engines, auditor, progress=self.progress_display(), profile=profile
            )
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        report = FORMATS[options["format"]](results)
        if options["output"]:
            options["output"].write_text(report, encoding="utf-8")
            self.stderr.write(f"Report written to {options['output']}")
        else:
            self.stdout.write(report, ending="")
        if not options["no_store"]:
            pages = {target.url: target.page for target in targets if target.page is not None}
            store_run(description, results, pages)
        fail_on = options["fail_on"]
        if fail_on != "never" and any(result.at_least(fail_on) for result in results):
            sys.exit(1)

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
        base_url = options["base_url"] or stack.enter_context(local_server())
        return live_page_targets(base_url), f"live pages at {base_url}"

    def progress_display(self):
        if not sys.stderr.isatty():
            return None

        def show(index, total, url):
            sys.stderr.write(f"\r\033[K[{index}/{total}] {url[:100]}")
            sys.stderr.flush()

        return show
