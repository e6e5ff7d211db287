from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .. import embargo, page_cache, rules
from ..api import RELEASE_API_FIELDS
from ..blocks import PressReleaseBodyBlock
from ..forms import PressReleaseForm
from ..links import safe_href
from .snippets import Issuer, Topic


def query_value(value):
    """A filter value as the archive's query string names it (a topic by slug, an issuer by id)."""
    if isinstance(value, Topic):
        return value.slug
    return value.pk if isinstance(value, Issuer) else value


def local_text(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class PressReleaseIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two above the list.")
    )

    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("issuer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Only this issuer's releases below this index. With page permissions on this index, "
            "a group of editors is limited to one issuer."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("issuer")]
    subpage_types = ["pressroom_announcements.PressReleasePage"]
    template = "announcements/press_release_index_page.html"
    page_description = _("Lists its press releases, newest first.")

    class Meta:
        verbose_name = _("press release index")

    def releases(self):
        """The live, public, not withdrawn releases below this index, newest first: read in
        the order of the composite index `pressroom_release_listing`."""
        return (
            PressReleasePage.objects.filter(index_page=self, withdrawn_at__isnull=True)
            .live()
            .public()
            .select_related("issuer")
            .prefetch_related("topics")
            .order_by("-release_date", "-pk")
        )

    def filtered_releases(self, request):
        """(the filter form, the releases it selects, the month counts) for `request`."""
        from ..archive import ArchiveFilterForm, filter_releases, release_years, summary

        releases = self.releases()
        counts = summary(self, releases, request)
        form = ArchiveFilterForm(request.GET or None, release_years(counts))
        return form, filter_releases(releases, form.filters()), counts

    def get_context(self, request, *args, **kwargs):
        from ..archive import COUNT_LIMIT, listing_for

        context = super().get_context(request, *args, **kwargs)
        form, releases, counts = self.filtered_releases(request)
        listing = listing_for(self, request, form, releases, counts)
        if form.errors or not listing.valid:
            page_cache.refuse_to_cache(request)  # only the pages that exist, as they are named
        filters = form.filters()
        filter_query = urlencode({name: query_value(value) for name, value in filters.items()})
        context.update(
            filter_form=form,
            filters=filters,
            releases=listing.items,
            listing=listing,
            listing_limit=COUNT_LIMIT,
            filter_query=filter_query,
            pressroom_base=rules.base_template(),
        )
        feed_query = f"?{filter_query}" if filter_query else ""
        context["rss_url"] = self.url + self.reverse_subpage("rss") + feed_query
        context["atom_url"] = self.url + self.reverse_subpage("atom") + feed_query
        return context

    def route(self, request, path_components):
        """A release by its slug in one query, with its issuer (Wagtail's routing takes three)."""
        if len(path_components) == 1:
            release = (
                PressReleasePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("issuer")
                .first()
            )
            if release is not None:
                return release.route(request, [])
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200:
            page_cache.mark_cacheable(response, embargo.cache_seconds())
        return response

    def get_cached_paths(self):
        """What Wagtail's frontend cache purges for an index: the archive and its feeds."""
        return ["/", "/" + self.reverse_subpage("rss"), "/" + self.reverse_subpage("atom")]

    @path("")
    def archive(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from ..feeds import ReleasesRssFeed

        return ReleasesRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from ..feeds import ReleasesAtomFeed

        return ReleasesAtomFeed(self)(request)


class PressReleasePage(Page):
    release_date = models.DateTimeField(
        _("release date and time"),
        default=timezone.now,
        db_index=True,
        help_text=_("Date and time printed on the release, in the site's time zone."),
    )
    dateline = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_(
            "Where the release was issued, e.g. “München”. Leave empty when the issuer names no "
            "place: the page then shows the date alone."
        ),
    )
    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="press_releases",
        help_text=_("Who issues the release; its press contact is shown on the page."),
    )
    lead = models.TextField(
        _("lead"),
        max_length=600,
        validators=[rules.validate_lead_without_markers],
        help_text=_(
            "The core message in one to three sentences. Type the text only: the page marks it "
            "with “+++” for sighted readers."
        ),
    )
    body = StreamField(
        PressReleaseBodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Paragraphs, quotes, photo galleries and related links."),
    )
    issuer_release_url = models.URLField(
        _("release on the issuer's site"),
        blank=True,
        help_text=_("Address of this release on the issuer's own website, if it has one."),
    )
    is_syndicated_copy = models.BooleanField(
        _("copy of the issuer's release"),
        default=False,
        help_text=_(
            "Tick when this page copies a release first published on the issuer's site: "
            "search engines are then pointed to the original."
        ),
    )

    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="press_releases",
        help_text=_("Readers filter and subscribe by topic."),
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn on"),
        null=True,
        blank=True,
        help_text=_(
            "Withdraw instead of deleting: the address stays and shows a notice with the reason; "
            "the release leaves listings, feeds, search and the sitemap."
        ),
    )
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)

    # Where an imported release came from (import_releases): re-imports update, never duplicate.
    legacy_source = models.CharField(
        _("imported from"), max_length=500, blank=True, editable=False, db_index=True
    )
    legacy_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    import_review_note = models.TextField(
        _("to review after the import"),
        blank=True,
        help_text=_("What the importer could not decide; delete the note once reviewed."),
    )

    # The index above the release, set on every save (and on moves): the archive reads one
    # index's releases in date order from the composite index below and stops after a page.
    index_page = models.ForeignKey(
        PressReleaseIndexPage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    # The latest gallery release time of the live content (None without timed galleries):
    # lets the admin list withheld galleries without reading every body.
    galleries_release_until = models.DateTimeField(null=True, editable=False, db_index=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("release_date"), FieldPanel("dateline"), FieldPanel("issuer")],
            heading=_("Date, place and issuer"),
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("issuer_release_url"), FieldPanel("is_syndicated_copy")],
            heading=_("Original on the issuer's site"),
        ),
        InlinePanel("corrections", heading=_("Corrections"), label=_("Correction")),
        FieldPanel("import_review_note"),
        MultiFieldPanel(
            [FieldPanel("withdrawn_at"), FieldPanel("withdrawal_reason")],
            heading=_("Withdrawal"),
            classname="collapsed",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("dateline"),
        index.FilterField("release_date"),
        index.FilterField("withdrawn_at"),
        index.FilterField("issuer"),
        index.FilterField("pk"),
        index.FilterField("index_page"),
    ]
    api_fields = RELEASE_API_FIELDS
    base_form_class = PressReleaseForm
    parent_page_types = ["pressroom_announcements.PressReleaseIndexPage"]
    subpage_types = []
    template = "announcements/press_release_page.html"
    page_description = _("A press release with lead, quotes, photo galleries and press contact.")

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        indexes = [
            models.Index(
                fields=["index_page", "-release_date", "-page_ptr"],
                name="pressroom_release_listing",
                condition=models.Q(withdrawn_at__isnull=True),
            ),
            # The id as the search entries store it: a word search joins by index (0010).
            models.Index(
                Cast("page_ptr", output_field=models.CharField(max_length=50)),
                name="pressroom_release_search_key",
            ),
        ]

    def known_index(self):
        """The index page set on this release (an importer sets it), if the release is still
        below it: no query."""
        known = self._meta.get_field("index_page").get_cached_value(self, None)
        if known is not None and self.path and known.path == self.path[: -self.steplen]:
            return known
        return None

    def clean(self):
        super().clean()  # Wagtail's: the slug free among the siblings
        self.clean_release()

    def clean_release(self):
        """The release's own rules across fields (the importer checks these alone: Wagtail's
        save has just checked the slug)."""
        index = None
        if self.path and self.depth:
            index = self.known_index() or self.get_parent().specific
        required = getattr(index, "issuer", None)
        if required is not None and self.issuer_id != required.pk:
            raise ValidationError(
                {
                    "issuer": _("Releases below “%(index)s” must be issued by %(issuer)s.")
                    % {"index": index.title, "issuer": required.name}
                }
            )
        if self.withdrawn_at and not self.withdrawal_reason.strip():
            raise ValidationError(
                {"withdrawal_reason": _("Say why the release was withdrawn; readers see it.")}
            )
        if self.is_syndicated_copy and not self.issuer_release_url:
            raise ValidationError(
                {
                    "issuer_release_url": _(
                        "Enter the address of the original release, or untick “copy of the "
                        "issuer's release”."
                    )
                }
            )

    def save(self, *args, **kwargs):
        self.galleries_release_until = max(embargo.gallery_release_times(self.body), default=None)
        fields = kwargs.get("update_fields")
        index_wanted = fields is None or "index_page" in fields
        # Copies and translations get their own index; an importer may have set it.
        if self.path and self.depth > 1 and index_wanted and self.known_index() is None:
            parent = PressReleaseIndexPage.objects.filter(path=self.path[: -self.steplen])
            self.index_page_id = parent.values_list("pk", flat=True).first()
        super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        # Photos whose time has come are released as the page shows them (public_items).
        response = super().serve(request, *args, **kwargs)
        # Never cached past the next gallery release time: the "not yet" page must not outlive it.
        return page_cache.mark_cacheable(response, embargo.max_age(self.body))

    @property
    def preview_modes(self):
        return [
            ("", _("Editor's view (withheld photos with the embargo banner)")),
            ("public", _("As visitors see it now")),
            ("released", _("After every release time")),
        ]

    def serve_preview(self, request, mode_name):
        request.pressroom_preview_mode = mode_name
        response = super().serve_preview(request, mode_name)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response

    @property
    def embargo_summary(self) -> str:
        """For the admin listing: until when the release or its photos are withheld."""
        now = timezone.now()
        parts = []
        if self.go_live_at and self.go_live_at > now:
            parts.append(_("release until %(time)s") % {"time": local_text(self.go_live_at)})
        upcoming = embargo.next_release_at(self.body, now)
        if upcoming:
            parts.append(_("photos until %(time)s") % {"time": local_text(upcoming)})
        return "; ".join(parts) or "–"

    @cached_property
    def correction_list(self):
        return list(self.corrections.all())

    @property
    def date_modified(self):
        """The last correction's time, or the release date: what readers count as an update."""
        corrections = [correction.corrected_at for correction in self.correction_list]
        return max([self.release_date, *corrections])

    def get_sitemap_urls(self, request=None):
        if self.withdrawn_at:
            return []
        return [{"location": self.get_full_url(request), "lastmod": self.date_modified}]

    def get_canonical_url(self, request=None):
        """Where search engines should find this release: the original when this is a copy."""
        if self.is_syndicated_copy and safe_href(self.issuer_release_url):
            return safe_href(self.issuer_release_url)
        return self.get_full_url(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["canonical_url"] = self.get_canonical_url(request)
        context["pressroom_base"] = rules.base_template()
        if getattr(request, "is_preview", False) and rules.is_withheld(self.go_live_at):
            context["embargoed_until"] = self.go_live_at
        return context
