"""The static engine: the rules of static_rules.py applied to rendered HTML."""

from .findings import AuditResult, Finding
from .html_tools import css_selector, parse, snippet
from .static_rules import RULES

ENGINE = "static"


def audit_html(html: str | bytes, url: str = "", rule_ids=None) -> AuditResult:
    soup = parse(html)
    result = AuditResult(
        url=url, engine=ENGINE, engine_version=f"pressroom static ({len(RULES)} rules)"
    )
    for rule in RULES.values():
        if rule_ids is not None and rule.id not in rule_ids:
            continue
        for element, message in rule.check(soup):
            result.findings.append(
                Finding(
                    engine=ENGINE,
                    rule_id=rule.id,
                    impact=rule.impact,
                    wcag=rule.wcag,
                    selector=css_selector(element) if element is not None else "html",
                    help=str(message or rule.help),
                    html=snippet(element) if element is not None else "",
                )
            )
    return result
