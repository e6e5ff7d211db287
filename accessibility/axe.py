"""The browser engine: axe-core through axe-selenium-python in headless Debian Chromium."""

import json
from contextlib import suppress
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .findings import REVIEW, AuditResult, Finding

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
        "resultTypes": ["violations", "incomplete"],
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


def failure_summary(node: dict) -> str:
    """axe's per-element explanation, e.g. “Element has insufficient color contrast of 2.86
    (foreground color: #9499a1, background color: #ffffff …)”, on one line."""
    summary = node.get("failureSummary") or "; ".join(
        check.get("message", "") for kind in ("any", "all", "none") for check in node.get(kind, [])
    )
    lines = [line.strip() for line in summary.splitlines()]
    return " ".join(line for line in lines if line and not line.startswith("Fix "))


def findings_from_axe(violations: list[dict], incomplete: list[dict] = ()) -> list[Finding]:
    """One Finding per element; results axe could not decide get the level “review”."""
    findings = []
    for results, needs_review in ((violations, False), (incomplete, True)):
        for result in results:
            for node in result.get("nodes", []):
                impact = node.get("impact") or result.get("impact") or IMPACT_FALLBACK
                findings.append(
                    Finding(
                        engine=ENGINE,
                        rule_id=result["id"],
                        impact=REVIEW if needs_review else impact,
                        wcag=wcag_criterion(result.get("tags", [])),
                        selector=" ".join(str(part) for part in node.get("target") or ["html"]),
                        help=result.get("help", ""),
                        html=node.get("html", "")[:200],
                        help_url=result.get("helpUrl", ""),
                        detail=failure_summary(node),
                    )
                )
    return findings


class AxeAuditor:
    """One headless Chromium, reused for every page audited inside the `with` block: a local one,
    or a session on the Selenium Grid at grid_url. With recycle_every, the browser is replaced by
    a fresh one after that many pages (a long-lived Chromium keeps growing)."""

    def __init__(
        self,
        script_url: str | None = None,
        language: str | None = None,
        grid_url: str | None = None,
        recycle_every: int | None = None,
    ):
        self.script_url = script_url or getattr(settings, "PRESSROOM_AXE_SCRIPT", None)
        self.language = language
        self.grid_url = grid_url
        self.recycle_every = recycle_every
        self.disabled = disabled_rules()
        self._browser_context = None
        self._script = None
        self.browser = None
        self.pages = 0  # audited by the current browser

    def __enter__(self):
        with open(self.script_path(), encoding="utf8") as script:
            self._script = script.read() + self.configuration()
        self.start_browser()
        return self

    def start_browser(self):
        from .browser import execute_cdp, headless_chromium, remote_chromium

        if self.grid_url:
            self._browser_context = remote_chromium(self.grid_url)
        else:
            self._browser_context = headless_chromium()
        self.browser = self._browser_context.__enter__()
        self.browser.set_script_timeout(60)
        self.pages = 0
        # Chromium evaluates axe-core in every new document and frame, before the page's own
        # scripts: no per-page injection, and axe can test inside iframes too.
        execute_cdp(self.browser, "Page.addScriptToEvaluateOnNewDocument", {"source": self._script})

    def restart_browser(self):
        """A fresh browser instead of the current one (recycling, or after it crashed)."""
        context, self._browser_context, self.browser = self._browser_context, None, None
        with suppress(Exception):  # a crashed browser or Grid node may not quit cleanly
            context.__exit__(None, None, None)
        self.start_browser()

    def answers(self) -> bool:
        """Whether the browser (session) still runs scripts."""
        try:
            return self.browser.execute_script("return 1") == 1
        except Exception:
            return False

    def configuration(self) -> str:
        """Our custom rules (axe_rules.js, their messages in the audit's language) and, where
        PRESSROOM_AXE_LOCALES holds axe-core's locale file of the language
        (axe-core/locales/de.json), axe's messages in it."""
        language = (self.language or "en").split("-")[0].lower()
        script = f"window.pressroomAxeLanguage = {json.dumps(language)};\n"
        script += (Path(__file__).parent / "axe_rules.js").read_text(encoding="utf8")
        folder = getattr(settings, "PRESSROOM_AXE_LOCALES", None)
        locale = Path(folder) / f"{self.language}.json" if folder and self.language else None
        if locale is not None and locale.is_file():
            script += f"\naxe.configure({{locale: {locale.read_text(encoding='utf8')}}});"
        return "\n" + script

    def script_path(self):
        from axe_selenium_python.axe import _DEFAULT_SCRIPT

        return self.script_url or _DEFAULT_SCRIPT

    def __exit__(self, *exc_info):
        if self._browser_context is not None:
            self._browser_context.__exit__(*exc_info)
        self.browser = None

    def audit(self, url: str) -> AuditResult:
        if self.recycle_every and self.pages >= self.recycle_every:
            self.restart_browser()
        self.pages += 1
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
            findings=findings_from_axe(
                results.get("violations", []), results.get("incomplete", [])
            ),
            engine_version="axe-core " + results.get("testEngine", {}).get("version", "?"),
            disabled_rules=self.disabled,
        )
