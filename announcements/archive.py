"""The press archive: filters by year, month, topic, issuer and words, as a GET form."""

from django import forms
from django.db.models import Max, Min
from django.utils import dates, timezone
from django.utils.translation import gettext_lazy as _

from .models.snippets import Issuer, Topic
from .search_terms import search_words

MONTHS = [(number, name) for number, name in dates.MONTHS.items()]


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


def filter_releases(releases, filters: dict):
    """Apply archive filters to a queryset of releases (dates in the site's time zone)."""
    if "year" in filters:
        releases = releases.filter(release_date__year=filters["year"])
    if "month" in filters:
        releases = releases.filter(release_date__month=filters["month"])
    if "topic" in filters:
        releases = releases.filter(topics=filters["topic"])
    if "issuer" in filters:
        releases = releases.filter(issuer=filters["issuer"])
    if filters.get("q"):
        matches = releases.model.objects.live().search(filters["q"], order_by_relevance=False)
        releases = releases.filter(pk__in=[match.pk for match in matches])
    return releases


def release_years(releases) -> list[int]:
    """The years from the newest release back to the oldest, in the site's time zone.

    From the first and last release date (one cheap query), not from grouping every release
    by year, which costs time in proportion to the archive.
    """
    span = releases.aggregate(first=Min("release_date"), last=Max("release_date"))
    if span["first"] is None:
        return []
    first, last = timezone.localtime(span["first"]).year, timezone.localtime(span["last"]).year
    return list(range(last, first - 1, -1))
