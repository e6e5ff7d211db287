"""Static audit speed before and after, in one run, with a check that the findings are the same.

    .venv/bin/python benchmarks/static_speed.py [--before main] [--rounds 10] [--corpus PATH]

The demo site's pages (HTML fetched once) are audited by the code of this checkout ("after") and
of the commit --before (extracted with `git archive`), each in its own process, the two
alternating round by round so both see the same load. Per round and code: pages per second of
wall time and of the process's CPU time (one process), and for "after" also audit_pages() with
2 processes. The findings (rule, selector, message) of both codes are compared on the demo pages
(profiles wcag and pressroom) and on every HTML page of --corpus (e.g. the GDS corpus, see
gds_audit.py); any difference is printed and fails the run.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def worker(pages_file: Path, rounds: int, processes: int) -> dict:
    """Runs with the code under test first on sys.path (PRESSROOM_CODE)."""
    sys.path.insert(0, os.environ["PRESSROOM_CODE"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from accessibility.registry import PRESSROOM, WCAG
    from accessibility.static import audit_html, audit_pages

    data = json.loads(pages_file.read_text())
    demo = [(url, html.encode()) for url, html in data["demo"]]
    corpus = [(url, html.encode()) for url, html in data["corpus"]]
    for url, html in demo:  # warm-up: the language model is loaded once per process
        audit_html(html, url=url, profile=PRESSROOM)

    def findings(results):
        return {r.url: [[f.rule_id, f.selector, f.help] for f in r.findings] for r in results}

    out = {
        "findings": {
            "demo pressroom": findings(audit_pages(demo, PRESSROOM)),
            "demo wcag": findings(audit_pages(demo, WCAG)),
            "corpus wcag": findings(audit_pages(corpus, WCAG)),
        }
    }
    wall, cpu = time.perf_counter(), time.process_time()
    for _round in range(rounds):
        for url, html in demo:
            audit_html(html, url=url, profile=PRESSROOM)
    audits = rounds * len(demo)
    out["one_process"] = {
        "pages_per_second": audits / (time.perf_counter() - wall),
        "pages_per_cpu_second": audits / (time.process_time() - cpu),
    }
    if processes > 1:  # all rounds' pages as one run, in one and in more processes
        many = demo * rounds
        runs = {}
        for count in (1, processes):
            wall = time.perf_counter()
            results = audit_pages(many, PRESSROOM, processes=count)
            runs[count] = [
                (r.url, f.rule_id, f.selector, f.help) for r in results for f in r.findings
            ]
            out[f"run_{count}_processes"] = {
                "pages_per_second": len(many) / (time.perf_counter() - wall)
            }
        out["run_same_findings"] = runs[1] == runs[processes]
    return out


def demo_pages() -> list:
    from benchmarks.common import set_up_django

    set_up_django()
    from accessibility.runner import fetch, live_page_targets, local_server

    with local_server() as base_url:
        return [(t.url, fetch(t.url).decode()) for t in live_page_targets(base_url)]


def run_code(code_root: Path, pages_file: Path, rounds: int, processes: int) -> dict:
    env = {**os.environ, "PRESSROOM_CODE": str(code_root)}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(pages_file)]
    command += ["--rounds", str(rounds), "--processes", str(processes)]
    output = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(output.stdout.splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main")
    parser.add_argument("--rounds", type=int, default=10, help="rounds over the demo pages")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs per code")
    parser.add_argument("--corpus", type=Path, help="a folder of HTML pages (e.g. GDS corpus)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.rounds, args.processes)))
        return
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="pressroom-static-speed-"))
    corpus = sorted(args.corpus.rglob("*.html")) if args.corpus else []
    pages_file = work / "pages.json"
    pages_file.write_text(
        json.dumps(
            {
                "demo": demo_pages(),
                "corpus": [(p.resolve().as_uri(), p.read_text(errors="replace")) for p in corpus],
            }
        )
    )
    before_root = work / "before"
    before_root.mkdir()
    archive = subprocess.run(
        ["git", "archive", args.before], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(before_root)], input=archive.stdout, check=True)
    runs = {"before": [], "after": []}
    for _repeat in range(args.repeat):
        runs["before"].append(run_code(before_root, pages_file, args.rounds, 1))
        runs["after"].append(run_code(ROOT, pages_file, args.rounds, args.processes))
    print(f"load average at the end: {os.getloadavg()}")
    same = runs["before"][0]["findings"] == runs["after"][0]["findings"]
    for name, found in runs["after"][0]["findings"].items():
        count = sum(len(f) for f in found.values())
        print(f"findings on {name} ({len(found)} pages): {count}")
    print("findings before and after:", "identical" if same else "DIFFERENT")
    print(
        "one run in 1 and in more processes, same findings:",
        runs["after"][0].get("run_same_findings"),
    )
    if not same:
        for name, found in runs["before"][0]["findings"].items():
            for url, items in found.items():
                after = runs["after"][0]["findings"][name].get(url)
                if items != after:
                    print(f"  {name} {url}\n    before {items}\n    after  {after}")
    for version, results in runs.items():
        for kind in ("one_process", "run_1_processes", f"run_{args.processes}_processes"):
            rates = [r[kind] for r in results if kind in r]
            for measure in ("pages_per_second", "pages_per_cpu_second"):
                values = [round(rate[measure], 1) for rate in rates if measure in rate]
                if values:
                    print(f"{version:6} {kind:12} {measure:22} {values}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
