"""What the engines know reaches every report: the element's HTML, the help link, axe's
explanation per element, and “needs review” as its own level; selectors find their element."""

import re
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation

from accessibility.findings import AuditResult, Finding
from accessibility.reports import as_html, as_junit, as_text
from accessibility.static import audit_html

CONTRAST = Finding(
    engine="axe",
    rule_id="color-contrast",
    impact="serious",
    wcag="1.4.3",
    selector="p.grey",
    help="Elements must meet minimum color contrast ratio thresholds",
    html='<p class="grey">Leiser Text</p>',
    help_url="https://dequeuniversity.com/rules/axe/4.10/color-contrast",
    detail="Element has insufficient color contrast of 2.86 (foreground color: #9499a1)",
)
VIDEO = Finding(
    engine="axe",
    rule_id="video-caption",
    impact="review",
    wcag="1.2.2",
    selector="video",
    help="<video> elements must have captions",
    html='<video src="v.mp4"></video>',
)
RESULTS = [AuditResult(url="http://x/seite/", engine="axe", findings=[CONTRAST, VIDEO])]


def page(body, title="Testseite"):
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def run_command(*args):
    try:
        call_command("audit_accessibility", *args)
    except SystemExit as exit_:
        return exit_.code
    return 0


def test_text_report_shows_snippet_help_link_detail_and_a_review_section():
    with translation.override("en"):
        text = as_text(RESULTS)
    problem, review = text.split("Needs review by a person:")
    assert '<p class="grey">Leiser Text</p>' in problem
    assert "contrast of 2.86 (foreground color: #9499a1)" in problem
    assert "https://dequeuniversity.com/rules/axe/4.10/color-contrast" in problem
    assert "video-caption [review]" in review and "✗ http://x/seite/ (1)" in text


def test_junit_fails_on_problems_only_and_lists_reviews_apart():
    suite = ET.fromstring(as_junit(RESULTS)).find("testsuite")
    failure = suite.find("testcase/failure")
    assert failure.get("message") == "1 accessibility findings"
    assert '<p class="grey">Leiser Text</p>' in failure.text
    assert "dequeuniversity.com/rules/axe/4.10/color-contrast" in failure.text
    assert "video-caption" not in failure.text
    assert "video-caption" in suite.find("testcase/system-out").text


def test_html_report_shows_snippet_and_help_link(db):
    soup = BeautifulSoup(as_html(RESULTS), "html.parser")
    tables = soup.find_all("table")
    assert len(tables) == 2 and soup.find("h3").get_text() == "Zu prüfen"
    assert tables[0].find("pre").get_text() == '<p class="grey">Leiser Text</p>'
    link = tables[0].find("a")
    assert link["href"] == CONTRAST.help_url


def test_review_results_fail_only_with_fail_on_review(db, tmp_path):
    html = tmp_path / "gif.html"
    html.write_text(page('<img src="baum.gif" alt="Ein Weihnachtsbaum" width="40" height="40">'))
    report = tmp_path / "r.txt"
    axe = ("--engine", "axe", "--output", str(report))
    assert run_command(str(html), *axe) == 0
    assert "pressroom-animated-image [review]" in report.read_text()
    assert run_command(str(html), *axe, "--fail-on", "review") == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Every image needs an alt attribute"), ("de", "Jedes Bild braucht ein alt-Attribut")],
)
def test_language_option_sets_the_language_of_messages_and_report(db, tmp_path, language, expected):
    html = tmp_path / "img.html"
    html.write_text(page('<img src="a.jpg">'))
    report = tmp_path / "r.txt"
    run_command(str(html), "--engine", "static", "--language", language, "--output", str(report))
    text = report.read_text()
    assert expected in text
    assert ("Pages: 1" in text) == (language == "en")


REPEATS = page(
    "<p>Gleich</p><p>Gleich</p><p>Gleich</p>"
    "<table><tr><th>Jahr</th><th>Zahl</th></tr><tr><td>2025</td><td><img src='a.jpg'></td></tr>"
    "<tr><td>2026</td><td><img src='a.jpg'></td></tr></table>"
    "<table><thead><tr><th>A</th><th>B</th></tr></thead>"
    "<tr><td><a href='#'>x</a></td><td><a href='#'>x</a></td></tr></table>"
    "<ul><li><img src='b.jpg'></li><li><img src='b.jpg'></li></ul>"
    "<div><p></p><p></p></div>"
    "<div id='x'><img src='c.jpg'></div><div id='x'><img src='c.jpg'></div>"
)


def test_every_static_selector_matches_exactly_its_element_in_chromium(axe_auditor, tmp_path):
    """Tables without tbody, identical siblings, duplicate ids: each selector must find one
    element in the browser's DOM, and the one the finding's HTML shows."""
    path = tmp_path / "repeats.html"
    path.write_text(REPEATS)
    findings = [f for f in audit_html(REPEATS).findings if f.selector != "html"]
    assert len(findings) >= 12
    axe_auditor.browser.get(path.as_uri())
    for finding in findings:
        matches = axe_auditor.browser.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.outerHTML)",
            finding.selector,
        )
        assert len(matches) == 1, (finding.rule_id, finding.selector, matches)
        tag = re.match(r"<([a-z0-9]+)", finding.html)[1]
        assert re.match(rf"<{tag}[ >]", matches[0]), (finding.selector, matches[0])


def test_findings_on_identical_images_point_to_different_elements():
    selectors = [f.selector for f in audit_html(REPEATS).findings if f.rule_id == "img-alt"]
    assert len(selectors) == len(set(selectors)) == 6


def test_stored_review_results_are_no_open_problems_of_the_statement(db):
    from accessibility.results import store_run
    from legal_pages.audit_summary import audit_summary

    run = store_run("test", RESULTS)
    assert run.pages.get().findings.filter(impact="review").count() == 1
    assert [problem.criterion for problem in audit_summary().problems] == ["1.4.3"]  # the newest
