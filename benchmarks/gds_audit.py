"""Score our audit on the GDS accessibility-tool-audit corpus (142 barriers on test pages).

    git clone <alphagov/accessibility-tool-audit> /work/corpora/gds     # outside our repo
    python benchmarks/gds_audit.py /work/corpora/gds [--engine static|axe|all] [--dump f.json]

Each barrier counts as found when a finding of an accepted rule points at the barrier's element
(benchmarks/gds_judgements.json, our own strict judgement: right element, right problem). A
finding that hits no barrier is a false alarm unless the judgement file names it a real problem
of that page. GDS's published results per tool come from the corpus's tests.json ("error",
"error_paid" and "warning" count as found, as on GDS's results page).
"""

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")

JUDGEMENTS = Path(__file__).with_name("gds_judgements.json")
FOUND = {"error", "error_paid", "warning"}
TOOLS = {
    "sortsite": "SortSite",
    "tenon": "Tenon",
    "achecker": "AChecker",
    "wave": "WAVE",
    "siteimprove": "Siteimprove",
    "axe": "axe (2017)",
    "asqatasun": "Asqatasun",
    "fae": "FAE",
    "aslint": "ASLint",
    "codesniffer": "HTML_CodeSniffer",
    "eiii": "EIII checker",
    "google": "Google ADT",
    "nu": "Nu validator",
}


def file_name(category: str, test: str) -> str:
    """GDS's getFilename() in build/generate.js (JavaScript's replace changes the first match)."""
    name = f"{category.lower()}-{test.lower()}"
    name = re.sub(r"[^a-z0-9\- ]", "", name, count=1).replace("/", " ", 1).replace(":", "-", 1)
    return re.sub(r"-+", "-", re.sub(r"\s+", "-", name))


def barriers(corpus: Path) -> dict:
    """{page stem: GDS's results per tool} for the 142 test pages."""
    tests = json.loads((corpus / "tests.json").read_text())
    found = {}
    for category, items in tests.items():
        for test, data in items.items():
            stem = file_name(category, test)
            assert (corpus / "tests" / f"{stem}.html").is_file(), stem
            found[stem] = data["results"]
    return found


def page_key(corpus: Path, url: str) -> str:
    """“buttons-empty-button” for tests/…, “example-pages/missing” for the linked pages."""
    path = Path(url2pathname(urlparse(url).path)).relative_to(corpus.resolve())
    return str(path.with_suffix("")).removeprefix("tests/")


def run_engines(corpus: Path, pages, engines) -> dict:
    """{page key: [finding dicts]} and the seconds each engine took (all pages in one run)."""
    import django

    django.setup()
    from accessibility.runner import Target, audit_targets

    targets = [Target(url=(corpus / page).resolve().as_uri()) for page in pages]
    findings, seconds = defaultdict(list), {}
    for engine in engines:
        started = time.perf_counter()
        if engine == "axe":
            from accessibility.axe import AxeAuditor

            with AxeAuditor() as auditor:
                results = audit_targets(targets, ["axe"], auditor)
        else:
            results = audit_targets(targets, ["static"])
        seconds[engine] = time.perf_counter() - started
        for result in results:
            findings[page_key(corpus, result.url)] += [f.__dict__ for f in result.findings]
    return findings, seconds


def check_selectors(corpus: Path, findings: dict) -> tuple[int, int]:
    """How many static findings' selectors match exactly one element in Chromium."""
    from accessibility.browser import headless_chromium

    checked = unique = 0
    with headless_chromium() as browser:
        for page, page_findings in findings.items():
            selectors = [
                f["selector"]
                for f in page_findings
                if f["engine"] == "static" and f["selector"] != "html"
            ]
            if not selectors:
                continue
            path = corpus / (f"{page}.html" if "/" in page else f"tests/{page}.html")
            browser.get(path.resolve().as_uri())
            for selector in selectors:
                count = browser.execute_script(
                    "return document.querySelectorAll(arguments[0]).length", selector
                )
                checked, unique = checked + 1, unique + (count == 1)
    return checked, unique


