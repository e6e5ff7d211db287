"""The archive at 100 / 10,000 / 100,000 releases on PostgreSQL, before and after, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pressroom_bench \\
        .venv/bin/python benchmarks/archive_scale.py [--before 433d881] [--repeat 15]

One site holds three press indexes of 100, 10,000 and 100,000 releases (110,100 in all, made by
bulk insert, search entries by one INSERT … SELECT). The same URLs are then measured with the
code of this checkout ("after") and of the commit `--before` (extracted with `git archive`),
each in its own process on the same database: in-process requests through the whole Django
stack, full-page cache off, median of `--repeat` (of 3 for the search). For every URL the
slowest SQL statement is kept with its `EXPLAIN ANALYZE` plan.
Writes benchmarks/results/archive_scale.json, .md and docs/benchmark-archive-*.png.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SIZES = tuple(int(size) for size in os.environ.get("BENCH_SIZES", "100,10000,100000").split(","))
CHUNK = 10_000
DEEP = 9_980  # where page 500 of 20 starts
WORD = "Mitteilung"  # in the lead of every release: a common word
SEARCH_REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "3"))  # 0: the first request only


def setup_django(code_root):
    sys.path.insert(0, str(code_root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    os.environ.setdefault("PRESSROOM_VAR_DIR", tempfile.mkdtemp(prefix="pressroom-scale-"))
    import django

    django.setup()
    from django.conf import settings

    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if "PageCache" not in name]
    settings.PRESSROOM_INDEX_PAGE_SIZE = 20


def build() -> dict:
    """Create the site once (reused when it exists); returns {size: index URL path}."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from announcements.models import Issuer, PressReleaseIndexPage
    from example_site.home.demo.bulk import bulk_releases
    from example_site.home.models import HomePage

    call_command("migrate", verbosity=0)
    indexes = {
        size: PressReleaseIndexPage.objects.filter(slug=f"archiv-{size}").first() for size in SIZES
    }
    if all(indexes.values()):
        return {size: index.url_path for size, index in indexes.items()}
    Locale.objects.get_or_create(language_code="de")
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Start", slug="start"))
        Site.objects.create(hostname="testserver", root_page=home)
    issuer, _created = Issuer.objects.get_or_create(name="Staatsministerium", short_name="StM")
    started = time.perf_counter()
    for size in SIZES:
        index = home.add_child(
            instance=PressReleaseIndexPage(title=f"Archiv {size}", slug=f"archiv-{size}")
        )
        index.save_revision().publish()
        start = timezone.now() - timezone.timedelta(hours=size)
        for offset in range(0, size, CHUNK):
            count = min(CHUNK, size - offset)
            bulk_releases(index, issuer, count, start=start + timezone.timedelta(hours=offset))
    with connection.cursor() as cursor:  # search entries of all releases in one statement
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title_norm, autocomplete, title, body,
                 title_text, body_text)
            SELECT p.content_type_id, p.id::text, 1.0, to_tsvector('simple', p.title),
                   to_tsvector('german', p.title), to_tsvector('german', r.lead), p.title, r.lead
            FROM wagtailcore_page p
            JOIN pressroom_announcements_pressreleasepage r ON r.page_ptr_id = p.id
            """
        )
        cursor.execute("ANALYZE")
    print(f"generated {sum(SIZES)} releases in {time.perf_counter() - started:.0f} s", flush=True)
    return {
        size: PressReleaseIndexPage.objects.get(slug=f"archiv-{size}").url_path for size in SIZES
    }


def urls(paths) -> dict:
    """The URLs measured, per archive size, for the before (page numbers) and after code."""
    from announcements.models import PressReleasePage

    result = {}
    for size, path in paths.items():
        url = path.removeprefix("/start")  # url_path below the site root
        ordered = PressReleasePage.objects.filter(url_path__startswith=path).order_by(
            "-release_date", "-pk"
        )
        deep_start = min(DEEP, (size - 1) // 20 * 20)
        anchor = ordered.values_list("pk", flat=True)[deep_start - 1]
        year = ordered.values_list("release_date", flat=True).first().year
        common = {
            "page_1": url,
            "year": f"{url}?year={year}",
            "feed": f"{url}feed/rss/",
            "search": f"{url}?q={WORD}",
        }
        result[str(size)] = {
            "before": {**common, "deep": f"{url}?page=500"},
            "after": {**common, "deep": f"{url}?before={anchor}"},
        }
    return result


def measure(targets, repeat) -> dict:
    """{size: {name: {ms, queries, slowest_sql, plan}}} for this process's code.

    Rounds interleave every size and URL, so that a busy machine slows all of them alike and
    the ratios between sizes stay fair.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    cases = [(size, name, url) for size, named in targets.items() for name, url in named.items()]
    first, times = {}, {(size, name): [] for size, name, _url in cases}
    captures = {}
    for size, name, url in cases:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        first[size, name] = time.perf_counter() - started
        captures[size, name] = list(captured.captured_queries)  # the query log is a ring
        if name == "search" and not SEARCH_REPEAT:
            times[size, name].append(first[size, name])
    for round_number in range(repeat):
        for size, name, url in cases:
            if name == "search" and round_number >= SEARCH_REPEAT:
                continue  # the old search takes up to a minute a request at 100,000
            started = time.perf_counter()
            client.get(url)
            times[size, name].append(time.perf_counter() - started)
    result = {size: {} for size in targets}
    for size, name, url in cases:
        queries = captures[size, name]  # the old search: its first request only
        if name != "search" or SEARCH_REPEAT:
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            queries = captured.captured_queries
        selects = [query for query in queries if query["sql"].startswith("SELECT")]
        slowest = max(selects, key=lambda query: float(query["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + slowest["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        result[size][name] = {
            "ms": round(median(times[size, name]) * 1000, 1),
            "first_request_ms": round(first[size, name] * 1000, 1),
            "queries": len(queries),
            "slowest_sql_ms": round(float(slowest["time"]) * 1000, 1),
            "slowest_sql": slowest["sql"],
            "plan": plan,
        }
    return result


def list_plans():
    """EXPLAIN ANALYZE of every list and count statement of the new code at the largest size:
    benchmarks/results/archive_plans_after.md."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    paths = {size: f"/start/archiv-{size}/" for size in (SIZES[0], SIZES[-1])}
    small, large = (urls(paths)[str(size)]["after"] for size in (SIZES[0], SIZES[-1]))
    pages = {
        "archive page 1": large["page_1"],
        "page 500 (`?before=`)": large["deep"],
        "year filter": large["year"],
        "RSS feed": large["feed"],
        f"search, {SIZES[0]}-release index": small["search"],
        f"search, {SIZES[-1]:,}-release index": large["search"],
    }
    client, out = Client(), []
    for name, url in pages.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        for query in captured.captured_queries:
            sql = query["sql"]
            if "pressreleasepage" not in sql or not sql.startswith("SELECT"):
                continue
            if "release_date" not in sql and "COUNT" not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            out += [f"**{name}** (`{url}`), after, {query['time']} s:", "", "```", plan, "```", ""]
    (RESULTS / "archive_plans_after.md").write_text("\n".join(out))


def run_version(code_root, targets, repeat) -> dict:
    command = [sys.executable, __file__, "--measure", json.dumps(targets), "--repeat", str(repeat)]
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    if code_root != ROOT:  # the old search: one request per size (up to a minute each)
        env["BENCH_SEARCH_REPEAT"] = "0"
    output = subprocess.run(
        command, cwd=code_root, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="433d881")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--measure")
    parser.add_argument("--report", action="store_true", help="only the report of the last run")
    parser.add_argument("--plans", action="store_true", help="only the plans of the new code")
    args = parser.parse_args()
    if args.plans:
        setup_django(ROOT)
        list_plans()
        return
    if args.report:
        sys.path.insert(0, str(ROOT))
        report(json.loads((RESULTS / "archive_scale.json").read_text()))
        return
    if args.measure:
        setup_django(Path.cwd())
        sys.stdout.flush()
        result = measure(json.loads(args.measure), args.repeat)
        print(json.dumps(result))
        return
    setup_django(ROOT)
    targets = urls(build())
    before_root = Path(tempfile.mkdtemp(prefix="pressroom-before-"))
    archive = subprocess.run(
        ["git", "archive", args.before], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(before_root)], input=archive.stdout, check=True)
    results = {"before_commit": args.before, "repeat": args.repeat, "sizes": list(SIZES)}
    for version in ("before", "after"):
        code = before_root if version == "before" else ROOT
        chosen = {size: named[version] for size, named in targets.items()}
        results[version] = run_version(code, chosen, args.repeat)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "archive_scale.json").write_text(json.dumps(results, indent=2) + "\n")
    report(results)


NAMES = {
    "page_1": "archive page 1",
    "deep": "page 500 (after: `?before=`)",
    "year": "year filter",
    "feed": "RSS feed",
    "search": f"search `?q={WORD}`",
}


def report(results):
    """The table, a plot per code version and the plans: benchmarks/results/archive_scale.md."""
    from benchmarks.plot import line_chart

    for version in ("before", "after"):
        row = results[version]
        line_chart(
            ROOT / "docs" / f"benchmark-archive-{version}.png",
            f"Archive on PostgreSQL, {version}: median ms per request by releases in the index",
            list(SIZES),
            {NAMES[name]: [row[str(size)][name]["ms"] for size in SIZES] for name in NAMES},
        )
    largest = str(SIZES[-1])
    parts = [table(results), ""]
    for name in NAMES:
        for version in ("before", "after"):
            measured = results[version][largest][name]
            parts += [
                f"**{NAMES[name]}, {version}, {SIZES[-1]:,} releases** — slowest statement "
                f"{measured['slowest_sql_ms']} ms of {measured['queries']} queries:",
                "",
                "```",
                measured["plan"],
                "```",
                "",
            ]
    text = "\n".join(parts)
    (RESULTS / "archive_scale.md").write_text(text)
    print(text)


def table(results) -> str:
    smallest = str(SIZES[0])
    lines = ["| URL | code | " + " | ".join(f"{size:,} ms" for size in SIZES)]
    lines[0] += f" | {SIZES[-1]:,} vs {SIZES[0]:,} |"
    lines.append("|" + " --- |" * (len(SIZES) + 3))
    for name in NAMES:
        for version in ("before", "after"):
            row = results[version]
            times = [row[str(size)][name]["ms"] for size in SIZES]
            ratio = row[str(SIZES[-1])][name]["ms"] / row[smallest][name]["ms"]
            cells = " | ".join(f"{ms:.1f}" for ms in times)
            lines.append(f"| {NAMES[name]} | {version} | {cells} | {ratio:.2f}× |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
