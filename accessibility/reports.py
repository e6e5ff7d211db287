"""Audit results as text, JSON, JUnit XML or HTML."""

import json
from collections import defaultdict
from xml.etree import ElementTree as ET

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .findings import REVIEW, engine_versions
from .findings import disabled_rules_of as disabled_rules


def _by_page(results):
    pages = defaultdict(list)
    for result in results:
        pages[result.url].append(result)
    return pages


def finding_lines(finding) -> list[str]:
    """The finding, then the element's HTML and the help link, indented under it."""
    lines = [finding.line()]
    if finding.html:
        lines.append("    " + " ".join(finding.html.split()))
    if finding.help_url:
        lines.append("    " + finding.help_url)
    return lines


def split(findings):
    return [f for f in findings if f.impact != REVIEW], [f for f in findings if f.impact == REVIEW]


def as_text(results) -> str:
    lines = []
    total = reviews = 0
    pages = _by_page(results)
    for url, page_results in pages.items():
        problems, to_review = split([f for r in page_results for f in r.findings])
        total, reviews = total + len(problems), reviews + len(to_review)
        lines.append(f"{'✗' if problems else '✓'} {url} ({len(problems)})")
        for finding in problems:
            lines += [f"    {finding.engine}: {line}" for line in finding_lines(finding)]
        if to_review:
            lines.append("    " + _("Needs review by a person:"))
        for finding in to_review:
            lines += [f"    {finding.engine}: {line}" for line in finding_lines(finding)]
    lines.append("")
    lines.append(
        _("Pages: %(pages)d, findings: %(findings)d, to review: %(reviews)d")
        % {"pages": len(pages), "findings": total, "reviews": reviews}
    )
    lines.append(_("Engines: %(versions)s") % {"versions": ", ".join(engine_versions(results))})
    for rule_id, why in disabled_rules(results).items():
        lines.append(_("Disabled rule %(rule)s: %(why)s") % {"rule": rule_id, "why": why})
    return "\n".join(lines) + "\n"


def as_json(results) -> str:
    return json.dumps(
        {
            "engines": engine_versions(results),
            "disabled_rules": disabled_rules(results),
            "results": [r.as_dict() for r in results],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_junit(results) -> str:
    suites = ET.Element("testsuites", name="accessibility")
    by_engine = defaultdict(list)
    for result in results:
        by_engine[result.engine].append(result)
    for engine, engine_results in by_engine.items():
        failures = sum(1 for r in engine_results if split(r.findings)[0])
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=f"accessibility.{engine}",
            tests=str(len(engine_results)),
            failures=str(failures),
            errors="0",
        )
        properties = ET.SubElement(suite, "properties")
        for version in engine_versions(engine_results):
            ET.SubElement(properties, "property", name="engine", value=version)
        for rule_id, why in disabled_rules(engine_results).items():
            ET.SubElement(properties, "property", name=f"disabled:{rule_id}", value=why)
        for result in engine_results:
            case = ET.SubElement(
                suite, "testcase", classname=f"accessibility.{engine}", name=result.url
            )
            problems, to_review = split(result.findings)
            if problems:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(problems)} accessibility findings",
                    type="accessibility",
                )
                failure.text = "\n".join(line for f in problems for line in finding_lines(f))
            if to_review:
                output = ET.SubElement(case, "system-out")
                output.text = "\n".join(
                    [_("Needs review by a person:")]
                    + [line for f in to_review for line in finding_lines(f)]
                )
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def as_html(results) -> str:
    pages = []
    for url, page_results in _by_page(results).items():
        problems, to_review = split([f for r in page_results for f in r.findings])
        pages.append({"url": url, "findings": problems, "to_review": to_review})
    return render_to_string(
        "accessibility/report.html",
        {
            "pages": pages,
            "engines": engine_versions(results),
            "disabled_rules": disabled_rules(results),
        },
    )


FORMATS = {"text": as_text, "json": as_json, "junit": as_junit, "html": as_html}
