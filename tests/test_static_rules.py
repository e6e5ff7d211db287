"""Each static rule: a page that breaks it is flagged, the same page done right is not."""

import pytest

from accessibility.registry import PRESSROOM, RULES
from accessibility.static import audit_html


def page(body="", head="<title>Seite</title>", lang="de", before_main="", main_attrs=' id="main"'):
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        f'<a href="#main">Zum Inhalt</a><header><nav aria-label="Menü"><a href="/">Start</a></nav>'
        f"</header>{before_main}<main{main_attrs}><h1>Titel</h1>{body}</main>"
        '<footer><nav class="legal-links" aria-label="Rechtliches"><a href="/impressum/">Impressum'
        "</a></nav></footer></body></html>"
    )


RELEASED_GALLERY = (
    '<section data-gallery-state="released"><h2>Fotos</h2><figure><img src="a.jpg" alt="Rede">'
    '<figcaption>Die Rede. <span class="gallery__credit">Foto: StMT</span></figcaption></figure>'
    "</section>"
)

THREE_LINKS = '<a href="/a">Alpha</a> <a href="/b">Beta</a> <a href="/c">Gamma</a>'

CASES = {
    "html-lang-valid": (page(lang=""), page(lang="de")),
    "element-lang-valid": (page('<p lang="english">Hi</p>'), page('<p lang="en">Hi</p>')),
    "document-title": (page(head="<title> </title>"), page()),
    "meta-viewport-zoom": (
        page(
            head='<title>T</title><meta name="viewport" content="width=device-width, '
            'user-scalable=no">'
        ),
        page(head='<title>T</title><meta name="viewport" content="width=device-width">'),
    ),
    "duplicate-id": (
        page('<p id="a">1</p><p id="a">2</p>'),
        page('<p id="a">1</p><p id="b">2</p>'),
    ),
    "single-h1": (page("<h1>Noch eins</h1>"), page("<h2>Unterpunkt</h2>")),
    "heading-order": (page("<h3>Zu tief</h3>"), page("<h2>Richtig</h2><h3>Tiefer</h3>")),
    "empty-heading": (page("<h2> </h2>"), page("<h2>Text</h2>")),
    "img-alt": (page('<img src="a.jpg">'), page('<img src="a.jpg" alt="">')),
    "img-alt-file-name": (
        page('<img src="a.jpg" alt="IMG_4711.JPG">'),
        page('<img src="a.jpg" alt="Die Ministerin">'),
    ),
    "link-name": (
        page('<a href="/x"><img src="i.png" alt=""></a>'),
        page('<a href="/x"><img src="i.png" alt="Programm"></a>'),
    ),
    "button-name": (page("<button></button>"), page('<button aria-label="Suchen"></button>')),
    "form-label": (
        page('<input type="text" name="q">'),
        page('<label for="q">Suche</label><input type="text" id="q" name="q">'),
    ),
    "landmark-main": (page().replace("<main", "<div").replace("</main>", "</div>"), page()),
    "landmark-nav": (
        page(before_main=f"<div>{THREE_LINKS}</div>"),
        page(before_main=f'<nav aria-label="Themen">{THREE_LINKS}</nav>'),
    ),
    "legal-footer-links": (
        page().replace("<footer>", "<div>").replace("</footer>", "</div>"),
        page(),
    ),
    "skip-link": (page(main_attrs=""), page()),
    "tabindex-positive": (
        page('<a href="/a" tabindex="2">A</a>'),
        page('<a href="/a" tabindex="0">A</a>'),
    ),
    "iframe-title": (
        page('<iframe src="/v"></iframe>'),
        page('<iframe src="/v" title="Video"></iframe>'),
    ),
    "table-headers": (
        page("<table><tr><td>1</td></tr></table>"),
        page('<table><tr><th scope="col">Zahl</th></tr><tr><td>1</td></tr></table>'),
    ),
    "lead-markers-hidden": (
        page("<p>+++ Das Wichtigste +++</p>"),
        page(
            '<p><span aria-hidden="true">+++</span> Das Wichtigste <span aria-hidden="true">+++'
            "</span></p>"
        ),
    ),
    "link-text-url": (
        page('<a href="https://example.org/p">https://example.org/p</a>'),
        page('<a href="https://example.org/p">Programm</a>'),
    ),
    "link-text-generic": (
        page('<p>Mehr dazu <a href="/p">hier</a>.</p>'),
        page('<p><a href="/p">Programm der Tagung</a></p>'),
    ),
    "quote-speaker": (
        page("<blockquote><p>Ein Satz.</p></blockquote>"),
        page(
            "<figure><blockquote><p>Ein Satz.</p></blockquote><figcaption>Anna Beispiel"
            "</figcaption></figure>"
        ),
    ),
    "release-date-in-time": (
        page('<p class="release__meta">München, 18. Juli 2018</p>'),
        page(
            '<p class="release__meta">München, <time datetime="2018-07-18">18. Juli 2018</time></p>'
        ),
    ),
    "gallery-withheld-notice": (
        page(
            '<section data-gallery-state="withheld"><h2>Fotos</h2><img src="a.jpg" alt="x">'
            "</section>"
        ),
        page(
            '<section data-gallery-state="withheld"><h2>Fotos</h2><p class="gallery__notice">Ab '
            '<time datetime="2026-03-28T18:00:00+01:00">28. März 2026, 18:00 Uhr</time></p>'
            "</section>"
        ),
    ),
    "gallery-credit": (
        page(RELEASED_GALLERY.replace('<span class="gallery__credit">Foto: StMT</span>', "")),
        page(RELEASED_GALLERY),
    ),
    "document-link-info": (
        page('<a href="/media/bericht.pdf">Jahresbericht 2025</a>'),
        page('<a href="/media/bericht.pdf">Jahresbericht 2025 (PDF, 1,2 MB)</a>'),
    ),
}


