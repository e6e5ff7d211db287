"""The browser engine really runs axe-core in Chromium; the pytest helper reports clearly."""

from pathlib import Path

import pytest

from accessibility.axe import AXE_TAGS, axe_options, disabled_rules
from accessibility.pytest_plugin import AccessibilityError

KNOWN_BAD = Path(__file__).parent / "fixtures" / "known_bad.html"


def test_axe_finds_missing_alt_text_and_label_on_a_known_bad_page(axe_audit):
    result = axe_audit(KNOWN_BAD.as_uri())
    rules = {finding.rule_id for finding in result.findings}
    assert {"image-alt", "label"} <= rules
    assert result.engine_version.startswith("axe-core 4.")
    image_alt = next(f for f in result.findings if f.rule_id == "image-alt")
    assert (image_alt.wcag, image_alt.impact, image_alt.selector) == ("1.1.1", "critical", "img")


def test_axe_runs_wcag_21_22_and_best_practice_rules():
    options = axe_options({})
    for tag in ["wcag21aa", "wcag22aa", "best-practice"]:
        assert tag in AXE_TAGS and f'"{tag}"' in options


def test_disabling_a_rule_needs_a_justification(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.PRESSROOM_AXE_DISABLED_RULES = {"color-contrast": ""}
    with pytest.raises(ImproperlyConfigured, match="without a justification"):
        disabled_rules()


def test_a_disabled_rule_is_skipped_and_its_reason_reported(settings, axe_auditor):
    settings.PRESSROOM_AXE_DISABLED_RULES = {"image-alt": "Tested by the static image rules."}
    auditor_disabled, axe_auditor.disabled = axe_auditor.disabled, disabled_rules()
    try:
        result = axe_auditor.audit(KNOWN_BAD.as_uri())
    finally:
        axe_auditor.disabled = auditor_disabled
    assert "image-alt" not in {f.rule_id for f in result.findings}
    assert result.disabled_rules == {"image-alt": "Tested by the static image rules."}


def test_assert_accessible_lists_rule_selector_wcag_impact_and_help(assert_accessible):
    with pytest.raises(AccessibilityError) as error:
        assert_accessible(KNOWN_BAD.read_text())
    message = str(error.value)
    assert "img-alt | body > main > img | WCAG 1.1.1 | critical |" in message
    assert "image-alt | img | WCAG 1.1.1 | critical |" in message
    assert "label |" in message


def test_assert_accessible_takes_a_response(client, assert_accessible, make_release):
    assert_accessible(client.get(make_release().url), engines=("static",))


@pytest.fixture
def fixture_server():
    """The fixtures folder over HTTP (browsers isolate file:// frames from their page)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(KNOWN_BAD.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_axe_also_checks_inside_iframes(axe_audit, fixture_server):
    result = axe_audit(fixture_server + "/with_frame.html")
    image_alt = [f for f in result.findings if f.rule_id == "image-alt"]
    assert [f.selector for f in image_alt] == ["iframe img"]


def test_axe_speaks_the_report_language_from_axe_cores_locale_files(settings, tmp_path):
    """PRESSROOM_AXE_LOCALES points to axe-core's locales/ folder (here a one-rule excerpt)."""
    import json

    from accessibility.axe import AxeAuditor

    (tmp_path / "de.json").write_text(
        json.dumps(
            {"lang": "de", "rules": {"image-alt": {"help": "Bilder brauchen Alternativtext"}}}
        )
    )
    settings.PRESSROOM_AXE_LOCALES = str(tmp_path)
    with AxeAuditor(language="de") as auditor:
        result = auditor.audit(KNOWN_BAD.as_uri())
    image_alt = next(f for f in result.findings if f.rule_id == "image-alt")
    assert image_alt.help == "Bilder brauchen Alternativtext"


@pytest.mark.parametrize(
    ("language", "help_text", "detail"),
    [
        ("en", "Text must not be justified (WCAG 1.4.8, AAA)", "The text is 10 px, smaller"),
        ("de-de", "Text darf nicht im Blocksatz stehen (WCAG 1.4.8, AAA)", "Der Text ist 10 px"),
    ],
)
def test_our_axe_rules_speak_the_audit_language(tmp_path, language, help_text, detail):
    from accessibility.axe import AxeAuditor

    page = tmp_path / "styled.html"
    page.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Stil</title></head>'
        '<body><main><h1>Stil</h1><p style="text-align: justify">Ein Absatz, der im Blocksatz '
        'steht und daher ungleiche Abstände hat.</p><p style="font-size: 10px">Ganz kleiner '
        "Text.</p></main></body></html>",
        encoding="utf8",
    )
    with AxeAuditor(language=language) as auditor:
        result = auditor.audit(page.as_uri())
    found = {f.rule_id: f for f in result.findings}
    assert found["pressroom-justified-text"].help == help_text
    assert found["pressroom-text-size"].detail.startswith(detail)
