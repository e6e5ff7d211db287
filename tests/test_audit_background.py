"""Audit on publish: queued by publishing, run by the real worker process against a real server,
the state in the page listing, the admin message and the mail to the editor who published."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accessibility.models import AuditRun
from announcements.models import PressReleasePage
from tests.mail_server import SmtpServer, run_worker

EMPTY_LINK = '<p>Alle Zahlen stehen <a href="https://example.org/zahlen"></a> hier.</p>'


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "redakteurin", "redaktion@example.org", "geheim-genug"
    )


@pytest.fixture
def audit_on_publish(settings, live_server):
    settings.PRESSROOM_AUDIT_ON_PUBLISH = True
    settings.PRESSROOM_AUDIT_BASE_URL = live_server.url + "/"
    return live_server


def publish(press_index, issuer, user, body=(), **fields):
    release = PressReleasePage(
        title=fields.pop("title", "Zahlen zum Haushalt"),
        slug=fields.pop("slug", "haushalt"),
        dateline="München",
        lead=fields.pop("lead", "Die Zahlen des Jahres."),
        issuer=issuer,
        release_date=fields.pop("release_date", timezone.now()),
        body=list(body),
        **fields,
    )
    press_index.add_child(instance=release)
    release.save_revision(user=user).publish(user=user)
    return PressReleasePage.objects.get(pk=release.pk)


def listing(client, index):
    return client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_queues_an_audit_the_worker_runs_and_the_editor_hears_of(
    client, audit_on_publish, press_index, issuer, editor
):
    client.force_login(editor)
    release = publish(
        press_index, issuer, editor, body=[("paragraph", EMPTY_LINK)], lead="Zahlen & Fakten."
    )

    run = AuditRun.objects.get(kind=AuditRun.PUBLISH, page=release)
    assert run.requested_by == editor
    base = audit_on_publish.url
    planned = sorted(run.pages.values_list("url", flat=True))
    feeds = [f"{base}/presse/feed/rss/", f"{base}/presse/feed/atom/"]  # from announcements' hook
    assert planned == sorted([f"{base}/", f"{base}/presse/", f"{base}/presse/haushalt/", *feeds])
    assert "Barrierefreiheit: Prüfung läuft" in listing(client, press_index)  # German admin

    with SmtpServer() as smtp:
        run_worker(smtp.port)
        messages = smtp.recorder.messages

    run.refresh_from_db()
    assert run.finished_at is not None
    assert run.pages.filter(audited_at__isnull=True).count() == 0
    release_page = run.pages.get(page=release)
    rules = set(release_page.findings.values_list("engine", "rule_id"))
    assert ("axe", "link-name") in rules  # both engines ran on the public page
    assert {engine for engine, _rule in rules} == {"axe", "static"}
    # The feeds: audited as a feed reader shows them (no browser), the entry's “&” as text.
    for feed in run.pages.filter(url__in=feeds):
        assert feed.engines == "static" and feed.page is None
        assert list(feed.findings.values_list("rule_id", flat=True)) == []

    # The next admin page tells the editor, once; the listing shows the page's state.
    first = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Barrierefreiheitsprüfung von „Zahlen zum Haushalt“" in first
    assert f"?run={run.pk}" in first
    again = listing(client, press_index)
    assert "Barrierefreiheitsprüfung von „Zahlen zum Haushalt“" not in again
    count = release_page.findings.exclude(impact="review").count()
    assert f"Barrierefreiheit: {count} Befunde" in again

    # A serious finding: a mail to the editor who published, pointing to the findings.
    assert [m["To"] for m in messages] == ["redaktion@example.org"]
    text = messages[0].get_body(("plain",)).get_content()
    assert "schwerwiegend oder kritisch" in text and f"?run={run.pk}" in text

    report = client.get(reverse("pressroom_accessibility_report") + f"?run={run.pk}")
    assert "link-name" in report.content.decode()


@pytest.mark.django_db
def test_publishing_for_later_queues_nothing_until_the_page_is_live(
    settings, press_index, issuer, editor, django_capture_on_commit_callbacks
):
    settings.PRESSROOM_AUDIT_ON_PUBLISH = True
    later = timezone.now() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        release = publish(press_index, issuer, editor, go_live_at=later, release_date=later)
    assert not AuditRun.objects.exists()
    release.go_live_at = None  # the editor publishes now after all
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision(user=editor).publish(user=editor)
    assert AuditRun.objects.get().page_id == release.pk


@pytest.mark.django_db
def test_statement_and_report_speak_of_the_newest_complete_site_run(client, make_release):
    from accessibility.findings import AuditResult, Finding
    from accessibility.results import latest_run
    from accessibility.runner import Target
    from accessibility.runs import plan, store_page
    from legal_pages.audit_summary import audit_summary

    release = make_release()
    finding = Finding("axe", "image-alt", "critical", "1.1.1", "img", "Images need alt text")
    targets = [Target(url="http://site/a/", page=release), Target(url="http://site/b/")]
    complete = plan(targets, engines=["axe"], profile="wcag", target="site", kind=AuditRun.SITE)
    for page in complete.pages.all():
        store_page(page.pk, [AuditResult(page.url, "axe", [finding])])
    complete.finished_at = timezone.now()
    complete.save()
    # Newer: a run on publish (three pages only) and a nightly run killed half-way.
    on_publish = plan(targets[:1], engines=["axe"], profile="wcag", target="p", kind="publish")
    store_page(on_publish.pages.get().pk, [AuditResult("http://site/a/", "axe")])
    on_publish.finished_at = timezone.now()
    on_publish.save()
    killed = plan(targets, engines=["axe"], profile="wcag", target="site", kind=AuditRun.SITE)
    store_page(killed.pages.first().pk, [AuditResult("http://site/a/", "axe")])

    assert latest_run() == complete
    summary = audit_summary()
    assert summary.pages == 2 and [p.criterion for p in summary.problems] == ["1.1.1"]


def finished_run(pages_and_findings, kind=AuditRun.SITE):
    """A complete run: {url: [Finding, …]} stored page by page."""
    from accessibility.findings import AuditResult
    from accessibility.runner import Target
    from accessibility.runs import plan, store_page

    targets = [Target(url=url) for url in pages_and_findings]
    run = plan(targets, engines=["axe"], profile="wcag", target="site", kind=kind)
    for page in run.pages.all():
        store_page(page.pk, [AuditResult(page.url, "axe", pages_and_findings[page.url])])
    run.finished_at = timezone.now()
    run.save()
    return run


@pytest.mark.django_db
def test_trend_report_tables_and_new_and_fixed_findings(admin_client, static_audit):
    from bs4 import BeautifulSoup

    from accessibility.findings import Finding

    alt = Finding("axe", "image-alt", "critical", "1.1.1", "main > img", "Images need alt text")
    link = Finding("axe", "link-name", "serious", "2.4.4", "main > a", "Links need text")
    contrast = Finding("axe", "color-contrast", "serious", "1.4.3", "p", "Too little contrast")
    # The same site served at two local ports: pages are compared by their path.
    finished_run({"http://127.0.0.1:1111/a/": [alt, link], "http://127.0.0.1:1111/b/": []})
    finished_run({"http://127.0.0.1:2222/a/": [link], "http://127.0.0.1:2222/b/": [contrast]})
    finished_run({"http://127.0.0.1:3/a/": []}, kind=AuditRun.PUBLISH)  # not in the trend

    response = admin_client.get(reverse("pressroom_accessibility_trend"))
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    impacts, rules, changed = soup.find_all("table", class_="listing")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in impacts.tbody.find_all("tr")
    ]
    # review, minor, moderate, serious, critical, total
    assert rows == [["0", "0", "0", "1", "1", "2"], ["0", "0", "0", "2", "0", "2"]]
    assert [th.get_text(strip=True) for th in rules.thead.find_all("th")][1:] == [
        "link-name",
        "image-alt",
        "color-contrast",
    ]
    by_page = {
        row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for row in changed.tbody.find_all("tr")
    }
    assert by_page == {
        "http://127.0.0.1:1111/a/": ["–", "image-alt (critical) main > img"],
        "http://127.0.0.1:2222/b/": ["color-contrast (serious) p", "–"],
    }
    assert soup.find("svg")["aria-hidden"] == "true"  # the tables are the accessible version
    assert static_audit(html).findings == []


BROKEN_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Presse</title><link>https://example.org/</link>
<description>Mitteilungen</description>
<item><title>Zahlen &amp;amp;amp; Fakten</title>
<description>&lt;p&gt;Alle Zahlen &lt;a href="/zahlen"&gt;&lt;/a&gt;
&lt;img src="k.png"&gt;&lt;/p&gt;</description>
</item>
<item><title> </title><description>Ohne Titel.</description></item>
</channel></rss>"""


