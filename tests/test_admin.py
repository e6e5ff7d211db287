"""An editor writes a release in the Wagtail admin."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from announcements.models import PressReleasePage

from .helpers import soup_of


def release_form(issuer, **changes):
    data = {
        "title": "Ministerin eröffnet Bürgerbüro",
        "slug": "buergerbuero",
        "release_date": "2026-03-28 10:00",
        "dateline": "Regensburg",
        "issuer": issuer.pk,
        "lead": "Das neue Bürgerbüro ist ab Montag geöffnet.",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Öffnungszeiten: Montag bis Freitag.</p>")),
                (
                    "quote",
                    {
                        "text": "Welcome!",
                        "speaker": "Anna Beispiel",
                        "role": "Ministerin",
                        "language": "en",
                    },
                ),
                ("related_link", {"text": "Lageplan", "page": "", "url": "https://example.org/"}),
            ]
        ),
        "issuer_release_url": "",
        "comments": inline_formset([]),
        "corrections": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(changes)
    return nested_form_data(data)


def error_messages(error):
    """Every message in a (nested StreamField) validation error, as an editor reads them."""
    if isinstance(error, list | tuple):
        return [message for item in error for message in error_messages(item)]
    if isinstance(error, str):
        return [error]
    nested = [*getattr(error, "non_block_errors", [])]
    block_errors = getattr(error, "block_errors", None) or {}
    nested += list(block_errors.values())
    if nested:
        return error_messages(nested)
    return list(error.messages)


def form_errors(response, field):
    return error_messages(response.context["form"].errors[field].as_data())


def add_url(press_index):
    return reverse(
        "wagtailadmin_pages:add",
        args=("pressroom_announcements", "pressreleasepage", press_index.pk),
    )


def test_editor_publishes_a_release_through_the_add_view(editor_client, press_index, issuer):
    response = editor_client.post(add_url(press_index), release_form(issuer))
    assert response.status_code == 302, soup_of(response).select(".error-message")
    release = PressReleasePage.objects.get(slug="buergerbuero")
    assert release.live and release.get_parent().pk == press_index.pk
    assert [block.block_type for block in release.body] == ["paragraph", "quote", "related_link"]
    page = soup_of(editor_client.get(release.url))
    assert page.select_one("blockquote[lang=en]").get_text(strip=True) == "Welcome!"


def test_editor_sees_an_understandable_message_for_a_bad_language_code(
    editor_client, press_index, issuer
):
    form = release_form(issuer)
    form["body-1-value-language"] = "englisch"
    response = editor_client.post(add_url(press_index), form)
    assert response.status_code == 200
    assert any("„englisch“ ist kein Sprachcode" in m for m in form_errors(response, "body"))
    assert not PressReleasePage.objects.filter(slug="buergerbuero").exists()


def test_editor_without_lead_is_told_what_is_missing(editor_client, press_index, issuer):
    response = editor_client.post(add_url(press_index), release_form(issuer, lead=""))
    assert response.status_code == 200
    assert not PressReleasePage.objects.exists()
    assert form_errors(response, "lead") == ["Dieses Feld muss ausgefüllt werden."]


def test_releases_can_only_be_added_under_a_press_index(home):
    assert PressReleasePage.can_create_at(home) is False


def test_release_listing_shows_date_issuer_status_and_embargo(admin_client, make_release, photo):
    import time_machine

    from .conftest import berlin, gallery_block

    with time_machine.travel(berlin(2026, 11, 25, 9, 0), tick=False):
        make_release(body=[gallery_block(photo, release_at=berlin(2026, 11, 25, 18, 0))])
        soup = soup_of(admin_client.get("/admin/press_releases/"))
    headers = [th.get_text(" ", strip=True) for th in soup.select("thead th")][1:]
    assert headers == ["Veröffentlichungsdatum", "Herausgeber", "Status", "Sperrfrist"]
    row = [td.get_text(" ", strip=True) for td in soup.select("tbody tr td")]
    assert "Staatsministerium für Tests" in row
    assert row[-1] == "Fotos bis 25. November 2026 18:00"
