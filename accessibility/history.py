"""The history of complete runs: findings per run by impact and by rule, and what changed from
one run to the next (new and fixed findings per page)."""

from collections import Counter, defaultdict
from urllib.parse import urlparse

from .findings import LEVELS
from .models import AuditFinding, AuditRun


def complete_runs(limit=20) -> list[AuditRun]:
    """The newest complete runs of the site, URLs or files (not those on publish), oldest first."""
    runs = AuditRun.objects.filter(finished_at__isnull=False).exclude(kind=AuditRun.PUBLISH)
    return list(runs.order_by("-finished_at", "-pk")[:limit])[::-1]


def counts(runs) -> tuple[dict, dict]:
    """{run id: Counter(impact)} and {run id: Counter(rule)} of the runs' findings."""
    by_impact, by_rule = defaultdict(Counter), defaultdict(Counter)
    rows = AuditFinding.objects.filter(audited_page__run__in=runs).values_list(
        "audited_page__run_id", "impact", "rule_id"
    )
    for run_id, impact, rule_id in rows:
        by_impact[run_id][impact] += 1
        by_rule[run_id][rule_id] += 1
    return by_impact, by_rule


def trend(runs, top_rules=10) -> dict:
    """Rows of the trend tables and the largest total (the chart's scale)."""
    by_impact, by_rule = counts(runs)
    totals = Counter()
    for rules in by_rule.values():
        totals.update(rules)
    rules = [rule for rule, _count in totals.most_common(top_rules)]
    rows = [
        {
            "run": run,
            "impacts": [by_impact[run.pk][level] for level in LEVELS],
            "total": sum(by_impact[run.pk].values()),
            "rules": [by_rule[run.pk][rule] for rule in rules],
        }
        for run in runs
    ]
    return {
        "levels": LEVELS,
        "rules": rules,
        "rows": rows,
        "largest": max([row["total"] for row in rows] + [1]),
    }


def _keys(run) -> dict:
    """Each finding of the run by (page, engine, rule, element); a page by its Wagtail page or,
    failing that, by its path (a local server's port differs between runs)."""
    found = {}
    rows = AuditFinding.objects.filter(audited_page__run=run).select_related("audited_page")
    for finding in rows:
        audited = finding.audited_page
        page = audited.page_id or urlparse(audited.url).path
        found[(page, finding.engine, finding.rule_id, finding.selector)] = finding
    return found


def changes(previous, latest) -> list[dict]:
    """Per page, the findings new in `latest` and those fixed since `previous`."""
    before, after = _keys(previous), _keys(latest)
    pages = defaultdict(lambda: {"new": [], "fixed": []})
    for key in after.keys() - before.keys():
        pages[after[key].audited_page.url]["new"].append(after[key])
    for key in before.keys() - after.keys():
        pages[before[key].audited_page.url]["fixed"].append(before[key])
    return [{"url": url, **found} for url, found in sorted(pages.items())]
