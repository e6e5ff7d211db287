"""Shared set-up of the benchmarks: a fresh example site in a temporary folder."""

import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def set_up_django(var_dir=None):
    sys.path.insert(0, str(ROOT))
    os.environ["PRESSROOM_VAR_DIR"] = str(var_dir or tempfile.mkdtemp(prefix="pressroom-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    return Path(os.environ["PRESSROOM_VAR_DIR"])


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def median_seconds(action, repeat=15) -> float:
    """Median wall time of `action()` over `repeat` runs, after one warm-up run."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return median(times)


def table(headers, rows) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
