"""The stylesheet, checked in Chromium: print media, quotation marks per language."""

import pytest
from wagtail.models import Locale

from announcements.models import PressReleasePage

from .conftest import gallery_block


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_printed_release_has_no_navigation_and_spells_out_link_addresses(
    live_server, axe_auditor, make_release, photo
):
    link = {"text": "Programm", "page": None, "url": "https://www.example.org/programm"}
    release = make_release(body=[("related_link", link), gallery_block(photo)])
    browser = axe_auditor.browser
    browser.get(live_server.url + release.url)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        display = browser.execute_script(
            "return ['.skip-link', '.breadcrumb', '.site-footer', '.gallery__download']"
            ".map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        after = browser.execute_script(
            "return getComputedStyle(document.querySelector('.related-link a'), '::after').content"
        )
        photo_shown = browser.execute_script(
            "const f = document.querySelector('.gallery figure');"
            "return [getComputedStyle(f.querySelector('img')).display,"
            " getComputedStyle(f.querySelector('figcaption')).display]"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert display == ["none"] * 4
    assert after == '" (https://www.example.org/programm)"'
    assert "none" not in photo_shown


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_quotation_marks_follow_the_language_of_the_quote_or_the_page(
    live_server, axe_auditor, make_release
):
    def quote(text, language=""):
        return (
            "quote",
            {"text": text, "speaker": "Anna Beispiel", "role": "", "language": language},
        )

    german = make_release(body=[quote("Ein Satz."), quote("A sentence.", "en")], slug="zitate")
    english = german.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    for parent in english.get_ancestors().filter(depth__gt=1).not_live():
        parent.save_revision().publish()
    marks = (
        "return [...document.querySelectorAll('blockquote')].map(q => getComputedStyle(q).quotes)"
    )
    browser = axe_auditor.browser
    browser.get(live_server.url + german.url)
    assert browser.execute_script(marks) == ['"„" "“"', '"“" "”"']
    browser.get(live_server.url + PressReleasePage.objects.get(pk=english.pk).url)
    assert browser.execute_script(marks) == ['"“" "”"', '"“" "”"']  # the page is English now
