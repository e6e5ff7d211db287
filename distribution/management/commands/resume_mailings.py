from django.core.management.base import BaseCommand

from ... import conf, tasks


class Command(BaseCommand):
    help = (
        "Run before starting the worker: releases batches a dead worker left claimed (mails "
        "it was sending are recorded as uncertain, never sent twice) and queues the rest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after",
            type=float,
            default=None,
            help="Seconds after which a claimed batch counts as abandoned "
            "(default: PRESSROOM_MAIL_CLAIM_TIMEOUT). Use 0 when no worker is running.",
        )

    def handle(self, *args, stale_after=None, **options):
        if stale_after is None:
            stale_after = conf.get("PRESSROOM_MAIL_CLAIM_TIMEOUT")
        resumed = tasks.resume(stale_after)
        self.stdout.write(f"Mailings resumed: {resumed}")
