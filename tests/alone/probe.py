"""Run under one tests.alone settings module: migrate, use the app, report what happened as JSON.

    PRESSROOM_ALONE_APP=legal_pages PRESSROOM_ALONE_DB=… PRESSROOM_ALONE_MEDIA=… \\
        DJANGO_SETTINGS_MODULE=tests.alone.base python -m tests.alone.probe
"""

import datetime as dt
import json
import sys
from pathlib import Path

import django

OURS = {"announcements", "accessibility", "legal_pages"}
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def page_report(client, url):
    from bs4 import BeautifulSoup

    response = client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        "status": response.status_code,
        "h1": soup.h1.get_text(strip=True) if soup.h1 else None,
        "footer_links": [a.get_text(strip=True) for a in soup.select("footer .legal-links a")],
        "feed_links": [a.get_text(strip=True) for a in soup.select(".feeds a")],
    }


def use_announcements(home, client):
    from django.utils import timezone

    from announcements.models import Issuer, PressReleaseIndexPage, PressReleasePage

    index = home.add_child(instance=PressReleaseIndexPage(title="Presse", slug="presse"))
    issuer = Issuer.objects.create(name="Amt", short_name="A", press_contact_email="p@example.org")
    release = PressReleasePage(
        title="Allein installiert",
        slug="allein",
        release_date=timezone.make_aware(dt.datetime(2026, 3, 28, 10)),
        dateline="München",
        lead="Nur eine App.",
        issuer=issuer,
    )
    index.add_child(instance=release)
    release.save_revision().publish()
    return {url: page_report(client, url) for url in (index.url, release.url)}


def use_legal_pages(home, client):
    from legal_pages.models import ImpressumPage, LegalLinks
    from tests.legal import IMPRESSUM

    impressum = home.add_child(instance=ImpressumPage(**IMPRESSUM))
    impressum.save_revision().publish()
    links = LegalLinks.for_site(home.get_site())
    links.legal_notice_page = impressum
    links.save()
    return {impressum.url: page_report(client, impressum.url)}


def use_accessibility(home, client):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.urls import reverse

    from accessibility.results import run_summary

    bad = str(FIXTURES / "known_bad.html")
    call_command("audit_accessibility", bad, engine="static", fail_on="never", stdout=sys.stderr)
    summary = run_summary()
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    client.force_login(admin)
    report = client.get(reverse("pressroom_accessibility_report"))
    return {
        "stored_pages": summary.pages,
        "criteria": sorted(summary.pages_by_criterion),
        "admin_report_status": report.status_code,
    }


def main():
    django.setup()
    from django.conf import settings
    from django.core import checks
    from django.core.management import call_command
    from django.test import Client
    from wagtail.models import Site

    call_command("migrate", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    app = settings.INSTALLED_APPS[0]
    used = globals()[f"use_{app}"](home, Client())
    messages = checks.run_checks()
    errors = [m.id for m in messages if m.level >= checks.ERROR]
    loaded = {name.split(".")[0] for name in sys.modules} & OURS
    json.dump(
        {
            "app": app,
            "used": used,
            "checks": sorted(m.id for m in messages if m.id),
            "errors": errors,
            "loaded": sorted(loaded),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
