from django.core.management.base import BaseCommand

from ... import conf, tasks


class Command(BaseCommand):
    help = (
        "Run before starting the worker, and from cron: queues again every audit run whose "
        "process died (kill, crash, reboot); the pages stored so far stay, the worker audits "
        "the rest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after",
            type=float,
            default=None,
            help="Seconds without a page stored after which a run counts as abandoned "
            "(default: PRESSROOM_AUDIT_STALE_AFTER). Use 0 when nothing else is auditing.",
        )

    def handle(self, *args, stale_after=None, **options):
        if stale_after is None:
            stale_after = conf.get("PRESSROOM_AUDIT_STALE_AFTER")
        resumed = tasks.resume_abandoned(stale_after=stale_after)
        self.stdout.write(f"Audit runs queued again: {len(resumed)}")
