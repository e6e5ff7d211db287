from django.core.management.base import BaseCommand
from django.utils import timezone

from ...tasks import queue_reminders


class Command(BaseCommand):
    help = (
        "Daily from cron: queues a reminder to the feedback contact for every open barrier "
        "report whose answer is due within a week (once per report; the worker sends it)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Barrier report reminders queued: {queue_reminders(timezone.now())}")
