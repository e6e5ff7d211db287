"""Every page type and block of the demo content passes both audit engines, in both languages."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from accessibility.runner import fetch
from example_site.home.demo.loader import load_demo
from legal_pages.models import AccessibilityStatementPage


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_demo_page_passes_static_and_axe_audits(live_server, assert_accessible):
    load_demo()
    pages = Page.objects.live().filter(depth__gt=1).specific()
    seen_types, seen_blocks, gallery_states, languages = set(), set(), set(), set()
    for page in pages:
        url = live_server.url + page.get_url_parts()[2]
        results = assert_accessible(url, profile="pressroom")
        assert {r.engine for r in results} == {"static", "axe"}
        seen_types.add(type(page).__name__)
        body = getattr(page, "body", None)
        if hasattr(body, "raw_data"):
            seen_blocks |= {block.block_type for block in body}
        soup = BeautifulSoup(fetch(url), "html.parser")
        gallery_states |= {g["data-gallery-state"] for g in soup.select("[data-gallery-state]")}
        languages.add(soup.html["lang"])
    assert seen_types >= {"HomePage", "PressReleaseIndexPage", "PressReleasePage", "StandardPage"}
    assert seen_types >= {
        "ImpressumPage",
        "PrivacyPage",
        "AccessibilityStatementPage",
        "EasyLanguagePage",
        "SignLanguagePage",
    }
    assert seen_blocks >= {"paragraph", "quote", "image_gallery", "related_link"}
    assert gallery_states == {"withheld", "released"}
    assert languages == {"de", "en"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_feedback_form_passes_both_engines_also_when_it_shows_errors(
    live_server, assert_accessible, axe_auditor
):
    from selenium.common.exceptions import JavascriptException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    load_demo()
    for statement in AccessibilityStatementPage.objects.live():
        url = live_server.url + statement.get_url_parts()[2] + "feedback/"
        assert_accessible(url, profile="pressroom")
        # Send the empty form in the browser: the page that comes back shows the errors.
        axe_auditor.browser.get(url)
        axe_auditor.browser.find_element(By.CSS_SELECTOR, "main form button").click()
        # autofocus moves the focus to the error summary once the page has loaded
        WebDriverWait(axe_auditor.browser, 5, ignored_exceptions=[JavascriptException]).until(
            lambda browser: (
                browser.execute_script(
                    "return document.readyState === 'complete' && document.activeElement.id"
                )
                == "error-summary"
            )
        )
        result = axe_auditor.audit_current_page()
        violations = result.at_least("minor")  # “review” results ask a person, they do not fail
        assert violations == [], [finding.line() for finding in violations]
        assert_accessible(axe_auditor.browser.page_source, engines=("static",), profile="pressroom")
