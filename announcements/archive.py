"""The press archive: filters by year, month, topic, issuer and words, as a GET form.

Every query of a page stops after that page, whatever the archive's size: releases are read in
the order of the composite index (index page, release date, id); pages up to NUMBERED_PAGES by
number (OFFSET of at most a thousand rows), deeper ones by "older/newer" links that continue
after a release (keyset); counts come from a month summary computed once per change of the
index, or are counted up to COUNT_LIMIT; searches run inside the database, on this index only.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django import forms
from django.db import connections, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import dates
from django.utils.translation import gettext_lazy as _

from . import page_cache, rules
from .models.snippets import Issuer, Topic
from .search_terms import search_words

MONTHS = [(number, name) for number, name in dates.MONTHS.items()]
NUMBERED_PAGES = 50
COUNT_LIMIT = 1000


class ArchiveFilterForm(forms.Form):
    """Invalid values never raise: the field shows an error and that filter is not applied."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    month = forms.TypedChoiceField(
        label=_("Month"), required=False, coerce=int, empty_value=None, choices=[]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.all(), to_field_name="slug"
    )
    issuer = forms.ModelChoiceField(
        label=_("Issuer"), required=False, queryset=Issuer.objects.all()
    )

    def __init__(self, data, years):
        super().__init__(data)
        anything = [("", _("all"))]
        self.fields["year"].choices = anything + [(year, year) for year in years]
        self.fields["month"].choices = anything + MONTHS
        self.fields["topic"].empty_label = _("all")
        self.fields["issuer"].empty_label = _("all")

    def clean_q(self):
        return search_words(self.cleaned_data["q"])

    def filters(self) -> dict:
        """The valid filters that are set."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value not in (None, "")}


def month_counts(releases) -> dict[tuple[int, int], int]:
    """{(year, month): releases} in the site's time zone: one grouped query."""
    rows = (
        releases.order_by()
        .annotate(month=TruncMonth("release_date"))
        .values("month")
        .annotate(count=Count("pk"))
    )
    return {(row["month"].year, row["month"].month): row["count"] for row in rows}


def summary(index, releases, request=None) -> dict[tuple[int, int], int]:
    """The month counts of an index, computed once per change of the index (page cache)."""
    path = page_cache.url_path_of(index, request)
    if path is None:
        return month_counts(releases)
    return page_cache.remember(
        f"archive-months:{index.pk}", lambda: month_counts(releases), request, path=path
    )


def release_years(counts) -> list[int]:
    """The years that have releases, newest first."""
    return sorted({year for year, _month in counts}, reverse=True)


def search(releases, words: str):
    """The releases among `releases` that contain `words`: one query, inside the database.

    The single place where the visitor's words enter the search backend.
    """
    return releases.search(words, order_by_relevance=False)


def filter_releases(releases, filters: dict):
    """Apply archive filters to a queryset of releases (dates in the site's time zone).

    The words last: a search result can no longer be filtered, so with words the month and
    topic filters become subqueries on the release ids, which the search backend accepts.
    """
    words = filters.get("q")
    if "year" in filters:
        releases = releases.filter(release_date__year=filters["year"])
    if "issuer" in filters:
        releases = releases.filter(issuer=filters["issuer"])
    if "month" in filters:
        in_month = Q(release_date__month=filters["month"])
        in_month = Q(pk__in=releases.filter(in_month).values("pk")) if words else in_month
        releases = releases.filter(in_month)
    if "topic" in filters:
        topic = filters["topic"]
        tagged = releases.model.topics.through.objects.filter(topic=topic)
        releases = (
            releases.filter(pk__in=tagged.values("pressreleasepage_id"))
            if words
            else releases.filter(topics=topic)
        )
    return releases


def beyond_summary(filters) -> bool:
    """Whether words, a topic or an issuer filter the releases: what the month summary cannot
    count, and what selects few or many releases depending on the value."""
    return bool(set(filters) - {"year", "month"})


def known_count(counts, filters) -> int | None:
    """The number of releases the filters select, when the month summary knows it."""
    if beyond_summary(filters):
        return None
    return sum(
        count
        for (year, month), count in counts.items()
        if filters.get("year", year) == year and filters.get("month", month) == month
    )


def after_release(releases, anchor, older: bool):
    """Releases older (or newer) than `anchor` in archive order; the plain date comparison
    first lets the database start its index scan at the anchor."""
    date, pk = anchor
    if older:
        return releases.filter(release_date__lte=date).filter(
            Q(release_date__lt=date) | Q(release_date=date, pk__lt=pk)
        )
    return releases.filter(release_date__gte=date).filter(
        Q(release_date__gt=date) | Q(release_date=date, pk__gt=pk)
    )