def resolves_to(page_soup, selector: str, expected: str) -> bool:
    """True when the finding's selector and the judgement's selector pick the same element."""
    if selector == "html" or expected == "html":
        return selector in [part.strip() for part in expected.split(",")]
    try:
        # our parse has no tbody where the browser inserts one
        found = page_soup.select(selector) or page_soup.select(selector.replace(" > tbody", ""))
        wanted = page_soup.select(expected)
    except Exception:  # a selector soupsieve cannot read (e.g. axe's iframe paths)
        return False
    return any(element is target for element in found for target in wanted)


def score(corpus: Path, findings: dict, judgements: dict) -> dict:
    """Barriers found per engine; findings that are real problems beside them; false alarms."""
    from bs4 import BeautifulSoup

    def path_of(page):
        return corpus / (f"{page}.html" if "/" in page else f"tests/{page}.html")

    by_page = defaultdict(list)
    for stem, barrier in judgements["barriers"].items():
        by_page[barrier.get("page", stem)].append((stem, barrier))
    found, false_alarms, real, review = defaultdict(set), [], [], 0
    for page, page_findings in findings.items():
        soup = BeautifulSoup(path_of(page).read_bytes(), "lxml")
        real_problems = judgements["real_problems"]
        accepted_real = {**real_problems["*"], **real_problems.get(page, {})}
        for finding in page_findings:
            if finding["impact"] == "review":
                review += 1
                continue
            hits = [
                stem
                for stem, barrier in by_page[page]
                if finding["rule_id"] in barrier["rules"]
                and resolves_to(soup, finding["selector"], barrier.get("at", "html"))
            ]
            for stem in hits:
                found[finding["engine"]].add(stem)
            if hits:
                continue
            if finding["rule_id"] in accepted_real:
                real.append((page, finding["rule_id"]))
            else:
                false_alarms.append((page, finding["engine"], finding["rule_id"]))
    return {"found": found, "false": false_alarms, "real": real, "review": review}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--engine", choices=["static", "axe", "all"], default="all")
    parser.add_argument("--dump", type=Path, help="write all findings to this JSON file")
    parser.add_argument("--load", type=Path, help="score findings dumped before")
    parser.add_argument(
        "--check-selectors",
        action="store_true",
        help="open each page in Chromium and count the elements each static selector matches",
    )
    args = parser.parse_args()
    published = barriers(args.corpus)
    judgements = json.loads(JUDGEMENTS.read_text())
    if args.load:
        findings, seconds = json.loads(args.load.read_text()), {}
    else:
        engines = ["static", "axe"] if args.engine == "all" else [args.engine]
        extra = {b["page"] for b in judgements["barriers"].values() if "page" in b}
        pages = [f"tests/{stem}.html" for stem in sorted(published)] + [
            f"{page}.html" for page in sorted(extra)
        ]
        findings, seconds = run_engines(args.corpus, pages, engines)
    if args.dump:
        args.dump.write_text(json.dumps(findings, indent=1, ensure_ascii=False))
    result = score(args.corpus, findings, judgements)
    total = sum(len(f) for f in findings.values())
    rows = [
        (name, sum(1 for r in published.values() if r.get(tool) in FOUND))
        for tool, name in TOOLS.items()
    ]
    rows.append(
        ("all 13 tools together", sum(1 for r in published.values() if FOUND & set(r.values())))
    )
    found = result["found"]
    ours = [
        ("pressroom static", len(found["static"])),
        ("pressroom axe", len(found["axe"])),
        ("pressroom combined", len(found["static"] | found["axe"])),
    ]
    print(f"Barriers found (strict) of {len(published)}:")
    for name, count in sorted(ours + rows, key=lambda row: -row[1]):
        print(f"  {name:28} {count:4}")
    violations = total - result["review"]
    share = len(result["false"]) / violations if violations else 0
    print(
        f"Findings: {violations} (+{result['review']} needs review), real problems beside the "
        f"barriers: {len(result['real'])}, false alarms: {len(result['false'])} ({share:.1%})"
    )
    for (stem, engine, rule_id), count in Counter(result["false"]).most_common():
        print(f"  false: {engine}:{rule_id} on {stem}" + (f" ×{count}" if count > 1 else ""))
    if args.check_selectors:
        checked, unique = check_selectors(args.corpus, findings)
        print(f"Static selectors matching exactly one element in Chromium: {unique} of {checked}")
    for engine, secs in seconds.items():
        print(f"{engine}: {len(pages) / secs:.1f} pages/s")


if __name__ == "__main__":
    main()
