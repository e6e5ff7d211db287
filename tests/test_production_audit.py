"""audit_accessibility under production settings: hashed static files, stored page paths."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accessibility.results import latest_run
from accessibility.runner import fetch, local_server

# Collect only what a public page links (Wagtail's admin files make collectstatic slow).
SKIP_STATIC = ["wagtail*", "admin", "rest_framework", "django_*", "taggit", "modelcluster"]


@pytest.fixture
def production_static(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }


def test_without_collected_files_the_command_says_what_to_do(db, production_static):
    with pytest.raises(CommandError, match=r"run `manage.py collectstatic` first.*--base-url"):
        call_command("audit_accessibility", engine="static", fail_on="never")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_local_server_serves_the_hashed_styles_and_runs_store_page_paths(
    production_static, make_release
):
    release = make_release()
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=SKIP_STATIC)
    with local_server() as origin:
        html = fetch(origin + release.url).decode()
        [stylesheet] = re.findall(r'href="(/static/pressroom/pressroom\.[0-9a-f]{12}\.css)"', html)
        assert b"--accent" in fetch(origin + stylesheet)  # our stylesheet, not a 404 page
    call_command("audit_accessibility", engine="static", fail_on="never", stdout=io.StringIO())
    run = latest_run()
    assert run.target == "live pages (local server)"
    assert release.url in set(run.pages.values_list("url", flat=True))
    assert not run.pages.filter(url__contains="127.0.0.1").exists()
