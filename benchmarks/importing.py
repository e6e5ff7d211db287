"""Import throughput: 1,000 generated legacy releases (text and HTML) through import_releases."""

import io
import tempfile
import time
from pathlib import Path

from django.core.management import call_command

RELEASES = 1_000
TEXT = """Sie befinden sich hier: Startseite > Presse

Mitteilung Nummer {n}: Förderung für Gemeinde {n}

München, {day}. Juli 2018, 10:30 Uhr

+++ Die Gemeinde {n} erhält eine Förderung von {n}.000 Euro für ihr Bürgerbüro. +++

Das Geld fließt in barrierefreie Zugänge und längere Öffnungszeiten.

„Wir unterstützen jede Gemeinde“, erklärte Innenminister Joachim Herrmann.

Näheres zum Programm finden Sie unter:
https://www.example.org/programm/{n}

Inhalt | Datenschutz | Impressum | Barrierefreiheit
"""
HTML = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><script>x()</script></head>
<body><nav><a href="/">Start</a></nav><main><h1>Mitteilung Nummer {n}: Schulen in Kreis {n}</h1>
<p>Nürnberg, {day}.07.2019</p><p>+++ Der Kreis {n} erhält neue Tablets für alle Schulen. +++</p>
<p>Die Geräte werden <em>zentral</em> verwaltet, siehe <a href="https://www.example.org/{n}">Portal</a>.</p>
</main><footer>Impressum</footer></body></html>"""


def run(index) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="pressroom-import-"))
    for n in range(RELEASES):
        day = n % 28 + 1
        if n % 2:
            (folder / f"{n:04d}.html").write_text(HTML.format(n=n, day=day), encoding="utf-8")
        else:
            (folder / f"{n:04d}.txt").write_text(TEXT.format(n=n, day=day), encoding="cp1252")
    started = time.perf_counter()
    call_command("import_releases", str(folder), "--parent", str(index.pk), stdout=io.StringIO())
    first = time.perf_counter() - started
    started = time.perf_counter()
    call_command("import_releases", str(folder), "--parent", str(index.pk), stdout=io.StringIO())
    again = time.perf_counter() - started
    return {
        "releases": RELEASES,
        "seconds": round(first, 1),
        "releases_per_second": round(RELEASES / first, 1),
        "reimport_unchanged_seconds": round(again, 1),
    }
