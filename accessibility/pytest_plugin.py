"""pytest plugin (entry point `pytest11`): accessibility audits as fixtures.

    def test_release_is_accessible(live_server, assert_accessible):
        assert_accessible(live_server.url + "/pressemitteilungen/")          # both engines
        assert_accessible(client.get("/"), engines=("static",))              # a response
        assert_accessible("<html lang=de>…</html>")                          # HTML

Imports of Django and Selenium happen inside the fixtures, so the plugin costs nothing in
projects that do not use it.
"""

import tempfile
from pathlib import Path

import pytest


class AccessibilityError(AssertionError):
    pass


def failure_message(results, threshold):
    lines = []
    for result in results:
        findings = result.at_least(threshold)
        if findings:
            lines.append(f"{result.url or 'HTML'} ({result.engine_version}):")
            lines += [
                f"  - {f.rule_id} | {f.selector} | WCAG {f.wcag} | {f.impact} | {f.help}"
                + (f" | {f.detail}" if f.detail else "")
                + (f"\n      {f.html}" if f.html else "")
                for f in findings
            ]
    return "\n".join(lines)


def _as_html(target):
    if hasattr(target, "content"):  # a Django test response
        assert target.status_code == 200, f"the page answered {target.status_code}"
        return target.content
    return target


@pytest.fixture
def static_audit():
    """static_audit(html_or_response, url="", profile="wcag") -> AuditResult of the static
    checker; profile="pressroom" adds the site policy and the markup contracts of our apps."""
    from .static import audit_html

    def audit(target, url="", profile="wcag"):
        return audit_html(_as_html(target), url=url, profile=profile)

    return audit


@pytest.fixture(scope="session")
def axe_auditor():
    """One headless Chromium with axe-core for the whole test session."""
    from .axe import AxeAuditor

    with AxeAuditor() as auditor:
        yield auditor


@pytest.fixture
def axe_audit(axe_auditor):
    """axe_audit(url) -> AuditResult of axe-core in headless Chromium."""
    return axe_auditor.audit


@pytest.fixture
def assert_accessible(request, static_audit):
    """assert_accessible(url | response | html, engines=("static", "axe"), fail_on="minor",
    profile="wcag")."""

    def check(target, engines=("static", "axe"), fail_on="minor", profile="wcag"):
        from .runner import fetch, is_url

        target_is_url = isinstance(target, str) and is_url(target)
        html = fetch(target) if target_is_url else _as_html(target)
        results = []
        if "static" in engines:
            results.append(static_audit(html, target if target_is_url else "", profile))
        if "axe" in engines:
            auditor = request.getfixturevalue("axe_auditor")
            if target_is_url:
                results.append(auditor.audit(target))
            else:
                with tempfile.TemporaryDirectory() as folder:
                    page = Path(folder) / "page.html"
                    page.write_bytes(html if isinstance(html, bytes) else html.encode())
                    results.append(auditor.audit(page.as_uri()))
        message = failure_message(results, fail_on)
        if message:
            raise AccessibilityError("Accessibility findings:\n" + message)
        return results

    return check
