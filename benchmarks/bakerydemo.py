"""Our demo release against wagtail/bakerydemo's BlogPage, on SQLite and PostgreSQL, in one run.

    .venv/bin/python benchmarks/bakerydemo.py /work/bakerydemo \\
        [--repeat 200] [--rounds 8] [--seconds 6] [--connections 4] [--profile 50]

The bakerydemo checkout is the caller's (outside this repository, never copied into it). The
script makes a virtualenv in it (`.venv-bench`) with the Wagtail, Django, gunicorn, psycopg
and redis versions of ours and bakerydemo's other requirements, a `settings/local.py` (DEBUG
off, Redis cache), and four sites below `--var`: ours and bakerydemo, each on SQLite and on
PostgreSQL (`BENCH_POSTGRES`, databases `<--db-prefix>_ours` / `_bakerydemo`), loaded with
`load_demo` / `load_initial_data` (kept for the next run; `--fresh` starts again).
All four: DEBUG off, full-page cache off (PRESSROOM_PAGE_CACHE_OFF), Redis at REDIS_URL.

1. in-process: each site in its own process (benchmarks/site_probe.py) renders its page
   through Django's test client; `--repeat` iterations, each one request per site, the order
   rotating; median ms (wall and the site process's CPU) and queries per request, SQL time
   measured on every tenth iteration;
2. HTTP: gunicorn (2 workers) per site on 127.0.0.1, wrk (2 threads, `--connections`: 4, two
   per worker, `--seconds` each, 10 s timeout) after `--warm-up` seconds per server,
   `--rounds` rounds interleaving the sites; median requests/s;
3. `--profile N`: N requests per site under cProfile, the top functions kept.

Writes benchmarks/results/bakerydemo.json and benchmarks/results/bakerydemo-profile.txt.
"""

import argparse
import datetime as dt
import io
import json
import os
import pstats
import re
import subprocess
import sys
import uuid
from contextlib import ExitStack
from importlib.metadata import version
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import http_load  # noqa: E402
from benchmarks.common import RESULTS, ROOT, machine, table  # noqa: E402

PROBE = Path(__file__).with_name("site_probe.py")
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
OUR_URL = "/pressemitteilungen/120-neue-online-dienste/"
PINNED = ("wagtail", "django", "gunicorn", "psycopg", "redis")
LOCAL_SETTINGS = """# Written by wagtail-pressroom's benchmarks/bakerydemo.py.
import os

DEBUG = False
ALLOWED_HOSTS = ["*"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ["BENCH_CACHE_PREFIX"],
    }
}
# The PostgreSQL options our example site uses (docs/install.md#postgresql), for a fair match.
from .base import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=1
    )
"""


