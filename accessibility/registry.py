"""The registry of static rules. This app registers the rules that hold on any page; other
apps add rules for their own markup contracts from their AppConfig.ready():

    from accessibility.registry import rule

    @rule("gallery-notice", "1.3.1", "serious", _("…help…"), profile="pressroom")
    def gallery_notice(soup):
        yield element, None        # or (None, None) for the whole document

A rule's check takes the parsed document, or (document, context) when it declares a second
parameter: context is a PageContext (profile, site-wide facts of a multi-page run). Rules of the
profile "wcag" hold on any page; "pressroom" rules are site policy (legal footer, skip link
everywhere, our own markup contracts) and run only with --profile pressroom.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

WCAG, PRESSROOM = "wcag", "pressroom"
PROFILES = {WCAG: {WCAG}, PRESSROOM: {WCAG, PRESSROOM}}


@dataclass(frozen=True)
class Rule:
    id: str
    wcag: str  # success criterion "1.1.1" or "best-practice"
    impact: str
    help: str
    check: Callable
    profile: str = WCAG
    wants_context: bool = False


@dataclass
class PageContext:
    profile: str = WCAG
    url: str = ""
    site: dict = field(default_factory=dict)  # facts of all pages of the run, see static.py


RULES: dict[str, Rule] = {}


def rule(rule_id, wcag, impact, help_text, profile=WCAG):
    """Register a static rule under rule_id (a later registration of the same id replaces it)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")

    def register(check):
        wants_context = len(inspect.signature(check).parameters) > 1
        RULES[rule_id] = Rule(rule_id, wcag, impact, help_text, check, profile, wants_context)
        return check

    return register


def rules_of(profile: str, rule_ids=None) -> list[Rule]:
    allowed = PROFILES[profile]
    return [
        r for r in RULES.values() if r.profile in allowed and (rule_ids is None or r.id in rule_ids)
    ]
