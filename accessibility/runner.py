"""Which pages to audit, and auditing them with one or both engines."""

import mimetypes
import urllib.request
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse, urlsplit, urlunsplit
from urllib.request import url2pathname
from urllib.robotparser import RobotFileParser

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.test.testcases import LiveServerThread
from django.views.static import serve as serve_file

from . import conf
from .registry import WCAG
from .static import audit_pages, available_cores

USER_AGENT = "wagtail-pressroom accessibility audit"
WEB = ("http", "https")


@dataclass
class Target:
    url: str  # what the browser loads (http(s):// or file://)
    page: object = None  # the Wagtail page, when auditing our own site
    html: bytes | None = field(default=None, repr=False)


def is_url(text: str) -> bool:
    """An address the browser can load, as opposed to a file path or HTML."""
    return text.startswith(("http://", "https://", "file://"))


def _open(url: str, timeout: float = 30):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    return urllib.request.urlopen(request, timeout=timeout)


def fetch(url: str, timeout: float = 30) -> bytes:
    return fetch_document(url, timeout)[0]


def fetch_document(url: str, timeout: float = 30) -> tuple[bytes, str]:
    """The body and its Content-Type (a file's from its name)."""
    if url.startswith("file://"):
        path = Path(url2pathname(urlparse(url).path))
        return path.read_bytes(), mimetypes.guess_type(path.name)[0] or "text/html"
    with _open(url, timeout) as response:
        return response.read(), response.headers.get("Content-Type", "")


def file_targets(paths) -> list[Target]:
    return [Target(url=Path(path).resolve().as_uri()) for path in paths]


def live_page_targets(base_url: str) -> list[Target]:
    """Every live, public page of every Wagtail site, addressed through base_url."""
    from wagtail.models import Page

    targets = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        parts = page.get_url_parts()
        if parts and parts[2]:
            targets.append(Target(url=urljoin(base_url, parts[2]), page=page))
    return targets


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise(url: str) -> str:
    """One spelling per address: no fragment, scheme and host in lower case, no default port,
    "/" for an empty path."""
    parts = urlsplit(urldefrag(url)[0])
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host += f":{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def robots_of(start_url: str) -> RobotFileParser | None:
    robots = RobotFileParser(urljoin(start_url, "/robots.txt"))
    try:
        robots.read()
    except OSError:
        return None  # no robots.txt reachable: nothing is excluded
    return robots


def crawl(start_url: str, limit: int) -> list[Target]:
    """Same-host HTML pages reachable from start_url, breadth first, at most `limit`, where
    robots.txt allows our user agent. Only addresses are kept; the run fetches each page again
    when it audits it, so memory grows with the number of addresses, not of pages."""
    start_url = normalise(start_url)
    origin = urlparse(start_url).netloc
    robots = robots_of(start_url)
    queue, seen, targets = deque([start_url]), {start_url}, []
    while queue and len(targets) < limit:
        url = queue.popleft()
        if robots is not None and not robots.can_fetch(USER_AGENT, url):
            continue
        try:
            with _open(url) as response:
                if "html" not in response.headers.get("Content-Type", ""):
                    continue
                html = response.read()
        except OSError:
            continue
        targets.append(Target(url=url))
        parser = _LinkParser()
        parser.feed(html.decode("utf-8", "replace"))
        for href in parser.links:
            link = normalise(urljoin(url, href))
            same_site = urlparse(link).netloc == origin and urlparse(link).scheme in WEB
            if same_site and link not in seen:
                seen.add(link)
                queue.append(link)
    return targets


class CollectedStaticHandler(StaticFilesHandler):
    """Static files from STATIC_ROOT, as `collectstatic` left them for production: the hashed
    names of ManifestStaticFilesStorage exist only there, not in the apps' static folders."""

    def serve(self, request):
        return serve_file(request, self.file_path(request.path), document_root=settings.STATIC_ROOT)


def static_handler():
    """The handler for the local server: hashed names need the collected files."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return StaticFilesHandler  # the apps' static folders, like runserver
    if not storage.exists(storage.manifest_name):
        raise ImproperlyConfigured(
            f"{type(storage).__name__} serves hashed file names, and "
            f"{settings.STATIC_ROOT} has no manifest: run `manage.py collectstatic` first, or "
            "audit the running site with --base-url."
        )
    return CollectedStaticHandler


def path_of(url: str) -> str:
    """“http://127.0.0.1:41234/presse/?page=2” → “/presse/?page=2”."""
    parts = urlparse(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@contextmanager
def local_server():
    """This Django site served on 127.0.0.1 at a free port, for the duration of the block;
    ImproperlyConfigured when its static files cannot be served."""
    server = LiveServerThread("127.0.0.1", static_handler(), port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.terminate()


def audit_targets(targets, engines, axe_auditor=None, progress=None, profile=WCAG):
    """AuditResults of every target with every engine; progress(index, total, url) if given.
    The static engine sees all pages together (a block of links repeated across pages)."""
    static = {}
    if "static" in engines:
        pages = [
            (target.url, target.html if target.html is not None else fetch(target.url))
            for target in targets
        ]
        processes = conf.get("PRESSROOM_AUDIT_STATIC_PROCESSES") or available_cores()
        static = {result.url: result for result in audit_pages(pages, profile, None, processes)}
    results = []
    for index, target in enumerate(targets, start=1):
        if progress:
            progress(index, len(targets), target.url)
        if target.url in static:
            results.append(static[target.url])
        if "axe" in engines:
            results.append(axe_auditor.audit(target.url))
    return results
