"""audit_accessibility on our site, on files and URLs; stored runs and the admin report."""

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse

from accessibility.models import AuditRun
from accessibility.results import latest_run

KNOWN_BAD = Path(__file__).parent / "fixtures" / "known_bad.html"


def run_command(*args):
    try:
        call_command("audit_accessibility", *args)
    except SystemExit as exit_:
        return exit_.code
    return 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_command_audits_live_pages_of_the_site_and_stores_the_run(
    live_server, make_release, tmp_path
):
    release = make_release()
    report = tmp_path / "report.json"
    run_command(
        "--base-url",
        live_server.url,
        "--engine",
        "static",
        "--format",
        "json",
        "--output",
        str(report),
    )
    audited = {Path(r["url"]).name for r in json.loads(report.read_text())["results"]}
    assert {release.slug, "presse"} <= audited
    run = latest_run()
    assert run.engines == "static" and run.pages.filter(page=release).exists()


def test_command_fails_on_a_bad_file_and_writes_junit(db, tmp_path):
    report = tmp_path / "junit.xml"
    code = run_command(
        str(KNOWN_BAD), "--engine", "static", "--format", "junit", "--output", str(report)
    )
    assert code == 1
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite.get("failures") == "1"
    assert "img-alt" in suite.find("testcase/failure").text


def test_fail_on_level_decides_the_exit_code(db, tmp_path):
    out = str(tmp_path / "r.txt")
    assert (
        run_command(str(KNOWN_BAD), "--engine", "static", "--fail-on", "critical", "--output", out)
        == 1
    )
    ok_page = tmp_path / "ok.html"
    ok_page.write_text(
        KNOWN_BAD.read_text()
        .replace("<img ", '<img alt="" ')
        .replace(
            '<input type="text" name="suche">',
            '<label>Suche <input type="text" name="suche"></label>',
        )
    )
    static = ("--engine", "static", "--output", out)
    # A single foreign page is judged by WCAG: nothing left.
    assert run_command(str(ok_page), *static, "--fail-on", "minor") == 0
    # Our site policy also wants a skip link, a nav landmark and the legal footer (moderate).
    pressroom = (*static, "--profile", "pressroom")
    assert run_command(str(ok_page), *pressroom, "--fail-on", "minor") == 1
    assert run_command(str(ok_page), *pressroom, "--fail-on", "serious") == 0


def test_command_rejects_what_is_neither_url_nor_file(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="neither a URL nor an existing file"):
        call_command("audit_accessibility", "no-such-file.html")


def test_html_report_is_itself_accessible(db, tmp_path, assert_accessible):
    report = tmp_path / "report.html"
    run_command(str(KNOWN_BAD), "--engine", "static", "--format", "html", "--output", str(report))
    assert "img-alt" in report.read_text()
    assert_accessible(report.read_text(), engines=("axe",))


def test_admin_report_lists_findings_filterable_by_rule_and_impact(admin_client, db):
    run_command(str(KNOWN_BAD), "--engine", "static", "--output", "/dev/null")
    url = reverse("pressroom_accessibility_report")
    rows = admin_client.get(url).content.decode()
    assert "img-alt" in rows and "form-label" in rows
    only_alt = admin_client.get(url, {"rule_id": "img-alt"}).content.decode()
    assert "<code>img-alt</code>" in only_alt and "<code>form-label</code>" not in only_alt
    critical = admin_client.get(url, {"impact": "moderate"}).content.decode()
    assert "<code>img-alt</code>" not in critical
    assert AuditRun.objects.count() == 1


def test_admin_report_links_findings_to_the_page_editor(admin_client, make_release):
    from accessibility.findings import AuditResult, Finding
    from accessibility.results import store_run

    release = make_release()
    finding = Finding("static", "img-alt", "critical", "1.1.1", "img", "Alt fehlt")
    store_run(
        "test",
        [AuditResult(url="http://x/", engine="static", findings=[finding])],
        {"http://x/": release},
    )
    html = admin_client.get(reverse("pressroom_accessibility_report")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[release.pk]) in html


def test_editor_is_warned_on_publish_about_static_findings(admin_client, press_index, issuer):
    from django.contrib.messages import get_messages

    from .test_admin import add_url, release_form

    form = release_form(issuer, **{"body-2-value-text": "hier"})
    response = admin_client.post(add_url(press_index), form, follow=True)
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("link-text-generic" in m for m in warnings), warnings


def test_publishing_a_clean_release_brings_no_warning(admin_client, press_index, issuer):
    from django.contrib.messages import get_messages

    from .test_admin import add_url, release_form

    response = admin_client.post(add_url(press_index), release_form(issuer), follow=True)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages and not any("Barrierefreiheit" in m or "accessib" in m for m in messages)


def test_userbar_checker_runs_our_axe_tags(admin_client, make_release):
    import json as json_module

    from bs4 import BeautifulSoup

    html = admin_client.get(make_release().url).content.decode()
    script = BeautifulSoup(html, "html.parser").find(
        id=["checker-axe-configuration", "accessibility-axe-configuration"]
    )
    configuration = json_module.loads(script.string)
    assert configuration["options"]["runOnly"] == {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }


def test_blocking_setting_saves_a_draft_instead_of_publishing(
    admin_client, settings, press_index, issuer
):
    from django.contrib.messages import get_messages

    from announcements.models import PressReleasePage

    from .test_admin import add_url, release_form

    settings.PRESSROOM_BLOCK_PUBLISH_ON_FINDINGS = True
    form = release_form(issuer, **{"body-2-value-text": "hier"})
    response = admin_client.post(add_url(press_index), form, follow=True)
    release = PressReleasePage.objects.get(slug="buergerbuero")
    assert not release.live and release.body[2].value["text"] == "hier"
    errors = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Nicht veröffentlicht" in m and "link-text-generic" in m for m in errors), errors

    fixed = release_form(issuer)
    admin_client.post(reverse("wagtailadmin_pages:edit", args=[release.pk]), fixed)
    release.refresh_from_db()
    assert release.live and release.body[2].value["text"] == "Lageplan"
