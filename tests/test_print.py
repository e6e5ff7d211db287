"""The print stylesheet, checked in Chromium with print media emulated."""

import pytest

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
