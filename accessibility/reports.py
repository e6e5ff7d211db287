"""Audit results as text, JSON, JUnit XML or HTML."""

import json
from collections import defaultdict
from xml.etree import ElementTree as ET

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .findings import disabled_rules_of as disabled_rules
from .findings import engine_versions


def _by_page(results):
    pages = defaultdict(list)
    for result in results:
        pages[result.url].append(result)
    return pages


def as_text(results) -> str:
    lines = []
    total = 0
    pages = _by_page(results)
    for url, page_results in pages.items():
        findings = [f for r in page_results for f in r.findings]
        total += len(findings)
        lines.append(f"{'✗' if findings else '✓'} {url} ({len(findings)})")
        lines += [f"    {f.engine}: {f.line()}" for f in findings]
    lines.append("")
    lines.append(
        _("Pages: %(pages)d, findings: %(findings)d") % {"pages": len(pages), "findings": total}
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
        failures = sum(1 for r in engine_results if r.findings)
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
            if result.findings:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(result.findings)} accessibility findings",
                    type="accessibility",
                )
                failure.text = "\n".join(f.line() for f in result.findings)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def as_html(results) -> str:
    pages = [
        {"url": url, "findings": [f for r in page_results for f in r.findings]}
        for url, page_results in _by_page(results).items()
    ]
    return render_to_string(
        "accessibility/report.html",
        {
            "pages": pages,
            "engines": engine_versions(results),
            "disabled_rules": disabled_rules(results),
        },
    )


FORMATS = {"text": as_text, "json": as_json, "junit": as_junit, "html": as_html}
