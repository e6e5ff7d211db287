"""The browser engine: axe-core through axe-selenium-python in headless Debian Chromium."""

import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .findings import AuditResult, Finding

ENGINE = "axe"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
IMPACT_FALLBACK = "moderate"


def disabled_rules() -> dict[str, str]:
    """PRESSROOM_AXE_DISABLED_RULES: {rule id: written justification}; a rule needs one."""
    rules = dict(getattr(settings, "PRESSROOM_AXE_DISABLED_RULES", {}))
    for rule_id, justification in rules.items():
        if not str(justification or "").strip():
            raise ImproperlyConfigured(
                f"PRESSROOM_AXE_DISABLED_RULES: axe rule “{rule_id}” is disabled without a "
                "justification. Give the reason as the value; it appears in every report."
            )
    return rules


def axe_options(disabled: dict[str, str]) -> str:
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
        "rules": {rule_id: {"enabled": False} for rule_id in disabled},
    }
    return json.dumps(options)  # a Python dict breaks on True/False/None in the script


def wcag_criterion(tags: list[str]) -> str:
    """“wcag111” → “1.1.1”; “best-practice” when axe names no success criterion."""
    for tag in tags:
        digits = tag[4:]
        if tag.startswith("wcag") and digits.isdigit() and len(digits) >= 3:
            return f"{digits[0]}.{digits[1]}.{digits[2:]}"
    return "best-practice"


def findings_from_axe(violations: list[dict]) -> list[Finding]:
    findings = []
    for violation in violations:
        for node in violation.get("nodes", []):
            target = node.get("target") or ["html"]
            findings.append(
                Finding(
                    engine=ENGINE,
                    rule_id=violation["id"],
                    impact=node.get("impact") or violation.get("impact") or IMPACT_FALLBACK,
                    wcag=wcag_criterion(violation.get("tags", [])),
                    selector=" ".join(str(part) for part in target),
                    help=violation.get("help", ""),
                    html=node.get("html", "")[:200],
                    help_url=violation.get("helpUrl", ""),
                )
            )
    return findings


class AxeAuditor:
    """One headless Chromium, reused for every page audited inside the `with` block."""

    def __init__(self, script_url: str | None = None):
        self.script_url = script_url or getattr(settings, "PRESSROOM_AXE_SCRIPT", None)
        self.disabled = disabled_rules()
        self._browser_context = None
        self._script = None
        self.browser = None

    def __enter__(self):
        from .browser import headless_chromium

        self._browser_context = headless_chromium()
        self.browser = self._browser_context.__enter__()
        self.browser.set_script_timeout(60)
        with open(self.script_path(), encoding="utf8") as script:
            self._script = script.read()
        # Chromium evaluates axe-core in every new document and frame, before the page's own
        # scripts: no per-page injection, and axe can test inside iframes too.
        self.browser.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": self._script}
        )
        return self

    def script_path(self):
        from axe_selenium_python.axe import _DEFAULT_SCRIPT

        return self.script_url or _DEFAULT_SCRIPT

    def __exit__(self, *exc_info):
        self._browser_context.__exit__(*exc_info)
        self.browser = None

    def audit(self, url: str) -> AuditResult:
        self.browser.get(url)
        return self.audit_current_page()

    def audit_current_page(self) -> AuditResult:
        """Audit what the browser shows now, e.g. after a test submitted a form in it."""
        from axe_selenium_python import Axe

        url = self.browser.current_url
        if not self.browser.execute_script("return typeof window.axe === 'object'"):
            self.browser.execute_script(self._script)  # e.g. a page that replaced window.axe
        results = Axe(self.browser, self.script_path()).run(options=axe_options(self.disabled))
        return AuditResult(
            url=url,
            engine=ENGINE,
            findings=findings_from_axe(results.get("violations", [])),
            engine_version="axe-core " + results.get("testEngine", {}).get("version", "?"),
            disabled_rules=self.disabled,
        )
