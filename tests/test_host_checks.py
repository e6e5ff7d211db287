"""System checks a host site meets: legal pages only where the site asks, upload types, layout."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from legal_pages.checks import (
    base_template_exists,
    legal_pages_exist,
    sign_language_uploads_allowed,
)

from . import legal

WAGTAIL_START_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]


def ids(messages):
    return [message.id for message in messages]


def test_missing_legal_pages_are_reported_only_when_the_site_asks(home, settings):
    settings.PRESSROOM_LEGAL_CHECKS = False
    assert ids(legal_pages_exist()) == []
    settings.PRESSROOM_LEGAL_CHECKS = True
    assert len(ids(legal_pages_exist())) == 3


def test_a_stale_statement_is_reported_without_the_setting(home, settings):
    settings.PRESSROOM_LEGAL_CHECKS = False
    legal.statement(
        home, prepared_on=legal.dt.date(2020, 1, 1), last_reviewed_on=legal.dt.date(2020, 1, 1)
    )
    assert ids(legal_pages_exist()) == ["pressroom_legal_pages.W004"]


@pytest.mark.parametrize(
    "extensions, warned",
    [
        (None, False),
        (WAGTAIL_START_EXTENSIONS, True),
        ([*WAGTAIL_START_EXTENSIONS, "webm"], True),
        ([*WAGTAIL_START_EXTENSIONS, "mp4", "vtt"], False),
    ],
    ids=["wagtail-default", "wagtail-start", "no-vtt", "mp4-vtt"],
)
def test_document_types_of_the_sign_language_page_are_checked(home, settings, extensions, warned):
    settings.PRESSROOM_LEGAL_CHECKS = False
    settings.WAGTAILDOCS_EXTENSIONS = extensions
    assert ids(sign_language_uploads_allowed()) == []  # no sign-language page, no legal checks
    legal.sign_language(home)
    assert ids(sign_language_uploads_allowed()) == (
        ["pressroom_legal_pages.W005"] if warned else []
    )


def test_the_legal_checks_setting_asks_for_sign_language_uploads_too(db, settings):
    settings.PRESSROOM_LEGAL_CHECKS = True
    settings.WAGTAILDOCS_EXTENSIONS = WAGTAIL_START_EXTENSIONS
    [warning] = sign_language_uploads_allowed()
    assert "“vtt”, “webm”" in warning.msg


def test_a_missing_base_template_is_an_error_manage_py_check_reports(db, settings):
    assert base_template_exists() == []
    settings.PRESSROOM_BASE_TEMPLATE = "site/no-such-base.html"
    assert ids(base_template_exists()) == ["pressroom_legal_pages.E001"]
    with pytest.raises(SystemCheckError, match="PRESSROOM_BASE_TEMPLATE"):
        call_command("check")
