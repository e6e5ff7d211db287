from django.core.management.base import BaseCommand
from django.utils import timezone

from ...sending import erase_old_records


class Command(BaseCommand):
    help = (
        "Erase the send log older than PRESSROOM_MAIL_LOG_DAYS and sign-ups not confirmed "
        "within PRESSROOM_MAIL_CONFIRM_DAYS (also done at the start of every mailing)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Erased: {erase_old_records(timezone.now())}")
