"""An old website's press archive → the addresses of its releases, and their photos.

Starts at an archive page, follows its pagination and the release links on the same host,
asks robots.txt before every request (urllib.robotparser) and waits between requests.
"""

import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from bs4 import BeautifulSoup
from django.utils.translation import gettext as _

from .errors import ImportProblem
from .html_input import DROP, main_content

USER_AGENT = "wagtail-pressroom-importer"
NEXT_WORDS = re.compile(
    r"^(weiter|nächste( seite)?|vor|next|older|ältere( meldungen)?|»|›|>|\d+)$", re.I
)
CREDIT_PREFIX = re.compile(r"^(?:foto|bild|photo|©)\s*:?\s*", re.I)
CREDIT = re.compile(r"(?:^|\s)(?:foto|bild|photo|©)\s*:?\s*(?P<credit>[^|]{2,120})$", re.I)


@dataclass
class Fetched:
    url: str
    content_type: str
    data: bytes

    @property
    def is_html(self):
        return self.content_type in ("text/html", "application/xhtml+xml")


class Fetcher:
    """GET with a delay between requests, a size limit, and robots.txt per host."""

    def __init__(self, delay=1.0, max_bytes=5 * 1024 * 1024, timeout=15, sleep=time.sleep):
        self.delay, self.max_bytes, self.timeout, self.sleep = delay, max_bytes, timeout, sleep
        self.last = None
        self.robots = {}
        self.requests = 0

    def get(self, url) -> Fetched:
        if self.last is not None:
            self.sleep(max(0.0, self.last + self.delay - time.monotonic()))
        self.last = time.monotonic()
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = response.read(self.max_bytes + 1)
                kind = response.headers.get_content_type()
                final = response.geturl()
        except urllib.error.HTTPError as error:
            raise ImportProblem(_("HTTP error %(code)s") % {"code": error.code}) from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise ImportProblem(_("cannot be fetched: %(error)s") % {"error": reason}) from None
        if len(data) > self.max_bytes:
            raise ImportProblem(_("larger than %(mb)s MB") % {"mb": self.max_bytes // 2**20})
        return Fetched(final, kind, data)

    def allowed(self, url) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self.robots:
            robots = RobotFileParser()
            try:
                robots.parse(
                    self.get(host + "/robots.txt").data.decode("utf-8", "replace").splitlines()
                )
            except ImportProblem:
                robots.parse([])  # no robots.txt: everything allowed
            self.robots[host] = robots
        return self.robots[host].can_fetch(USER_AGENT, url)


def same_host(url, other):
    return urlsplit(url).netloc == urlsplit(other).netloc


def archive_links(page: Fetched):
    """(release addresses, further archive pages) linked from an archive page's main content."""
    soup = BeautifulSoup(page.data.decode("utf-8", "replace"), "html.parser")
    content = main_content(soup)
    releases, pages = [], []
    for link in content.find_all("a", href=True):
        url = urldefrag(urljoin(page.url, link["href"].strip())).url
        if not url.startswith(("http://", "https://")) or not same_host(url, page.url):
            continue
        text = " ".join(link.get_text().split())
        in_pager = any(
            "pag" in " ".join(parent.get("class", [])) for parent in link.parents if parent.name
        )
        if "next" in link.get("rel", []) or in_pager or NEXT_WORDS.match(text):
            pages.append(url)
        elif not link.find_parent(["nav", "header", "footer", "aside"]) and url != page.url:
            releases.append(url)
    return releases, pages


def release_addresses(start_url, fetcher, limit=None, problems=None):
    """Release addresses in archive order, at most `limit`; archive pages that fail → problems."""
    queue, seen_pages, seen = [start_url], set(), []
    while queue and (limit is None or len(seen) < limit):
        url = queue.pop(0)
        if url in seen_pages:
            continue
        seen_pages.add(url)
        if not fetcher.allowed(url):
            continue
        try:
            page = fetcher.get(url)
        except ImportProblem as problem:
            if problems is not None:
                problems.append((url, problem))
            continue
        releases, pages = archive_links(page)
        seen += [r for r in dict.fromkeys(releases) if r not in seen and r not in seen_pages]
        queue += [p for p in pages if p not in seen_pages]
    return seen[:limit] if limit else seen


@dataclass
class Photo:
    url: str
    alt: str  # "" when the old page had none
    caption: str
    credit: str


def photos_of(html: bytes, base_url) -> list[Photo]:
    """The photos in a release page's main content, with alt text, caption and credit."""
    soup = BeautifulSoup(html.decode("utf-8", "replace"), "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    photos = []
    for img in main_content(soup).find_all("img", src=True):
        url = urljoin(base_url, img["src"].strip())
        if not url.startswith(("http://", "https://")):
            continue
        figure = img.find_parent("figure")
        caption_tag = figure.find("figcaption") if figure else None
        credit_tag = figure.find(class_=re.compile("credit|copyright|quelle")) if figure else None
        credit = " ".join(credit_tag.get_text().split()) if credit_tag else ""
        credit = CREDIT_PREFIX.sub("", credit)
        if credit_tag:
            credit_tag.extract()
        caption = " ".join(caption_tag.get_text().split()) if caption_tag else ""
        if not credit and (match := CREDIT.search(caption)):
            credit, caption = match.group("credit").strip(), caption[: match.start()].strip()
        photos.append(Photo(url, " ".join((img.get("alt") or "").split()), caption, credit))
    return photos
