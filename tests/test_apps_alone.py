"""Each app installed alone into a minimal Wagtail site (tests/alone/): migrates, passes
`manage.py check`, renders its pages, and imports none of our other apps."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["announcements", "legal_pages", "accessibility"]


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """app → the JSON report of tests/alone/probe.py run with only that app installed."""
    folder = tmp_path_factory.mktemp("alone")
    runs = {}
    for app in APPS:  # three processes side by side
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
            "DJANGO_SETTINGS_MODULE": "tests.alone.base",
            "PRESSROOM_ALONE_APP": app,
            "PRESSROOM_ALONE_DB": str(folder / f"{app}.sqlite3"),
            "PRESSROOM_ALONE_MEDIA": str(folder / "media"),
        }
        env.pop("DATABASE_URL", None)
        command = [sys.executable, "-m", "tests.alone.probe"]
        runs[app] = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    reports = {}
    for app, process in runs.items():
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, f"{app} alone: the probe failed (its stderr is above)"
        reports[app] = json.loads(output)
    return reports


@pytest.mark.parametrize("app", APPS)
def test_app_alone_imports_none_of_our_other_apps(alone, app):
    assert alone[app]["loaded"] == [app]


def test_announcements_alone_renders_index_and_release_with_our_layout(alone):
    report = alone["announcements"]
    assert report["errors"] == []  # `manage.py check` passes
    assert report["used"] == {
        "/presse/": {
            "status": 200,
            "h1": "Presse",
            "footer_links": [],
            "feed_links": ["RSS-Feed", "Atom-Feed"],  # no mailing list without distribution
        },
        "/presse/allein/": {
            "status": 200,
            "h1": "Allein installiert",
            "footer_links": [],
            "feed_links": [],
        },
    }


def test_legal_pages_alone_render_in_the_host_base_and_check_the_site(alone):
    report = alone["legal_pages"]
    assert report["used"] == {
        "/impressum/": {
            "status": 200,
            "h1": "Impressum",
            "footer_links": ["Impressum"],
            "feed_links": [],
        }
    }
    assert report["errors"] == []
    # PRESSROOM_LEGAL_CHECKS is on there: privacy policy and statement are still missing
    legal = [check for check in report["checks"] if check.startswith("pressroom_legal_pages")]
    assert legal == ["pressroom_legal_pages.W002", "pressroom_legal_pages.W003"]


def test_accessibility_alone_audits_stores_and_reports(alone):
    report = alone["accessibility"]
    assert report["errors"] == []
    assert report["used"]["stored_pages"] == 1
    assert {"1.1.1", "1.3.1"} <= set(report["used"]["criteria"])
    assert report["used"]["admin_report_status"] == 200
