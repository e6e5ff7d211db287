from django.core.management.base import BaseCommand

from example_site.home.demo.loader import ensure_admin, load_demo


class Command(BaseCommand):
    help = "Creates or updates the example site's demo content and admin login (idempotent)."

    def handle(self, *args, **options):
        home = load_demo()
        username, password = ensure_admin()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under “{home.title}”."))
        self.stdout.write("Site:  http://127.0.0.1:8000/")
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/admin/  user “{username}”, password “{password}”"
        )
