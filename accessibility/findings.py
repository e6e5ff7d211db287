"""The one Finding format both audit engines report in."""

from dataclasses import asdict, dataclass, field

IMPACTS = ["minor", "moderate", "serious", "critical"]
REVIEW = "review"  # an engine could not decide: a person must check (axe's “incomplete”)
LEVELS = [REVIEW, *IMPACTS]


def impact_rank(impact: str) -> int:
    return LEVELS.index(impact) if impact in LEVELS else 1


@dataclass
class Finding:
    engine: str  # "static" or "axe"
    rule_id: str
    impact: str  # minor, moderate, serious, critical
    wcag: str  # success criterion, e.g. "1.1.1"; "best-practice" when none
    selector: str
    help: str
    html: str = ""
    help_url: str = ""
    detail: str = ""  # what exactly fails at this element, e.g. axe's failure summary

    def line(self) -> str:
        wcag = "best practice" if self.wcag == "best-practice" else f"WCAG {self.wcag}"
        line = f"{self.rule_id} [{self.impact}] {wcag} at {self.selector}: {self.help}"
        return f"{line} ({self.detail})" if self.detail else line


@dataclass
class AuditResult:
    """The findings of one engine on one page."""

    url: str
    engine: str
    findings: list[Finding] = field(default_factory=list)
    engine_version: str = ""
    disabled_rules: dict[str, str] = field(default_factory=dict)  # rule id -> justification

    def at_least(self, impact: str) -> list[Finding]:
        return [f for f in self.findings if impact_rank(f.impact) >= impact_rank(impact)]

    def as_dict(self) -> dict:
        return asdict(self)


def engine_versions(results) -> list[str]:
    return sorted({result.engine_version for result in results if result.engine_version})


def disabled_rules_of(results) -> dict[str, str]:
    """The disabled rules and their justifications across several results."""
    merged = {}
    for result in results:
        merged.update(result.disabled_rules)
    return merged
