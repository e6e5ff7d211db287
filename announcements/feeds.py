"""RSS 2.0 and Atom feeds of an index's releases, with the archive's filters (topic, issuer…).

Titles, leads and the index intro are plain text and must reach a feed reader as text: the
lead goes out as escaped HTML (RSS description, Atom summary of type "html"), and so do the RSS
titles, which readers treat as HTML; Atom titles and the subtitle are of type "text" already.
"""

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import archive, page_cache

FEED_SIZE = 50
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text without the control characters XML 1.0 cannot carry."""
    return NOT_IN_XML.sub("", str(text))


def as_html(text: str) -> str:
    """Plain text as HTML that shows exactly this text."""
    return escape(xml_text(text))


class ReleasesRssFeed(Feed):
    as_text = staticmethod(as_html)  # RSS readers read titles and descriptions as HTML

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.form, releases, _counts = self.index.filtered_releases(request)
        if self.form.errors:
            page_cache.refuse_to_cache(request)
        releases = releases.prefetch_related("corrections")
        filters = self.form.filters()
        words = filters.get("q")
        self.releases = (archive.search(releases, words) if words else releases)[:FEED_SIZE]
        with archive.plans_for_these_values(releases, filters):
            return super().__call__(request, *args, **kwargs)

    def title(self):
        parts = [self.index.title]
        filters = self.form.filters()
        parts += [str(filters[name]) for name in ("topic", "issuer") if name in filters]
        return self.as_text(" – ".join(parts))

    def link(self):
        query = self.request.GET.urlencode()
        return self.index.get_full_url(self.request) + (f"?{query}" if query else "")

    def description(self):
        return self.as_text(self.index.intro or _("Press releases"))

    def items(self):
        return self.releases

    def item_title(self, item):
        return self.as_text(item.title)

    def item_description(self, item):
        return as_html(item.lead)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.release_date

    def item_updateddate(self, item):
        return item.date_modified

    def item_author_name(self, item):
        return xml_text(item.issuer.name)

    def item_categories(self, item):
        return [xml_text(topic.name) for topic in item.topics.all()]


class ReleasesAtomFeed(ReleasesRssFeed):
    feed_type = Atom1Feed
    as_text = staticmethod(xml_text)  # Atom titles and subtitle are type="text"
    subtitle = ReleasesRssFeed.description
