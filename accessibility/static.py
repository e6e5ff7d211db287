"""The static engine: the registered rules (registry.py) applied to rendered HTML."""

import gc
import multiprocessing
import os
from collections import defaultdict
from contextlib import contextmanager
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
    with _no_collections():
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


def page_facts(url, soup) -> tuple:
    """What site_facts needs of one page: its leading block of links and its title."""
    block = leading_links(soup, url)
    title = soup.find("title")
    title_text = " ".join(title.get_text().split()).lower() if title else ""
    return url, block if len(block) >= REPEATED_BLOCK_LINKS else None, title_text


def merge_facts(facts) -> dict:
    by_block, titles, count = defaultdict(list), defaultdict(list), 0
    for url, block, title in facts:
        count += 1
        if block is not None:
            by_block[block].append(url)
        titles[title].append(url)
    repeats = {url: True for urls in by_block.values() if len(urls) > 1 for url in urls}
    return {"repeats": repeats, "titles": dict(titles), "pages": count}


def site_facts(pages) -> dict:
    """What only shows across pages: which pages start with a block of links that repeats, and
    which share a title. One pass over [(url, soup)], so a run can stream its pages."""
    return merge_facts(page_facts(url, soup) for url, soup in pages)


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


PAGES_PER_PROCESS = 20  # fewer pages than this per process: starting the processes costs more


def audit_pages(pages, profile: str = WCAG, rule_ids=None, processes=1) -> list[AuditResult]:
    """Audit [(url, html)] together, so rules can use facts of the whole run (site_facts); with
    processes > 1 and enough pages, in that many processes (fork), each auditing a contiguous
    share of the pages: same findings, same order."""
    pages = list(pages)
    processes = min(processes, len(pages) // PAGES_PER_PROCESS)
    if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _audit_in_processes(pages, profile, rule_ids, processes)
    with _no_collections():
        parsed = [(url, parse(html)) for url, html in pages]
        site = site_facts(parsed)
        return [audit_soup(soup, url, rule_ids, profile, site) for url, soup in parsed]


@contextmanager
def _no_collections():
    """The trees of a run live until its end; while they do, the garbage collector's full
    collections would scan them all again and again (at 200 demo pages: six collections of about
    150 ms per 600 pages, as much as the audit itself). So it pauses for the run or page (when it
    was on), and its next collection, of the young objects, frees the trees at once."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _audit_share(connection, pages, profile, rule_ids):
    """One process's share: parse, report the page facts, wait for the site's, audit."""
    with _no_collections():
        parsed = [(url, parse(html)) for url, html in pages]
        connection.send([page_facts(url, soup) for url, soup in parsed])
        site = connection.recv()
        connection.send([audit_soup(soup, url, rule_ids, profile, site) for url, soup in parsed])
    connection.close()


WARM_UP = '<!DOCTYPE html><html lang="en"><title>T</title><main><p>Text.</p></main></html>'


def _start_shares(pages, profile, rule_ids, processes) -> list:
    """One process per contiguous share of the pages; [(process, connection)]."""
    context = multiprocessing.get_context("fork")
    size = -(-len(pages) // processes)
    workers = []
    gc.freeze()  # the processes' garbage collector leaves the inherited objects (and pages) alone
    try:
        for start in range(0, len(pages), size):
            ours, theirs = context.Pipe()
            share = pages[start : start + size]
            process = context.Process(target=_audit_share, args=(theirs, share, profile, rule_ids))
            process.start()
            theirs.close()
            workers.append((process, ours))
    finally:
        gc.unfreeze()
    return workers


def _audit_in_processes(pages, profile, rule_ids, processes) -> list[AuditResult]:
    audit_html(WARM_UP, profile=profile)  # what rules load once (a language model) is inherited
    workers = _start_shares(pages, profile, rule_ids, processes)
    try:
        site = merge_facts(fact for _, connection in workers for fact in connection.recv())
        for _, connection in workers:
            connection.send(site)
        return [result for _, connection in workers for result in connection.recv()]
    finally:
        for process, connection in workers:
            connection.close()
            process.join()
