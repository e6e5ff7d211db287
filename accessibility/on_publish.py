"""Audit on publish: Wagtail's page_published (any page type, also from publish_scheduled)
writes down a run of the page and the pages its publication changes, and queues it for the
background worker. The editor who published hears of the result (admin message, mail)."""

from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urljoin

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Site
from wagtail.signals import page_published

from . import conf
from .findings import IMPACTS, REVIEW
from .models import AuditFinding, AuditRun
from .registry import PRESSROOM
from .runner import Target
from .runs import plan

ENGINES = ["static", "axe"]
PENDING, CLEAN = "pending", "clean"


def address(page) -> str | None:
    """Where the worker reaches the page: PRESSROOM_AUDIT_BASE_URL, else the page's own URL."""
    parts = page.get_url_parts()
    if not parts or not parts[2]:
        return None
    return address_of_path(parts[2], parts[1])


def address_of_path(path: str, root_url: str) -> str:
    base = conf.get("PRESSROOM_AUDIT_BASE_URL")
    return urljoin(base, path.lstrip("/")) if base else urljoin(root_url, path)


def changed_pages(page, site_id, known=None) -> list:
    """The page, its parent (an index lists it first) and the site's home page, plus what the
    hook `pressroom_audit_on_publish_pages` adds: hook(page) -> pages, or the addresses of other
    documents the publication changes (a path on the page's site or a full URL), e.g. feeds.
    `known`: page id → specific page, parent path → parent and site id → home page, shared by
    the pages of one run (their common parent and home page are looked up once). `site_id`:
    the page's site (`get_url_parts()[0]`; None for a page without a URL)."""
    known = {} if known is None else known
    parent_path = page.path[: -page.steplen]  # siblings of one run share their parent
    if parent_path not in known:
        known[parent_path] = page.get_parent()
    home_key = ("home", site_id)
    if home_key not in known:
        sites = Site.objects.select_related("root_page").filter(pk=site_id)
        site = sites.first() if site_id is not None else None  # None: the page has no URL
        known[home_key] = site.root_page if site is not None else None
    pages = [page, known[parent_path], known[home_key]]
    for hook in hooks.get_hooks("pressroom_audit_on_publish_pages"):
        pages.extend(hook(page))
    changed = []
    for p in pages:
        if isinstance(p, str):
            changed.append(p)
        elif p is not None and p.depth > 1 and p.live:
            if p.pk not in known:
                known[p.pk] = p.specific
            changed.append(known[p.pk])
    return changed


def publish_targets(page, known=None) -> list[Target]:
    targets, seen = [], set()
    site_id, root_url, _path = page.get_url_parts() or (None, "", None)
    for changed in changed_pages(page, site_id, known):
        if isinstance(changed, str):
            url, changed = address_of_path(changed, root_url), None
        else:
            url = address(changed)
        if url and url not in seen:
            seen.add(url)
            targets.append(Target(url=url, page=changed))
    return targets


def queue_audit_of(published) -> AuditRun | None:
    """One run over what the publication of each (page, user) changed, each address once."""
    from .tasks import queue_run

    known = {}
    targets = [target for page, _user in published for target in publish_targets(page, known)]
    if not targets:
        return None
    page = published[0][0] if len(published) == 1 else None
    with transaction.atomic():  # the database queue: run and task together, or neither
        run = plan(
            targets,
            engines=ENGINES,
            profile=PRESSROOM,
            target=targets[0].url,
            kind=AuditRun.PUBLISH,
            page=page,
            requested_by=published[0][1],
        )
        queue_run(run)
    return run


_BATCH = ContextVar("pressroom_audit_on_publish_batch", default=None)


@contextmanager
def one_run():
    """Pages published inside are audited as one run when it ends (those whose transaction
    committed). An import publishing 1,000 releases queues one run that audits the index, the
    home page and the feeds once, not 1,000 runs that audit them 1,000 times."""
    batch = []
    token = _BATCH.set(batch)
    try:
        yield
    finally:
        _BATCH.reset(token)
        # After the pages' own commit callbacks (run in order), which fill the batch.
        transaction.on_commit(lambda: batch and queue_audit_of(batch))


def audit_published_page(sender, instance, revision=None, **kwargs):
    if not conf.get("PRESSROOM_AUDIT_ON_PUBLISH") or not instance.live:
        return  # e.g. publishing scheduled for later: the page is not public yet
    user, batch = getattr(revision, "user", None), _BATCH.get()
    if batch is not None:
        transaction.on_commit(lambda: batch.append((instance, user)))
    else:
        transaction.on_commit(lambda: queue_audit_of([(instance, user)]))


def connect():
    page_published.connect(audit_published_page, dispatch_uid="pressroom-audit-on-publish")


def problem_findings(run):
    return AuditFinding.objects.filter(audited_page__run=run).exclude(impact=REVIEW)


def state_of(page) -> tuple[str, int, AuditRun | None]:
    """The page's accessibility state from its newest audit: (pending | clean | findings, n,
    run). ("", 0, None) for a page never audited."""
    audited = page_audits(page).select_related("run").first()
    if audited is None:
        return "", 0, None
    if audited.audited_at is None:
        return PENDING, 0, audited.run
    count = audited.findings.exclude(impact=REVIEW).count()
    return (CLEAN if count == 0 else "findings"), count, audited.run


def page_audits(page):
    from .models import AuditedPage

    return AuditedPage.objects.filter(page_id=page.pk).order_by("-run__started_at", "-pk")


def state_label(state, count) -> str:
    if state == PENDING:
        return _("Accessibility: audit pending")
    if state == CLEAN:
        return _("Accessibility: no findings")
    return ngettext(
        "Accessibility: %(count)d finding", "Accessibility: %(count)d findings", count
    ) % {"count": count}


def report_url(run) -> str:
    return reverse("pressroom_accessibility_report") + f"?run={run.pk}"


def serious(run) -> int:
    worst = IMPACTS[IMPACTS.index(conf.get("PRESSROOM_AUDIT_MAIL_IMPACT")) :]
    return problem_findings(run).filter(impact__in=worst).count()


def summary(run) -> str:
    count = problem_findings(run).count()
    title = run.page.get_admin_display_title() if run.page else run.target
    if not count:
        return _("Accessibility audit of “%(title)s”: no findings on %(pages)d pages.") % {
            "title": title,
            "pages": run.pages.count(),
        }
    return ngettext(
        "Accessibility audit of “%(title)s”: %(count)d finding, %(serious)d of them serious "
        "or worse.",
        "Accessibility audit of “%(title)s”: %(count)d findings, %(serious)d of them serious "
        "or worse.",
        count,
    ) % {"title": title, "count": count, "serious": serious(run)}


def user_language(user) -> str | None:
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).get_preferred_language()


def mail_editor(run, admin_url: str) -> bool:
    """A mail to the editor who published, when a finding is serious or worse."""
    user = run.requested_by
    if user is None or not user.email or not serious(run):
        return False
    with translation.override(user_language(user)):
        body = "\n\n".join([summary(run), _("The findings: %(url)s") % {"url": admin_url}])
        send_mail(_("Accessibility problems after publishing"), body, None, [user.email])
    return True
