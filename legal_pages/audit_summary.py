"""The latest stored accessibility audit, told in plain language for the statement."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

# WCAG success criterion -> what a finding under it means for a visitor.
PLAIN_LANGUAGE = {
    "1.1.1": _("Some images or controls have no text alternative."),
    "1.2.2": _("Some videos have no captions."),
    "1.3.1": _("The structure of some pages (headings, lists, tables, forms) is not marked up."),
    "1.3.5": _("Some form fields do not say what personal data they ask for."),
    "1.4.1": _("Some information is shown by colour alone."),
    "1.4.3": _("Some text has too little contrast with its background."),
    "1.4.4": _("Some text cannot be enlarged without losing content."),
    "1.4.10": _("Some pages need horizontal scrolling on small screens."),
    "1.4.11": _("Some controls or graphics have too little contrast."),
    "2.1.1": _("Some functions cannot be used with the keyboard."),
    "2.4.1": _("Some pages offer no way to skip repeated blocks."),
    "2.4.2": _("Some pages have no meaningful title."),
    "2.4.3": _("The keyboard focus moves in an unexpected order on some pages."),
    "2.4.4": _("Some links do not say where they lead."),
    "2.4.6": _("Some headings or labels do not describe their content."),
    "2.4.7": _("The keyboard focus is not visible everywhere."),
    "2.5.3": _(
        "The visible label of some controls differs from their name for assistive technology."
    ),
    "3.1.1": _("The language of some pages is not stated."),
    "3.1.2": _("Text in another language is not marked as such."),
    "3.3.1": _("Some form errors are not described in text."),
    "3.3.2": _("Some form fields have no label or instructions."),
    "4.1.2": _("Some controls have no name or role for assistive technology."),
}
BEST_PRACTICE = _("Further problems that go beyond the legal requirements.")
OTHER = _("Other problems under WCAG success criterion %(criterion)s.")


@dataclass
class OpenProblem:
    criterion: str  # WCAG success criterion or "best-practice"
    text: str
    pages: int


@dataclass
class AuditSummary:
    finished_at: object
    pages: int
    engines: str
    problems: list[OpenProblem]


def plain_language(criterion: str) -> str:
    if criterion in PLAIN_LANGUAGE:
        return str(PLAIN_LANGUAGE[criterion])
    if criterion == "best-practice" or not criterion:
        return str(BEST_PRACTICE)
    return str(OTHER) % {"criterion": criterion}


def criterion_order(criterion: str):
    """“1.4.3” before “1.4.10”; best-practice last."""
    parts = criterion.split(".")
    return (not all(part.isdigit() for part in parts), [int(p) for p in parts if p.isdigit()])


def audit_summary(run=None) -> AuditSummary | None:
    """The open findings of `run` (default: the latest run) grouped by success criterion."""
    from accessibility.models import AuditFinding
    from accessibility.results import latest_run

    run = run or latest_run()
    if run is None:
        return None
    pages_by_criterion = defaultdict(set)
    # results an engine could not decide (“review”) are questions, not known problems
    findings = AuditFinding.objects.filter(audited_page__run=run).exclude(impact="review")
    findings = findings.values_list("wcag", "audited_page_id")
    for criterion, page_id in findings:
        for single in criterion.split(","):
            pages_by_criterion[single.strip()].add(page_id)
    problems = [
        OpenProblem(criterion, plain_language(criterion), len(page_ids))
        for criterion, page_ids in pages_by_criterion.items()
    ]
    problems.sort(key=lambda problem: criterion_order(problem.criterion))
    pages = run.pages.aggregate(count=Count("pk"))["count"]
    return AuditSummary(run.finished_at, pages, run.engine_versions or run.engines, problems)
