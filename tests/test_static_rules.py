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

RADIOS = (
    '<label><input type="radio" name="konto" value="ja"> Ja</label>'
    '<label><input type="radio" name="konto" value="nein"> Nein</label>'
)
DATA_TABLE = (
    "<table><caption>Zahlen</caption><tr><th>Jahr</th><th>Anzahl</th></tr>"
    "<tr><td>2025</td><td>1</td></tr></table>"
)
CROSS_TABLE = (
    "<table><caption>Öffnungszeiten</caption><tr><td></td><th>Montag</th><th>Dienstag</th></tr>"
    "<tr><th>Vormittag</th><td>offen</td><td>zu</td></tr></table>"
)
SELECT = (
    '<label for="s">Sprache</label><select id="s"><option value="/de/">Deutsch</option>'
    '<option value="/en/">English</option></select>'
)
ENGLISH = "We are delighted that the council has finally agreed to fund the new library."
GALLERY = (
    '<ul class="bilder"><li><figure><img src="a.jpg" alt="Die Rede"><figcaption>Die Rede. '
    "Foto: Anna Beispiel</figcaption></figure></li><li><figure><img src='b.jpg' alt='Der Saal'>"
    "<figcaption>Der Saal. Foto: Anna Beispiel</figcaption></figure></li></ul>"
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
        page(DATA_TABLE.replace("th>", "td>")),
        page(DATA_TABLE),
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
    "link-no-destination": (
        page('<a href="javascript:void(0)">Drucken</a>'),
        page('<button type="button">Drucken</button>'),
    ),
    "link-new-window": (
        page('<a href="https://x.org/" target="_blank">Programm</a>'),
        page('<a href="https://x.org/" target="_blank">Programm (öffnet neues Fenster)</a>'),
    ),
    "link-title-redundant": (
        page('<a href="/p" title="Programm">Programm</a>'),
        page('<a href="/p">Programm</a>'),
    ),
    "link-text-punctuation": (
        page('<p>Zur Website <a href="https://x.org/">.</a></p>'),
        page('<p><a href="https://x.org/">Website des Ministeriums</a></p>'),
    ),
    "link-text-ambiguous": (
        page('<a href="/a">Programm</a> <a href="/b">Programm</a>'),
        page('<a href="/a">Programm Montag</a> <a href="/b">Programm Dienstag</a>'),
    ),
    "link-adjacent-same-target": (
        page('<a href="/p"><img src="p.jpg" alt="Pandas"></a> <a href="/p">Pandas</a>'),
        page('<a href="/p"><img src="p.jpg" alt=""> Pandas</a>'),
    ),
    "media-link-alternative": (
        page('<a href="/interview.mp3">Das Interview</a>'),
        page(
            '<a href="/interview.mp3">Das Interview (MP3, 4 MB)</a> '
            '<a href="/interview.html">Transkript des Interviews</a>'
        ),
    ),
    "form-label": (
        page('<input type="text" name="q" placeholder="Suche">'),
        page('<label for="q">Suche</label><input type="text" id="q" name="q">'),
    ),
    "label-empty": (
        page('<label for="q"></label><input id="q" title="Suche">'),
        page('<label for="q">Suche</label><input id="q">'),
    ),
    "label-multiple": (
        page('<label for="d">Datum</label><label for="d">Tag</label><input id="d">'),
        page('<label for="d">Datum, Tag</label><input id="d">'),
    ),
    "label-duplicate": (
        page("<form><label>Name <input></label><label>Name <input></label></form>"),
        page("<form><label>Vorname <input></label><label>Nachname <input></label></form>"),
    ),
    "image-button-alt": (
        page('<input type="image" src="go.png" alt="click">'),
        page('<input type="image" src="go.png" alt="Suchen">'),
    ),
    "fieldset-group": (
        page(RADIOS),
        page(f"<fieldset><legend>Haben Sie ein Konto?</legend>{RADIOS}</fieldset>"),
    ),
    "legend-missing": (
        page(f"<fieldset><legend> </legend>{RADIOS}</fieldset>"),
        page(f"<fieldset><legend>Haben Sie ein Konto?</legend>{RADIOS}</fieldset>"),
    ),
    "layout-table": (
        page(
            "<table><tr><td><ul><li>Start</li></ul></td><td><h2>Willkommen</h2></td></tr></table>"
        ),
        page('<table role="presentation"><tr><td><h2>Willkommen</h2></td></tr></table>'),
    ),
    "table-only-headers": (
        page("<table><tr><th>A</th><th>B</th></tr></table>"),
        page(DATA_TABLE),
    ),
    "table-caption": (page(DATA_TABLE.replace("<caption>Zahlen</caption>", "")), page(DATA_TABLE)),
    "table-header-scope": (
        page(CROSS_TABLE),
        page(CROSS_TABLE.replace("<th>", '<th scope="col">').replace("<th>", "<th>")),
    ),
    "table-nested": (
        page(DATA_TABLE.replace("<td>1</td>", "<td><table><tr><td>x</td></tr></table></td>")),
        page(DATA_TABLE),
    ),
    "table-columns": (
        page(DATA_TABLE.replace("<td>1</td>", "<td>1</td><td>2</td>")),
        page(DATA_TABLE),
    ),
    "img-alt-redundant": (
        page('<a href="/p"><img src="p.jpg" alt="Roter Panda"> Roter Panda</a>'),
        page('<a href="/p"><img src="p.jpg" alt=""> Roter Panda</a>'),
    ),
    "img-alt-long": (
        page(f'<img src="a.jpg" alt="{"Sehr lange Beschreibung " * 8}">'),
        page('<img src="a.jpg" alt="Die Ministerin am Pult">'),
    ),
    "img-title-conflict": (
        page('<img src="a.jpg" alt="" title="Logo des Ministeriums">'),
        page('<img src="a.jpg" alt="Logo des Ministeriums" title="Logo des Ministeriums">'),
    ),
    "spacer-image": (page('<img src="s.gif" alt="" width="100" height="1">'), page()),
    "media-captions": (
        page('<video src="v.mp4" controls></video>'),
        page('<video src="v.mp4" controls><track kind="captions" src="v.vtt"></video>'),
    ),
    "obsolete-presentation": (page("<center>Mitte</center>"), page("<p>Mitte</p>")),
    "accesskey": (page('<a href="/a" accesskey="a">A</a>'), page('<a href="/a">A</a>')),
    "focus-blur": (
        page('<a href="/a" onfocus="this.blur()">A</a>'),
        page('<a href="/a">A</a>'),
    ),
    "select-navigates": (
        page(SELECT.replace("<select", '<select onchange="location.href=this.value"')),
        page(SELECT),
    ),
    "focusable-static": (page('<p tabindex="0">Text</p>'), page("<p>Text</p>")),
    "link-as-button": (
        page('<a href="/antrag" role="button">Zum Antrag</a>'),
        page('<a href="/antrag">Zum Antrag</a>'),
    ),
    "empty-paragraph": (page("<p>Text</p><p> </p>"), page("<p>Text</p>")),
    "abbr-expanded": (
        page("<p><abbr>StMT</abbr> lädt ein.</p>"),
        page('<p><abbr title="Staatsministerium für Tests">StMT</abbr> lädt ein.</p>'),
    ),
    "fake-list": (
        page("<p>* Äpfel<br>* Birnen<br>* Pflaumen</p>"),
        page("<ul><li>Äpfel</li><li>Birnen</li><li>Pflaumen</li></ul>"),
    ),
    "lang-direction": (
        page('<p lang="ar">الإعفاء الإلكتروني</p>'),
        page('<p lang="ar" dir="rtl">الإعفاء الإلكتروني</p>'),
    ),
    "lang-of-parts": (
        page(f"<p>Die Ministerin sagte: „{ENGLISH}“</p>"),
        page(f'<p>Die Ministerin sagte: „<span lang="en">{ENGLISH}</span>“</p>'),
    ),
    "html-lang-matches": (
        page(f"<p>{ENGLISH}</p><p>{ENGLISH}</p>", lang="fr"),
        page(f"<p>{ENGLISH}</p><p>{ENGLISH}</p>", lang="en"),
    ),
    "title-meaningful": (page(head="<title>Unbenannt</title>"), page()),
    "date-in-time-element": (
        page("<p>München, 18. Juli 2026 – Die Tagung beginnt.</p>"),
        page('<p>München, <time datetime="2026-07-18">18. Juli 2026</time> – Die Tagung.</p>'),
    ),
    "gallery-caption-credit": (
        page(GALLERY.replace(" Foto: Anna Beispiel", "")),
        page(GALLERY),
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


def foreign_page(body, title="Seite"):
    """A page as other sites write them: no skip link, no landmarks beyond main."""
    return (
        f'<!DOCTYPE html><html lang="de"><head><title>{title}</title></head><body>'
        f"<main><h1>{title}</h1>{body}</main></body></html>"
    )


def test_skip_link_is_demanded_only_where_a_block_of_links_repeats_across_pages():
    from accessibility.static import audit_pages

    header = f"<div>{THREE_LINKS}</div>"
    with_menu = foreign_page("<p>Text</p>").replace("<main>", header + "<main>")
    alone = audit_html(with_menu)
    assert "skip-link" not in {f.rule_id for f in alone.findings}
    results = audit_pages([("https://x.org/a", with_menu), ("https://x.org/b", with_menu)])
    assert [[f.rule_id for f in r.findings if f.rule_id == "skip-link"] for r in results] == [
        ["skip-link"],
        ["skip-link"],
    ]
    fixed = with_menu.replace("<body>", '<body><a href="#inhalt">Zum Inhalt</a>')
    fixed = fixed.replace("<main>", '<main id="inhalt">')
    results = audit_pages([("https://x.org/a", fixed), ("https://x.org/b", fixed)])
    assert not [f for r in results for f in r.findings if f.rule_id == "skip-link"]


def test_the_same_title_on_several_pages_of_a_run_is_reported():
    from accessibility.static import audit_pages

    pages = [("https://x.org/a", foreign_page("<p>A</p>")), ("https://x.org/b", foreign_page(""))]
    results = audit_pages(pages)
    assert all("title-meaningful" in {f.rule_id for f in r.findings} for r in results)
    pages[1] = ("https://x.org/b", foreign_page("", title="Andere Seite"))
    assert not [f for r in audit_pages(pages) for f in r.findings]


def test_foreign_pages_raise_no_policy_or_press_findings():
    """The false alarms of the GDS run before: no footer, no skip link, no nav, a submit input,
    a layout table, a blockquote without speaker — none is a WCAG problem on a single page."""
    body = (
        '<form><label>Suche <input name="q"></label><input type="submit"></form>'
        "<table><tr><td><ul><li><a href='/a'>A</a></li></ul></td><td><h2>Willkommen</h2>"
        "<p>Text</p></td></tr></table><blockquote><p>Ein Satz.</p></blockquote>"
    )
    findings = audit_html(foreign_page(body)).findings
    assert [f.rule_id for f in findings] == ["layout-table"]


@pytest.mark.parametrize(
    ("passage", "flagged"),
    [
        ("Die Ministerin traf Emmanuel Macron, Ursula von der Leyen und Joe Biden.", False),
        ("Sie rief: „Yes we can!“ und ging.", False),
        ("20 November 2026 · Munich · Staatsministerium für Digitales und Verwaltung", False),
        ("Elle a dit : « Nous sommes très heureux de cette décision pour la ville. »", True),
        ("Die Ministerin sagte: „We are delighted that the council has agreed to fund it.“", True),
        # quotations below seven words: a sentence of another language, not a slogan or title
        ("Er sagte: „It is a good day for democracy.“ Dann ging er.", True),
        ("Sie sagte: « C'est une bonne nouvelle pour nous. »", True),
        ('Er sagte: „<span lang="en">It is a good day for democracy.</span>“ Dann ging er.', False),
        ("Sie sagte: „Das ist gut für uns alle.“", False),
        ("Das Motto „Leave no one behind“ gilt für alle Vorhaben.", False),
        ("Das Buch „The Catcher in the Rye“ liegt aus.", False),
    ],
)
def test_other_languages_are_found_but_not_names_and_short_quotes(passage, flagged):
    findings = audit_html(foreign_page(f"<p>{passage}</p>"), rule_ids={"lang-of-parts"})
    assert bool(findings.findings) == flagged


def test_a_short_foreign_quotation_is_named_as_a_quotation_on_pages_of_either_language():
    from django.utils import translation

    german = foreign_page("<p>Er sagte: „It is a good day for democracy.“ Dann ging er.</p>")
    english = german.replace('lang="de"', 'lang="en"').replace(
        "<p>Er sagte: „It is a good day for democracy.“ Dann ging er.</p>",
        "<p>The mayor said: “Das ist ein guter Tag für uns.” Then she left.</p>",
    )
    for html in (german, english):
        with translation.override("de"):
            (finding,) = audit_html(html, rule_ids={"lang-of-parts"}).findings
            assert finding.help.startswith("Ein Zitat in einer anderen Sprache"), finding.help
        with translation.override("en"):
            (finding,) = audit_html(html, rule_ids={"lang-of-parts"}).findings
            assert finding.help.startswith("A quotation in another language"), finding.help
        assert finding.selector == "body > main > p"


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        (
            "<p>Die Messe öffnet nach langer Pause am Dienstag, dem 18. Juli 2026, in Halle 3.</p>",
            1,
        ),
        ("<p>The fair reopens on July 18, 2026 in hall 3, after a long break.</p>", 1),
        ("<p>Das Gesetz gilt seit dem 1.1.2025; <b>Stand: 2026-07-18</b>.</p>", 1),
        ('<p>Am <time datetime="2026-07-18">18. Juli 2026</time> öffnet die Messe.</p>', 0),
        ("<p>2026 kommen 120 Aussteller an 3 Tagen in die Halle 18.</p>", 0),
        ("<p>Der Aufruf lautet <code>since(2026-07-18)</code>.</p>", 0),
        ("<p>Die Messe <span hidden>18. Juli 2026</span> öffnet.</p>", 0),
        ("<ul><li>Anmeldung bis 18.07.2026</li><li>Messe vom 20. bis 22. Juli</li></ul>", 1),
    ],
)
def test_dates_deep_in_running_text_need_time_elements(body, flagged):
    findings = audit_html(page(body), rule_ids={"date-in-time-element"}, profile=PRESSROOM)
    assert len(findings.findings) == flagged