def test_feed_audit_reads_a_feed_as_a_feed_reader_shows_it():
    from accessibility.feed_audit import audit_feed

    findings = audit_feed(BROKEN_RSS.encode(), "https://example.org/feed/rss/").findings
    first = "rss > channel > item:nth-of-type(1)"
    assert sorted((f.rule_id, f.selector) for f in findings) == [
        ("feed-entry-title", "rss > channel > item:nth-of-type(2)"),
        ("feed-escaped-text", first),  # "&amp;" shown as text: escaped twice
        ("feed-language", "rss"),
        ("img-alt", f"{first} → p > img"),  # the entry's HTML, audited by the static rules
        ("link-name", f"{first} → p > a"),
    ]
    assert [f.rule_id for f in audit_feed(b"<feed><entry>", "x").findings] == ["feed-well-formed"]


def test_the_feed_of_an_index_passes_the_feed_audit(client, make_release):
    from accessibility.feed_audit import audit_feed, is_feed

    make_release(title="Zahlen & Fakten <2026>", lead="Mehr als 5 < 6 & 7 > 3.")
    for name in ("rss", "atom"):
        response = client.get(f"/presse/feed/{name}/")
        assert is_feed(response["Content-Type"], response.content)
        assert audit_feed(response.content).findings == []


@pytest.mark.django_db
def test_abandoned_runs_are_queued_again_once_and_waiting_or_living_ones_not(
    django_capture_on_commit_callbacks,
):
    from accessibility.runner import Target
    from accessibility.runs import plan
    from accessibility.tasks import queue_run, resume_abandoned

    def new_run(heartbeat):
        run = plan([Target(url="http://site/a/")], engines=["axe"], profile="wcag", target="s")
        AuditRun.objects.filter(pk=run.pk).update(heartbeat_at=heartbeat)
        return run

    now = timezone.now()
    dead = new_run(now - dt.timedelta(seconds=901))  # its process stopped 15 min ago
    alive = new_run(now - dt.timedelta(seconds=60))  # stored a page a minute ago
    queued = new_run(now - dt.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):  # the backport queues on commit
        queue_run(queued)  # waiting for a busy worker, however long
    finished = new_run(now - dt.timedelta(hours=2))
    AuditRun.objects.filter(pk=finished.pk).update(finished_at=now)

    with django_capture_on_commit_callbacks(execute=True):
        assert resume_abandoned(now) == [dead.pk]
    assert resume_abandoned(now + dt.timedelta(seconds=1)) == []  # queued now: not twice
    dead.refresh_from_db()
    assert dead.options["resumes"] == 1 and dead.options["task"]
    assert resume_abandoned(now + dt.timedelta(seconds=1), stale_after=0) == [alive.pk]
