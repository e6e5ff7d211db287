"""One Django site in its own process, driven line by line by benchmarks/bakerydemo.py.

    cd <site> && <site's python> <this file> <URL path>

Runs in any Django project's virtualenv (ours or bakerydemo's): it imports only Django and the
project found in the current directory (DJANGO_SETTINGS_MODULE from the environment). Commands
on standard input, one answer line of JSON each:

    time            one request through Django's test client: {"seconds": …}
    queries         one request under CaptureQueriesContext: count, statements, and the
                    seconds spent executing SQL (timed by a database execute wrapper)
    profile N FILE  N requests under cProfile, stats written to FILE: {"seconds": …}
"""

import cProfile
import json
import os
import sys
import time


def main():
    sys.path[0] = os.getcwd()  # the site's project, not benchmarks/
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    url, client = sys.argv[1], Client()

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return response

    answer({"bytes": len(get().content)})  # warm-up, and the page's size
    for line in sys.stdin:
        command, *args = line.split()
        if command == "time":
            started, cpu = time.perf_counter(), time.process_time()
            get()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            answer({"seconds": seconds, "cpu_seconds": cpu})
        elif command == "queries":
            timer = SqlTimer()
            with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
                get()
            statements = [query["sql"] for query in captured.captured_queries]
            answer({"count": len(statements), "sql_seconds": timer.seconds, "sql": statements})
        elif command == "profile":
            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            for _request in range(int(args[0])):
                get()
            profiler.disable()
            profiler.dump_stats(args[1])
            answer({"seconds": time.perf_counter() - started})


class SqlTimer:
    """A database execute wrapper adding up the time spent in the database driver."""

    seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def answer(data):
    print(json.dumps(data), flush=True)


if __name__ == "__main__":
    main()
