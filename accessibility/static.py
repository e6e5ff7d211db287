"""The static engine: the registered rules (registry.py) applied to rendered HTML."""

from collections import defaultdict
from urllib.parse import urljoin

from . import (  # noqa: F401  (register the rules that hold on any page)
    content_rules,
    form_table_rules,
    link_rules,
    static_rules,
    text_rules,
)
from .findings import AuditResult, Finding
from .html_tools import css_selector, parse, snippet
from .registry import WCAG, PageContext, rules_of

ENGINE = "static"
REPEATED_BLOCK_LINKS = 3  # links a block needs before it counts as repeated navigation


def audit_html(
    html: str | bytes, url: str = "", rule_ids=None, profile: str = WCAG, site=None
) -> AuditResult:
    return audit_soup(parse(html), url, rule_ids, profile, site)


def audit_soup(soup, url="", rule_ids=None, profile=WCAG, site=None) -> AuditResult:
    context = PageContext(profile=profile, url=url, site=site or {})
    rules = rules_of(profile, rule_ids)
    result = AuditResult(
        url=url,
        engine=ENGINE,
        engine_version=f"pressroom static ({len(rules_of(profile))} rules, profile {profile})",
    )
    for rule in rules:
        found = rule.check(soup, context) if rule.wants_context else rule.check(soup)
        for element, message in found:
            result.findings.append(
                Finding(
                    engine=ENGINE,
                    rule_id=rule.id,
                    impact=rule.impact,
                    wcag=rule.wcag,
                    selector=css_selector(element, soup) if element is not None else "html",
                    help=str(message or rule.help),
                    html=snippet(element) if element is not None else "",
                )
            )
    return result


def leading_links(soup, url):
    """The addresses of the links before the main content: the block a skip link skips."""
    main = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.find("h1")
    if main is None:
        return ()
    return tuple(urljoin(url, link["href"]) for link in main.find_all_previous("a", href=True))


def site_facts(pages) -> dict:
    """What only shows across pages: which pages start with a block of links that repeats, and
    which share a title. One pass over [(url, soup)], so a run can stream its pages."""
    by_block, titles, count = defaultdict(list), defaultdict(list), 0
    for url, soup in pages:
        count += 1
        block = leading_links(soup, url)
        if len(block) >= REPEATED_BLOCK_LINKS:
            by_block[block].append(url)
        title = soup.find("title")
        titles[" ".join(title.get_text().split()).lower() if title else ""].append(url)
    repeats = {url: True for urls in by_block.values() if len(urls) > 1 for url in urls}
    return {"repeats": repeats, "titles": dict(titles), "pages": count}


def audit_pages(pages, profile: str = WCAG, rule_ids=None) -> list[AuditResult]:
    """Audit [(url, html)] together, so rules can use facts of the whole run (site_facts)."""
    parsed = [(url, parse(html)) for url, html in pages]
    site = site_facts(parsed)
    return [audit_soup(soup, url, rule_ids, profile, site) for url, soup in parsed]