@dataclass
class Listing:
    """One page of the archive and the ways on: numbered pages near the top, then older/newer."""

    items: list
    count: int | None = None  # None: more than COUNT_LIMIT
    number: int | None = None  # None: a page reached by older/newer
    num_pages: int | None = None
    page_numbers: list = field(default_factory=list)
    newer: dict | None = None  # query parameters of the newer page
    older: dict | None = None
    valid: bool = True  # False: the request named a page that does not exist as named


def parse_positive(value, default=None) -> int | None:
    """A positive number as written canonically and small enough for a database id."""
    if value and value.isdigit() and not value.startswith("0") and len(value) <= 18:
        return int(value)
    return default


def numbered_page(releases, count, requested, size) -> Listing:
    last_numbered = NUMBERED_PAGES if count is None else max(1, -(-count // size))
    last_numbered = min(last_numbered, NUMBERED_PAGES)
    number = min(parse_positive(requested, 1), last_numbered)
    window = list(releases[(number - 1) * size : number * size + 1])
    items, more = window[:size], len(window) > size
    listing = Listing(items=items, count=count, number=number, valid=str(number) == requested)
    listing.num_pages = None if count is None else max(1, -(-count // size))
    shown = min(listing.num_pages or NUMBERED_PAGES, NUMBERED_PAGES)
    listing.page_numbers = elided(number, shown)
    if number > 1:
        listing.newer = {"page": number - 1}
    if more:
        listing.older = {"page": number + 1} if number < NUMBERED_PAGES else older_than(items)
    return listing


def older_than(items) -> dict:
    return {"before": items[-1].pk}


def keyset_page(releases, anchor, older: bool, size, words) -> Listing:
    ordered = after_release(releases, anchor, older)
    if not older:
        ordered = ordered.order_by("release_date", "pk")
    window = list(search(ordered, words)[: size + 1] if words else ordered[: size + 1])
    items, more = window[:size], len(window) > size
    if not older:
        items.reverse()
    listing = Listing(items=items)
    if items and (more or older):
        listing.newer = {"after": items[0].pk}
    if items and (more or not older):
        listing.older = older_than(items)
    return listing


def elided(number, last) -> list:
    """Page numbers around `number`, the first and the last; None where numbers are left out."""
    wanted = {1, last, *range(number - 2, number + 3)}
    shown, previous = [], 0
    for page in sorted(n for n in wanted if 1 <= n <= last):
        if page > previous + 1:
            shown.append(None)
        shown.append(page)
        previous = page
    return shown


@contextmanager
def plans_for_these_values(releases, filters):
    """On PostgreSQL, plans made for the values asked for when words, a topic or an issuer
    filter the releases: a prepared statement's generic plan would take every word for a rare
    one and read all matches (0.34 s instead of 4 ms for a common word in 100,000 releases).
    And no parallel workers: starting one costs more than reading a page (11 ms against 4 ms
    for the count of a common word in 10,000 releases). One transaction, settings local to it;
    elsewhere nothing."""
    connection = connections[releases.db]
    if connection.vendor != "postgresql" or not beyond_summary(filters):
        yield
        return
    with transaction.atomic(using=releases.db):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
                " set_config('max_parallel_workers_per_gather', '0', true)"
            )
        yield


def listing_for(index, request, form, releases, counts) -> Listing:
    """The page of `releases` the request asks for (page number, or before/after a release)."""
    filters = form.filters()
    with plans_for_these_values(releases, filters):
        return filtered_listing(index, request, releases, counts, filters)


def filtered_listing(index, request, releases, counts, filters) -> Listing:
    size = rules.index_page_size()
    words = filters.get("q")
    before = parse_positive(request.GET.get("before"))
    after = parse_positive(request.GET.get("after")) if before is None else None
    if before or after:
        anchor = index.releases().filter(pk=before or after)
        anchor = anchor.values_list("release_date", "pk").first()
        listing = anchor and keyset_page(releases, anchor, bool(before), size, words)
        if listing and listing.items:
            listing.valid = "page" not in request.GET
            return listing
    if words:
        releases = search(releases, words)
    count = known_count(counts, filters)
    if count is None:
        counted = releases[: COUNT_LIMIT + 1].count()
        count = counted if counted <= COUNT_LIMIT else None
    listing = numbered_page(releases, count, request.GET.get("page", "1"), size)
    listing.valid = listing.valid and not (before or after)
    return listing
