"""`manage.py check` passes on the database the tests run on (issue #20: on PostgreSQL, migrate
stopped at postgres.E005 because django.contrib.postgres was not installed)."""

from django.conf import settings
from django.core.management import call_command
from django.db import connection


def test_system_checks_pass_on_this_database(db):
    call_command("check", "--database", "default", "--fail-level", "ERROR")
    if connection.vendor == "postgresql":
        assert "django.contrib.postgres" in settings.INSTALLED_APPS
