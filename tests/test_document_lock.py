"""Documents of a release that is not public yet are withheld like the release itself."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command

from announcements.models import PressReleasePage

from .conftest import berlin

WRITTEN = berlin(2027, 3, 1, 9, 0)
GO_LIVE = berlin(2027, 3, 1, 18, 0)


@pytest.fixture
def speech(db):
    from example_site.home.demo.images import demo_document

    return demo_document("Redemanuskript", "rede.pdf", data=b"%PDF-1.4 Rede\n")


@pytest.fixture
def scheduled(press_index, issuer, speech):
    """A release scheduled for GO_LIVE whose text links the speech."""
    with time_machine.travel(WRITTEN, tick=False):
        release = PressReleasePage(
            title="Rede zum Haushalt",
            slug="haushaltsrede",
            release_date=GO_LIVE,
            dateline="München",
            issuer=issuer,
            lead="Die Ministerin stellt den Haushalt vor.",
            body=[("paragraph", f'<p><a linktype="document" id="{speech.pk}">Rede</a></p>')],
            go_live_at=GO_LIVE,
            live=False,
        )
        press_index.add_child(instance=release)
        release.save_revision().publish()
    return release


def test_document_of_a_scheduled_release_is_404_until_it_goes_live(client, scheduled, speech):
    url = speech.url
    with time_machine.travel(GO_LIVE - dt.timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 404
        client.force_login(User.objects.create_superuser("chefin", password="x-geheim-123"))
        assert client.get(url).status_code == 200  # its editors may
        client.logout()
    with time_machine.travel(GO_LIVE + dt.timedelta(seconds=1), tick=False):
        call_command("publish_scheduled")
        assert client.get(url).status_code == 200


def test_document_files_are_reachable_only_through_the_document_view(client, speech):
    assert client.get(speech.url).status_code == 200  # unused: Wagtail's own rules
    assert client.get(speech.file.url).status_code == 404
