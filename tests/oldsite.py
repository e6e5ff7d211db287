"""A small old-style ministry website, written to a folder and served on 127.0.0.1, for
import_releases --crawl: an archive over several pages, releases with photos (one without alt
text), a broken page, a page that is gone, a PDF and a part closed by robots.txt."""

import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

from PIL import Image

CHROME = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>
<script src="/js/site.js"></script></head><body>
<header><a href="/">Staatsministerium für Beispiele</a>
<nav><a href="/">Startseite</a> <a href="/presse/">Presse</a>
<a href="/kontakt.html">Kontakt</a></nav></header>
<div id="content">{content}</div>
<footer><a href="/impressum.html">Impressum</a> |
<a href="/datenschutz.html">Datenschutz</a></footer>
</body></html>"""
RELEASE = """<p class="breadcrumb">Sie befinden sich hier: Startseite &gt; Presse</p>
<h1>{title}</h1><p>München, {day}. Mai 2019</p>
<p>+++ Das Ministerium fördert das Projekt Nummer {n} mit {n}.000 Euro. +++</p>
<p>Das Geld fließt in <a href="/themen/projekte.html">Projekte</a> vor Ort.</p>
<p>„Projekt {n} zeigt, was möglich ist“, sagte Staatsminister Max Beispiel.</p>
{figures}"""
FIGURE = """<figure><img src="/bilder/foto-{n}-{k}.jpg"{alt}>
<figcaption>Der Minister besucht Projekt {n}.
<span class="credit">Foto: StMB / Eva Bild</span></figcaption></figure>"""


def jpeg(seed):
    buffer = BytesIO()
    Image.new("RGB", (64, 48), ((seed * 37) % 256, (seed * 91) % 256, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


def build(folder, releases=17, per_page=9, photos=(1, 2)):
    """Write the site; (archive URL path, number of release pages that can be imported)."""
    (folder / "presse").mkdir(parents=True)
    (folder / "bilder").mkdir()
    (folder / "intern").mkdir()
    (folder / "robots.txt").write_text("User-agent: *\nDisallow: /intern/\n")
    links = []
    for n in range(1, releases + 1):
        figures = []
        for k in range(photos[n % len(photos)]):
            alt = "" if (n, k) == (3, 0) else f' alt="Minister Max Beispiel bei Projekt {n}"'
            figures.append(FIGURE.format(n=n, k=k, alt=alt))
            (folder / "bilder" / f"foto-{n}-{k}.jpg").write_bytes(jpeg(n * 10 + k))
        title = f"Förderung für Projekt {n}"
        content = RELEASE.format(title=title, n=n, day=n % 28 + 1, figures="".join(figures))
        (folder / "presse" / f"projekt-{n}.html").write_text(
            CHROME.format(title=title, content=content)
        )
        links.append(f'<li><a href="/presse/projekt-{n}.html">{title}</a></li>')
    broken = CHROME.format(title="Alt", content="<h1>Seite ohne Datum</h1><p>Nur Text.</p>")
    (folder / "presse" / "kaputt.html").write_text(broken)
    (folder / "presse" / "jahresbericht.pdf").write_bytes(b"%PDF-1.4 not a release")
    (folder / "intern" / "entwurf.html").write_text(CHROME.format(title="Intern", content="x"))
    extras = [
        '<li><a href="/presse/kaputt.html">Alte Meldung</a></li>',
        '<li><a href="/presse/fehlt.html">Gelöschte Meldung</a></li>',
        '<li><a href="/presse/jahresbericht.pdf">Jahresbericht (PDF)</a></li>',
        '<li><a href="/intern/entwurf.html">Entwurf</a></li>',
    ]
    pages = [links[i : i + per_page] for i in range(0, len(links), per_page)]
    pages[-1] += extras
    for number, items in enumerate(pages, start=1):
        pager = " ".join(
            f'<a href="{archive_path(k)}">{k}</a>' for k in range(1, len(pages) + 1) if k != number
        )
        if number < len(pages):
            pager += f' <a rel="next" href="{archive_path(number + 1)}">Weiter</a>'
        listing = "".join(items)
        content = f'<h1>Presse</h1><ul>{listing}</ul><div class="pagination">{pager}</div>'
        target = folder / archive_path(number).lstrip("/")
        target = target / "index.html" if archive_path(number).endswith("/") else target
        target.write_text(CHROME.format(title="Presse", content=content))
    return "/presse/", releases


def archive_path(number):
    return "/presse/" if number == 1 else f"/presse/seite-{number}.html"


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        self.server.requested.append(self.path)


@contextmanager
def serve(folder):
    """http://127.0.0.1:<port> serving `folder`; .requested lists the paths asked for."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    server.requested = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
