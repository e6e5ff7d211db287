"""The two Python steps of scripts/host-site-check, run in a fresh `wagtail start mysite` site.

python host_site.py setup SITE_DIR DOCS   # apply docs/install.md: settings and base.html
python host_site.py editor PATHS_FILE     # in SITE_DIR with DJANGO_SETTINGS_MODULE set: an
                                          # editor's work through the admin forms; writes
                                          # the paths of the new pages to PATHS_FILE
"""

import sys
from pathlib import Path

MARK_SETTINGS = "<!-- host-settings -->\n```python\n"
MARK_TEMPLATE = "<!-- host-base-template -->\n```html\n"
PASSWORD = "host-site-check-password"


def blocks_after(text: str, mark: str) -> list[str]:
    return [part.split("\n```", 1)[0] for part in text.split(mark)[1:]]


def code_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))


def setup(site: Path, docs: Path):
    """What a site developer does by hand, following docs/install.md literally."""
    text = docs.read_text(encoding="utf-8")
    settings = "\n\n".join(blocks_after(text, MARK_SETTINGS))
    settings_file = site / "mysite" / "settings" / "base.py"
    settings_file.write_text(settings_file.read_text() + "\n\n" + settings + "\n")
    [template] = blocks_after(text, MARK_TEMPLATE)
    base = site / "mysite" / "templates" / "base.html"
    before = base.read_text().splitlines()
    base.write_text(template + "\n")
    # The welcome screen brings its own <main>; its own comment says to delete the include.
    home = site / "home" / "templates" / "home" / "home_page.html"
    home.write_text(home.read_text().replace("{% include 'home/welcome_page.html' %}", ""))
    changed = [line for line in template.splitlines() if line not in before]
    print(f"settings appended: {code_lines(settings)} lines of code ({settings_file})")
    print(f"base.html: {len(changed)} lines changed or added to the one of `wagtail start`")
    for line in changed:
        print("   +", line.strip())


def editor():
    """Log in, create an issuer, an index, a release, an Impressum and the footer links, all
    through the admin's forms; then read the release as a visitor."""
    import django

    sys.path.insert(0, str(Path.cwd()))  # the site's packages, as manage.py has them
    django.setup()
    from bs4 import BeautifulSoup
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import Page, Site
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    from announcements.models import Issuer

    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    client = Client()
    login = client.post(reverse("wagtailadmin_login"), {"username": "editor", "password": PASSWORD})
    assert login.status_code == 302, "login failed"
    site = Site.objects.get(is_default_site=True)

    def post(url, data, what):
        response = client.post(url, nested_form_data(data))
        if response.status_code != 302:
            errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
            raise SystemExit(f"{what}: the form said {[e.get_text(' ', True) for e in errors]}")
        print(f"created through the admin form: {what}")

    def add_page(parent, model, fields, what):
        url = reverse("wagtailadmin_pages:add", args=(*model.split("."), parent.pk))
        post(url, {**fields, "comments": inline_formset([]), "action-publish": "publish"}, what)
        return Page.objects.get(slug=fields["slug"]).specific

    issuer_url = reverse("wagtailsnippets_pressroom_announcements_issuer:add")
    issuer = {
        "name": "Staatsministerium für Beispiele",
        "short_name": "StMB",
        "website": "https://www.example.org/",
        "logo": "",
        "press_contact_name": "Pressestelle",
        "press_contact_phone": "+49 89 1234-0",
        "press_contact_email": "presse@example.org",
    }
    post(issuer_url, issuer, "issuer")
    issuer_pk = Issuer.objects.get(short_name="StMB").pk
    index = add_page(
        site.root_page,
        "pressroom_announcements.pressreleaseindexpage",
        {"title": "Pressemitteilungen", "slug": "presse", "intro": "", "issuer": ""},
        "press release index",
    )
    quote = {"text": "Welcome!", "speaker": "Anna Beispiel", "role": "Ministerin", "language": "en"}
    release = add_page(
        index,
        "pressroom_announcements.pressreleasepage",
        {
            "title": "Ministerin eröffnet Bürgerbüro",
            "slug": "buergerbuero",
            "release_date": "2026-03-28 10:00",
            "dateline": "Regensburg",
            "issuer": issuer_pk,
            "lead": "Das neue Bürgerbüro ist ab Montag geöffnet.",
            "body": streamfield(
                [("paragraph", rich_text("<p>Montag bis Freitag.</p>")), ("quote", quote)]
            ),
            "issuer_release_url": "",
            "corrections": inline_formset([]),
        },
        "press release",
    )
    impressum = add_page(
        site.root_page,
        "pressroom_legal_pages.impressumpage",
        {
            "title": "Impressum",
            "slug": "impressum",
            "body_name": "Staatsministerium für Beispiele",
            "represented_by": "Staatsministerin Dr. Anna Beispiel",
            "postal_address": "Beispielstraße 1\n80333 München",
            "email": "poststelle@example.org",
            "phone": "+49 89 1234-0",
            "vat_id": "",
            "supervisory_authority": "Staatsregierung\n80539 München",
            "content_responsible_name": "Katrin Vorbild",
            "content_responsible_address": "Beispielstraße 1\n80333 München",
            "additional_information": rich_text(""),
        },
        "Impressum",
    )
    links = reverse("wagtailsettings:edit", args=("pressroom_legal_pages", "legallinks", site.pk))
    fields = ["privacy_page", "accessibility_page", "easy_language_page", "sign_language_page"]
    post(
        links,
        {"legal_notice_page": impressum.pk, "contact_page": "", **dict.fromkeys(fields, "")},
        "footer links",
    )

    page = BeautifulSoup(Client().get(release.url).content, "html.parser")
    stylesheets = [link["href"] for link in page.select("head link[rel=stylesheet]")]
    footer = [(a.get_text(), a["href"]) for a in page.select("footer .legal-links a")]
    print(f"release {release.url}: stylesheets {stylesheets}, footer links {footer}")
    assert any("mysite" in href for href in stylesheets), "not in the host's base template"
    assert any("pressroom" in href for href in stylesheets), "{% pressroom_styles %} missing"
    assert page.select_one("main#main h1").get_text() == release.title
    assert [href for _text, href in footer] == [impressum.url], "{% legal_footer %} missing"
    Path(sys.argv[2]).write_text("\n".join([index.url, release.url, impressum.url]) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        editor()