def rule_ids(html, rule_id):
    return [f.rule_id for f in audit_html(html, rule_ids={rule_id}, profile=PRESSROOM).findings]


def test_there_are_at_least_25_rules_and_each_has_a_case():
    assert len(RULES) >= 25
    assert set(RULES) == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_flags_the_bad_page_and_passes_the_good_one(rule_id):
    bad, good = CASES[rule_id]
    assert rule_id in rule_ids(bad, rule_id)
    assert rule_ids(good, rule_id) == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_the_good_pages_pass_every_rule(rule_id):
    findings = audit_html(CASES[rule_id][1], profile=PRESSROOM).findings
    assert [f.line() for f in findings] == []


def test_every_rule_has_wcag_impact_and_help_in_both_languages():
    from django.utils import translation

    for rule in RULES.values():
        assert rule.impact in ("minor", "moderate", "serious", "critical")
        assert rule.wcag.count(".") == 2 or rule.wcag == "best-practice"
        with translation.override("en"):
            english = str(rule.help)
        with translation.override("de"):
            german = str(rule.help)
        assert english and german and english != german, rule.id


def test_finding_names_rule_selector_and_help():
    finding = audit_html(page('<img src="a.jpg">')).findings[0]
    assert (finding.rule_id, finding.impact, finding.wcag) == ("img-alt", "critical", "1.1.1")
    assert finding.selector == "#main > img"
    assert '<img src="a.jpg"/>' in finding.html


def test_the_accessibility_app_imports_no_other_app_of_ours():
    import ast
    from pathlib import Path

    ours = {"announcements", "legal_pages", "example_site"}
    for path in Path("accessibility").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            assert not {name.split(".")[0] for name in names} & ours, path


def test_other_apps_register_their_contract_rules_in_the_pressroom_profile():
    from accessibility.registry import rules_of

    contract = {"gallery-credit", "gallery-withheld-notice", "quote-speaker", "legal-footer-links"}
    assert contract <= {r.id for r in rules_of(PRESSROOM)}
    assert not contract & {r.id for r in rules_of("wcag")}
    assert RULES["gallery-credit"].check.__module__ == "announcements.audit_rules"
    assert RULES["legal-footer-links"].check.__module__ == "legal_pages.audit_rules"