TREE_EDGES = [
    "",
    "<p>x",
    "<!-- c --><!DOCTYPE html><p>a</p><!---->\n<!--after-->\n",
    "<?xml version='1.0'?><html><body>x</body></html>  text after html\n",
    "<pre>  \n </pre><textarea> </textarea><p> </p><p>\t</p>",
    "<script> a<b </script><style> </style><template><p>t</p></template><ruby>a<rt>b</rt></ruby>",
    "<svg xmlns:xlink='http://www.w3.org/1999/xlink'><use xlink:href='#a'/></svg>",
    "<meta charset='latin-1'><p class=' a  b ' rel='x'>é &amp; &nbsp;</p><td headers='a b'>",
    b"\xef\xbb\xbf<p>bom</p>",
    b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'><p>\xe9</p>",
    "<table><tr><td>1<td>2</table><ul><li>a<li>b</ul>",
]


def tree_shape(soup):
    """Every node of a tree: its kind, name, attributes (with their types), text, and where its
    parent, neighbours and children are (as positions in document order)."""
    nodes = [soup, *soup.descendants]
    where = {id(node): number for number, node in enumerate(nodes)}

    def at(node):
        return None if node is None else where.get(id(node), "outside")

    shape = []
    for node in nodes:
        links = [
            at(getattr(node, link))
            for link in (
                "parent",
                "previous_element",
                "next_element",
                "previous_sibling",
                "next_sibling",
            )
        ]
        if hasattr(node, "attrs"):
            fields = {
                k: v
                for k, v in vars(node).items()
                if k
                not in {
                    "parent",
                    "previous_element",
                    "next_element",
                    "previous_sibling",
                    "next_sibling",
                    "contents",
                    "builder",
                    "_pressroom_index",
                }
            }
            kinds = [type(value).__name__ for value in node.attrs.values()]
            shape.append((node.name, fields, kinds, [at(c) for c in node.contents], links))
        else:
            shape.append((type(node).__name__, str(node), links))
    return shape


@pytest.mark.parametrize("number", range(len(CASES) * 2 + len(TREE_EDGES)))
def test_the_lean_parser_builds_the_tree_bs4s_lxml_builder_builds(number):
    from bs4 import BeautifulSoup

    from accessibility.html_tools import parse

    documents = [html for pair in CASES.values() for html in pair] + TREE_EDGES
    html = documents[number]
    assert tree_shape(parse(html)) == tree_shape(BeautifulSoup(html, "lxml"))


def test_a_run_shared_by_two_processes_finds_what_one_process_finds():
    from accessibility.static import PAGES_PER_PROCESS, audit_pages

    pages = [
        (f"https://x.org/{rule_id}/{number}", html)
        for rule_id, pair in sorted(CASES.items())
        for number, html in enumerate(pair)
    ]
    assert len(pages) >= 2 * PAGES_PER_PROCESS

    def found(results):
        return [(r.url, f.rule_id, f.selector, f.help) for r in results for f in r.findings]

    one = found(audit_pages(pages, PRESSROOM, processes=1))
    assert len(one) > len(CASES)
    assert found(audit_pages(pages, PRESSROOM, processes=2)) == one
