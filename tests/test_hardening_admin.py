"""Who sees the accessibility report (issue #20): superusers and groups given its permission."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from accessibility.findings import AuditResult, Finding
from accessibility.results import store_run

REPORT = "/admin/reports/accessibility/"


@pytest.fixture
def findings(make_release):
    release = make_release()
    finding = Finding("static", "img-alt", "critical", "1.1.1", "img", "Alt-Text fehlt")
    store_run("test", [AuditResult(url="http://x/", engine="static", findings=[finding])], {})
    return release


def editor(*codenames):
    """A member of Wagtail's "Editors" group (admin access, page rights), plus `codenames`."""
    user = User.objects.create_user("redakteurin", password="geheim-genug-123")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_an_editor_without_the_permission_neither_sees_nor_opens_the_report(client, findings):
    client.force_login(editor())
    for path in (REPORT, REPORT + "results/", REPORT + "?export=csv"):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        assert b"img-alt" not in response.content
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT not in dashboard


def test_the_permission_opens_the_report_and_shows_it_in_the_menu(client, findings):
    client.force_login(editor("view_auditfinding"))
    assert b"img-alt" in client.get(REPORT).content
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_permission_is_offered_in_the_group_editor(admin_client, findings):
    group = Group.objects.get(name="Editors")
    form = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    permission = Permission.objects.get(codename="view_auditfinding")
    assert f'value="{permission.pk}"' in form
