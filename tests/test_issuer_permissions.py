"""Editors limited to one issuer (Wagtail groups and page permissions), and the embargo list."""

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from wagtail.models import GroupPagePermission

from announcements.models import Issuer, PressReleaseIndexPage, PressReleasePage

from .conftest import berlin, gallery_block
from .helpers import soup_of
from .test_admin import add_url, form_errors, release_form


@pytest.fixture
def other_issuer(db):
    return Issuer.objects.create(name="Staatskanzlei", short_name="StK")


@pytest.fixture
def two_desks(home, issuer, other_issuer):
    """One press index per issuer, as the docs describe."""
    desks = {}
    for bound, slug in ((issuer, "stmt"), (other_issuer, "stk")):
        index = home.add_child(
            instance=PressReleaseIndexPage(
                title=f"Presse {bound.short_name}", slug=slug, issuer=bound
            )
        )
        release = index.add_child(
            instance=PressReleasePage(
                title=f"Mitteilung {bound.short_name}",
                slug="mitteilung",
                issuer=bound,
                dateline="München",
                lead="Kurz.",
                release_date=berlin(2026, 3, 1, 10, 0),
            )
        )
        desks[bound.short_name] = (index, release)
    return desks


def desk_editor(index):
    group = Group.objects.create(name=f"Redaktion {index.title}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    user = User.objects.create_user(f"redaktion-{index.slug}", password="geheim-genug-123")
    user.groups.add(group)
    return user


def test_desk_editor_edits_own_issuers_releases_only(client, two_desks):
    own_index, own_release = two_desks["StMT"]
    _other_index, other_release = two_desks["StK"]
    client.force_login(desk_editor(own_index))
    assert client.get(f"/admin/pages/{own_release.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{other_release.pk}/edit/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    editor = User.objects.get(username="redaktion-stmt")
    assert own_release.permissions_for_user(editor).can_publish()
    assert not other_release.permissions_for_user(editor).can_publish()


def test_add_form_preselects_the_index_issuer_and_refuses_another(
    client, two_desks, issuer, other_issuer
):
    own_index, _release = two_desks["StMT"]
    client.force_login(desk_editor(own_index))
    url = add_url(own_index)
    assert soup_of(client.get(url)).select_one("input[name=issuer]")["value"] == str(issuer.pk)
    response = client.post(url, release_form(other_issuer, slug="fremd"))
    assert response.status_code == 200
    assert form_errors(response, "issuer")
    assert not PressReleasePage.objects.filter(slug="fremd").exists()
    published = client.post(url, release_form(issuer, slug="eigen"))
    assert published.status_code == 302
    assert PressReleasePage.objects.get(slug="eigen").live


def test_release_below_a_bound_index_must_have_its_issuer(two_desks, other_issuer):
    own_index, release = two_desks["StMT"]
    release.issuer = other_issuer
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "Presse StMT" in error.value.message_dict["issuer"][0]


def test_embargo_list_shows_scheduled_releases_and_withheld_galleries(
    client, two_desks, photo, issuer
):
    index, release = two_desks["StMT"]
    opens = berlin(2026, 11, 25, 18, 0)
    with time_machine.travel(berlin(2026, 11, 25, 9, 0), tick=False):
        release.body = [gallery_block(photo, release_at=opens, heading="Fotos vom Festakt")]
        release.save_revision().publish()
        scheduled = index.add_child(
            instance=PressReleasePage(
                title="Haushalt 2027",
                slug="haushalt",
                issuer=issuer,
                dateline="München",
                lead="Kurz.",
                live=False,
                go_live_at=berlin(2026, 11, 26, 7, 0),
            )
        )
        scheduled.save_revision().publish()
        other_release = two_desks["StK"][1]
        other_release.body = [gallery_block(photo, release_at=opens, heading="Fremde Fotos")]
        other_release.save_revision().publish()
        client.force_login(desk_editor(index))
        rows = soup_of(client.get("/admin/reports/embargoes/")).select("tbody tr")
    texts = [" ".join(row.get_text(" ").split()) for row in rows]
    assert texts == [
        "25. November 2026, 18:00 Uhr Galerie „Fotos vom Festakt“ (1 Foto) Mitteilung StMT",
        "26. November 2026, 07:00 Uhr Geplante Veröffentlichung Haushalt 2027",
    ]
    with time_machine.travel(berlin(2026, 11, 26, 7, 1), tick=False):
        assert not soup_of(client.get("/admin/reports/embargoes/")).select("tbody tr")


def test_embargo_list_is_in_the_reports_menu(admin_client, home):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/reports/embargoes/" in html