def load() -> str:
    """The load average over 1, 5 and 15 minutes (2 cores, shared with other jobs)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(command, **kwargs):
    subprocess.run([str(part) for part in command], check=True, **kwargs)


def bakerydemo_python(checkout: Path) -> Path:
    venv = checkout / ".venv-bench"
    python = venv / "bin" / "python"
    if not (venv / "bin" / "gunicorn").exists():
        run([sys.executable, "-m", "venv", venv])
        theirs = [
            line
            for line in (checkout / "requirements" / "base.txt").read_text().splitlines()
            if line.strip() and not re.match(r"(?i)(django|wagtail)\s*[<>=~]", line)
        ]
        ours = [f"{name}=={version(name)}" for name in PINNED]
        run([python, "-m", "pip", "install", "--quiet", *ours, *theirs])
    (checkout / "bakerydemo" / "settings" / "local.py").write_text(LOCAL_SETTINGS)
    return python


def sites(checkout: Path, var: Path, db_prefix: str) -> dict:
    """name -> site: where and how it runs, and which page is measured."""
    python = bakerydemo_python(checkout)
    common = {
        "PRESSROOM_PAGE_CACHE_OFF": "1",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    }
    result = {}
    for database in ("sqlite", "postgresql"):
        prefix = f"pressroom-bakerydemo-{uuid.uuid4().hex[:8]}"
        ours = {
            **common,
            "DJANGO_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "example_site.settings",
            "PRESSROOM_VAR_DIR": str(var / f"ours-{database}"),
            "PRESSROOM_CACHE_PREFIX": prefix,
        }
        theirs = {
            **common,
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.dev",
            "BENCH_CACHE_PREFIX": prefix + "-bakerydemo",
        }
        if database == "postgresql":
            ours["DATABASE_URL"] = f"{POSTGRES}/{db_prefix}_ours"
            theirs["DATABASE_URL"] = f"{POSTGRES}/{db_prefix}_bakerydemo"
        else:
            theirs["DATABASE_NAME"] = str(var / "bakerydemo-sqlite.sqlite3")
        result[f"ours-{database}"] = {
            "cwd": ROOT,
            "python": Path(sys.executable),
            "env": ours,
            "wsgi": "example_site.wsgi",
            "load": ["load_demo"],
        }
        result[f"bakerydemo-{database}"] = {
            "cwd": checkout,
            "python": python,
            "env": theirs,
            "wsgi": "bakerydemo.wsgi",
            "load": ["load_initial_data"],
        }
    return result


def prepare(name, site, var: Path, blog_slug: str):
    """Migrate and load the demo data once (a marker file in --var), then find the URL."""
    env = {**os.environ, **site["env"]}
    marker = var / f"{name}.ready"
    if not marker.exists():
        print(f"-- setting up {name}", flush=True)
        if "DATABASE_URL" in env:
            database = env["DATABASE_URL"].rsplit("/", 1)[1]
            run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database])
            run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database])
        manage = [site["python"], "manage.py"]
        quiet = {"cwd": site["cwd"], "env": env, "stdout": subprocess.DEVNULL}
        run([*manage, "migrate", "--verbosity", "0"], **quiet)
        run([*manage, *site["load"]], **quiet)
        if name.startswith("bakerydemo"):  # DEBUG off: its manifest static storage
            run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], **quiet)
        marker.write_text("ready\n")
    site["url"] = OUR_URL if name.startswith("ours") else f"/blog/{blog_slug}/"


class Probe:
    """A site_probe.py process: one request (or query count, or profile) per command."""

    def __init__(self, site):
        self.process = subprocess.Popen(
            [str(site["python"]), str(PROBE), site["url"]],
            cwd=site["cwd"],
            env={**os.environ, **site["env"]},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.bytes = self.read()["bytes"]

    def read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the probe stopped; see its error output above")
        return json.loads(line)

    def ask(self, command) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def rotated(names, shift):
    shift %= len(names)
    return names[shift:] + names[:shift]


def in_process(all_sites, repeat, profile, var) -> tuple[dict, str]:
    probes = {name: Probe(site) for name, site in all_sites.items()}
    result = {"load_before": load()}
    names = list(probes)
    for name in names:
        result[name] = {"url": all_sites[name]["url"], "bytes": probes[name].bytes}
    times, cpu, sql = ({name: [] for name in names} for _kind in range(3))
    for iteration in range(repeat):
        for name in rotated(names, iteration):
            timed = probes[name].ask("time")
            times[name].append(timed["seconds"])
            cpu[name].append(timed["cpu_seconds"])
            if iteration % 10 == 0:  # a tenth of the iterations: the SQL, timed
                captured = probes[name].ask("queries")
                sql[name].append(captured["sql_seconds"])
                result[name]["queries"] = captured["count"]
                result[name]["statements"] = [text[:160] for text in captured["sql"]]
    for name in names:
        result[name]["median_ms"] = round(median(times[name]) * 1000, 2)
        # The site process's own CPU time: robust to other load, but without the PostgreSQL
        # server's (another process); compare it between sites on the same database only.
        result[name]["cpu_median_ms"] = round(median(cpu[name]) * 1000, 2)
        result[name]["sql_median_ms"] = round(median(sql[name]) * 1000, 2)
    result["load_after"] = load()
    profiles = []
    if profile:
        for name, probe in probes.items():
            stats_file = var / f"{name}.prof"
            probe.ask(f"profile {profile} {stats_file}")
            out = io.StringIO()
            stats = pstats.Stats(str(stats_file), stream=out)
            stats.sort_stats("cumulative").print_stats(40)
            profiles.append(f"==== {name}: {profile} requests of {all_sites[name]['url']}\n")
            profiles.append(out.getvalue())
    for probe in probes.values():
        probe.close()
    return result, "".join(profiles)


def over_http(all_sites, rounds, seconds, connections, warm_up) -> dict:
    http_load.GUNICORN_WORKERS = 2
    rates = {name: [] for name in all_sites}
    errors = {name: 0 for name in all_sites}
    result = {"gunicorn_workers": 2, "wrk": f"2 threads, {connections} connections, {seconds} s"}
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(
                http_load.Server(
                    site["env"], site["wsgi"], site["cwd"], site["python"], site["url"]
                )
            )
            for name, site in all_sites.items()
        }
        for name, server in servers.items():  # both workers past their first (slow) requests
            http_load.wrk(server.url(all_sites[name]["url"]), connections, warm_up, timeout=30)
        names = list(servers)
        for round_number in range(rounds):
            result[f"load_round_{round_number + 1}"] = load()
            for name in rotated(names, round_number):
                url = servers[name].url(all_sites[name]["url"])
                measured = http_load.wrk(url, connections, seconds, timeout=10)
                errors[name] += measured["non_2xx"] + measured["socket_errors"]
                rates[name].append(measured["requests_per_second"])
    for name, values in rates.items():
        result[name] = {"requests_per_second": round(median(values), 2), "rounds": values}
        result[name]["errors"] = errors[name]  # non-2xx, socket errors, answers after 10 s
    return result


def ratios(pages, http) -> dict:
    def time(a, b, measure="median_ms"):
        return round(pages[a][measure] / pages[b][measure], 2)

    def rate(a, b):  # None: no request of b finished within --seconds
        other = http[b]["requests_per_second"]
        return round(http[a]["requests_per_second"] / other, 2) if other else None

    result = {}
    for database in ("sqlite", "postgresql"):
        ours, theirs = f"ours-{database}", f"bakerydemo-{database}"
        result[f"time_ours_vs_bakerydemo_{database}"] = time(ours, theirs)
        result[f"cpu_ours_vs_bakerydemo_{database}"] = time(ours, theirs, "cpu_median_ms")
        result[f"requests_per_second_ours_vs_bakerydemo_{database}"] = rate(ours, theirs)
    for site in ("ours", "bakerydemo"):
        result[f"time_{site}_postgresql_vs_sqlite"] = time(f"{site}-postgresql", f"{site}-sqlite")
        result[f"requests_per_second_{site}_postgresql_vs_sqlite"] = rate(
            f"{site}-postgresql", f"{site}-sqlite"
        )
    return result


def report(results) -> str:
    pages, http = results["in_process"], results["http"]
    rows = [
        [
            name,
            pages[name]["url"],
            pages[name]["queries"],
            pages[name]["sql_median_ms"],
            pages[name]["median_ms"],
            pages[name]["cpu_median_ms"],
            http[name]["requests_per_second"],
        ]
        for name in results["sites"]
    ]
    head = ["site", "page", "queries", "SQL ms", "median ms", "CPU ms", "requests/s"]
    out = [
        table(head, rows),
        "",
        table(["ratio", "value"], list(results["ratios"].items())),
    ]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checkout", type=Path, help="a bakerydemo work tree, outside this repo")
    parser.add_argument("--var", type=Path, default=Path("/tmp/pressroom-bakerydemo"))
    parser.add_argument("--db-prefix", default="pressroom_bakerydemo")
    parser.add_argument("--blog-slug", default="icelandic-baking")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--warm-up", type=int, default=15, help="seconds of wrk per server")
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    checkout, var = args.checkout.resolve(), args.var.resolve()
    if ROOT in checkout.parents or checkout == ROOT:
        parser.error("the bakerydemo checkout belongs outside this repository")
    var.mkdir(parents=True, exist_ok=True)
    if args.fresh:
        for marker in var.glob("*.ready"):
            marker.unlink()
    all_sites = sites(checkout, var, args.db_prefix)
    for name, site in all_sites.items():
        prepare(name, site, var, args.blog_slug)
    commit = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()  # a clone; in an exported tree: not known, say so
    results = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "bakerydemo_commit": commit or "unknown (not a git work tree)",
        "versions": {name: version(name) for name in PINNED},
        "sites": list(all_sites),
    }
    print("== in-process: Django test client ==", flush=True)
    results["in_process"], profiles = in_process(all_sites, args.repeat, args.profile, var)
    print("== HTTP: gunicorn + wrk ==", flush=True)
    results["http"] = over_http(
        all_sites, args.rounds, args.seconds, args.connections, args.warm_up
    )
    results["ratios"] = ratios(results["in_process"], results["http"])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bakerydemo.json").write_text(json.dumps(results, indent=2) + "\n")
    if profiles:
        (RESULTS / "bakerydemo-profile.txt").write_text(profiles)
    print(report(results))


if __name__ == "__main__":
    main()
