"""import_releases: what it understands, its safety, and that it never crashes."""

from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessibility.models import AuditRun
from announcements.importer import ImportProblem, parse_release, read_source
from announcements.models import Issuer, PressReleasePage

from .conftest import berlin
from .importing import FIXTURES, bind, run


def parsed(name):
    lines, _is_html = read_source((FIXTURES / name).read_bytes())
    return parse_release(lines)


def blocks_of(release, kind):
    return [value for block_type, value in release.blocks if block_type == kind]


def test_standard_release_in_the_usual_ministry_layout():
    release = parsed("01-standard.txt")
    assert release.title == "Neue Leitstelle für Cybersicherheit in Nürnberg eröffnet"
    assert release.release_date == berlin(2018, 7, 18, 0, 0)
    assert release.dateline == "München"
    assert release.lead.startswith("Die neue Leitstelle schützt ab sofort")
    assert "+++" not in release.lead
    assert [kind for kind, _value in release.blocks] == [
        "paragraph",
        "quote",
        "paragraph",
        "related_link",
    ]
    [quote] = blocks_of(release, "quote")
    assert quote["speaker"] == "Joachim Herrmann" and quote["role"] == "Innenminister"
    assert quote["text"].startswith("Wer unsere Verwaltung angreift")
    [link] = blocks_of(release, "related_link")
    assert link == {
        "text": "Näheres zur Leitstelle",
        "page": None,
        "url": "https://www.example.org/leitstelle",
    }
    text = " ".join(str(value) for _kind, value in release.blocks)
    assert "Sie befinden sich hier" not in text and "Impressum" not in text


def test_numeric_date_with_time_and_a_kicker_line():
    release = parsed("02-numeric-date.txt")
    assert release.title == "Staatsregierung beschließt Förderprogramm für Dorfläden"
    assert release.release_date == berlin(2019, 9, 3, 14, 30)
    assert release.dateline == "Nürnberg"
    assert not release.review_notes


@pytest.mark.parametrize("name", ["03-windows-1252.txt", "11-page-cp1252.html"])
def test_windows_1252_sources(name):
    release = parsed(name)
    assert "ü" in release.title
    assert release.title in (
        "Bürgerbüro in Würzburg öffnet länger",
        "Gebührenfreiheit für Kitas verlängert",
    )


def test_windows_1252_quote_with_role():
    [quote] = blocks_of(parsed("03-windows-1252.txt"), "quote")
    assert (quote["speaker"], quote["role"]) == ("Eva Groß", "Landrätin")


def test_missing_lead_takes_the_first_paragraph_and_says_so():
    release = parsed("04-missing-lead.txt")
    assert (
        release.lead == "Bürgerinnen und Bürger können bis Ende Juni an einer Umfrage teilnehmen."
    )
    assert any("erste Absatz wurde zum Vorspann" in note for note in release.review_notes)


def test_several_quotes_and_a_quote_in_running_text():
    release = parsed("06-several-quotes.txt")
    quotes = blocks_of(release, "quote")
    assert [(q["speaker"], q["role"]) for q in quotes] == [
        ("Herrmann", ""),
        ("Die Ministerin", ""),
        ("Max Muster", "Landrat"),
    ]
    assert quotes[1]["text"] == "Wir haben in einem Jahr 300 Dienste online gebracht"
    [paragraph] = blocks_of(release, "paragraph")
    assert "„Wir sind bereit“" in paragraph  # a quote inside a sentence stays in the paragraph


def test_english_release():
    release = parsed("07-english.txt")
    assert release.language == "en" and release.dateline == "Munich"
    assert release.release_date == berlin(2018, 7, 18, 0, 0)
    [quote] = blocks_of(release, "quote")
    assert (quote["speaker"], quote["role"]) == ("Anna Example", "Minister")
    [link] = blocks_of(release, "related_link")
    assert (
        link["text"] == "More information"
        and link["url"] == "https://www.example.org/en/cooperation"
    )


def test_a_future_photo_hint_becomes_a_withheld_gallery_to_fill():
    lines, _is_html = read_source((FIXTURES / "08-photo-hint.txt").read_bytes())
    release = parse_release(lines, now=berlin(2019, 9, 14, 9, 0))
    [gallery] = blocks_of(release, "image_gallery")
    assert gallery["release_at"] == berlin(2019, 9, 14, 18, 0)
    assert gallery["images"] == []
    assert any("Bilderhinweis" in note for note in release.review_notes)
    assert not any(
        "Bilder der Veranstaltung" in str(v) for k, v in release.blocks if k == "paragraph"
    )


def test_a_past_photo_hint_is_only_a_review_note():
    release = parsed("08-photo-hint.txt")  # 2019: the photos were due long ago
    assert not blocks_of(release, "image_gallery")
    assert any("vorbei" in note and "18:00" in note for note in release.review_notes)


def test_breadcrumb_and_footer_lines_are_dropped():
    release = parsed("09-breadcrumb-footer.txt")
    assert release.title == "Neuer Radweg zwischen Passau und Vilshofen"
    assert [value for _kind, value in release.blocks] == ["<p>Er verläuft entlang der Donau.</p>"]


def test_html_page_keeps_links_and_emphasis_but_no_script():
    release = parsed("10-page.html")
    assert release.title == "Schulen erhalten 10.000 neue Tablets"
    assert release.dateline == "Ingolstadt" and release.release_date == berlin(2023, 2, 7, 0, 0)
    everything = " ".join(str(value) for _kind, value in release.blocks) + release.lead
    assert '<a href="https://www.example.org/tablets">Förderportal</a>' in everything
    assert "<em>zentral</em>" in everything
    for forbidden in ("script", "onclick", "javascript:", "Eingeschleust", "steal", "Kontakt"):
        assert forbidden not in everything
    [quote] = blocks_of(release, "quote")
    assert (quote["speaker"], quote["role"]) == ("Dr. Maria Beispiel", "Kultusministerin")
    [link] = blocks_of(release, "related_link")
    assert link["text"] == "Näheres zum Programm"  # never the bare URL


def test_link_to_the_issuers_page():
    assert parsed("12-issuer-link.txt").issuer_release_url == (
        "https://www.example.org/presse/zustaendigkeiten"
    )


@pytest.mark.parametrize(
    "name, line, reason",
    [
        ("05-unclosed-lead.txt", 5, "nicht geschlossene Vorspann-Markierung"),
        ("13-no-date.txt", 1, "kein Datum"),
        ("14-empty.txt", 0, "leere Datei"),
        ("15-binary.txt", 0, "Binärdatei"),
        ("16-no-title.txt", 1, "kein Titel"),
        ("17-bad-encoding.txt", 5, "unlesbare Kodierung"),
    ],
)
def test_unusable_files_are_named_with_line_and_reason(name, line, reason):
    with pytest.raises(ImportProblem) as problem:
        parsed(name)
    assert problem.value.line == line and problem.value.reason.startswith(reason)


# The command


@pytest.fixture
def bound_index(press_index, issuer):
    return bind(press_index, issuer)


def good_files(tmp_path, *names):
    folder = tmp_path / "alt"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    return folder


def test_import_creates_drafts_and_is_idempotent(tmp_path, bound_index):
    folder = good_files(tmp_path, "01-standard.txt", "10-page.html")
    code, out, _err = run(folder, "--parent", bound_index.pk)
    assert code == 0 and "2 created" in out
    pages = PressReleasePage.objects.child_of(bound_index)
    assert pages.count() == 2 and not pages.filter(live=True).exists()
    code, out, _err = run(folder, "--parent", "/presse/")
    assert code == 0 and "2 unchanged" in out and pages.count() == 2
    (folder / "01-standard.txt").write_bytes(
        (FIXTURES / "01-standard.txt").read_bytes().replace(b"40 Fachleute", b"45 Fachleute")
    )
    code, out, _err = run(folder, "--parent", bound_index.pk)
    assert "1 updated" in out and "1 unchanged" in out and pages.count() == 2
    page = pages.get(legacy_source="alt/01-standard.txt")
    assert "45 Fachleute" in str(page.get_latest_revision_as_object().body)


def test_publish_makes_old_releases_live_and_keeps_future_photo_placeholders_as_drafts(
    tmp_path, bound_index, client
):
    folder = good_files(tmp_path, "02-numeric-date.txt", "08-photo-hint.txt")
    future = (FIXTURES / "08-photo-hint.txt").read_bytes().replace(b"2019", b"2099")
    (folder / "09-future-photos.txt").write_bytes(future)
    code, out, _err = run(folder, "--parent", bound_index.pk, "--publish")
    assert code == 0
    live = PressReleasePage.objects.get(legacy_source="alt/02-numeric-date.txt")
    assert live.live and client.get(live.url).status_code == 200
    assert f"created (live) {folder / '02-numeric-date.txt'}" in out
    old = PressReleasePage.objects.get(legacy_source="alt/08-photo-hint.txt")
    assert old.live and "Bilderhinweis" in old.import_review_note
    assert "Fotos der Veranstaltung" not in client.get(old.url).content.decode()
    draft = PressReleasePage.objects.get(legacy_source="alt/09-future-photos.txt")
    assert not draft.live and "Bilderhinweis" in draft.import_review_note
    assert f"created (draft: add the photos, then publish) {folder / '09-future-photos.txt'}" in out


def test_an_import_with_audit_on_publish_queues_one_run_with_each_page_once(
    tmp_path, bound_index, settings, django_capture_on_commit_callbacks
):
    settings.PRESSROOM_AUDIT_ON_PUBLISH = True
    folder = good_files(tmp_path, "01-standard.txt", "02-numeric-date.txt", "10-page.html")
    with django_capture_on_commit_callbacks(execute=True):
        code, _out, _err = run(folder, "--parent", bound_index.pk, "--publish")
    assert code == 0
    run_ = AuditRun.objects.get()  # one run, not one per release
    releases = PressReleasePage.objects.child_of(bound_index).live()
    addresses = list(run_.pages.values_list("url", flat=True))
    assert len(addresses) == len(set(addresses))  # the index and home page only once
    paths = {urlsplit(address).path for address in addresses}
    assert {release.url for release in releases} | {bound_index.url, "/"} <= paths
    assert {page.pk for page in releases} <= set(run_.pages.values_list("page_id", flat=True))
    assert run_.kind == AuditRun.PUBLISH and run_.options["task"]  # queued for the worker


def test_dry_run_writes_nothing(tmp_path, bound_index):
    folder = good_files(tmp_path, "01-standard.txt")
    code, out, _err = run(folder, "--parent", bound_index.pk, "--dry-run")
    assert code == 0 and "would import" in out
    assert not PressReleasePage.objects.exists()


def test_failures_are_listed_the_rest_is_imported_and_the_exit_is_non_zero(tmp_path, bound_index):
    folder = good_files(tmp_path, "01-standard.txt", "05-unclosed-lead.txt", "14-empty.txt")
    code, out, err = run(folder, "--parent", bound_index.pk)
    assert code == 1
    assert f"{folder / '05-unclosed-lead.txt'}:5: nicht geschlossene Vorspann-Markierung" in err
    assert f"{folder / '14-empty.txt'}:0: leere Datei" in err
    assert PressReleasePage.objects.count() == 1 and "1 created" in out


def test_unknown_parent_or_issuer_is_a_clear_error(tmp_path, press_index):
    folder = good_files(tmp_path, "01-standard.txt")
    assert "no press index" in run(folder, "--parent", "/gibt-es-nicht/")[2]
    assert "--issuer is needed" in run(folder, "--parent", press_index.pk)[2]


def test_another_issuer_than_the_index_names_is_refused_before_anything_is_imported(
    tmp_path, bound_index
):
    Issuer.objects.create(name="Staatskanzlei", short_name="StK", website="https://stk.example/")
    folder = good_files(tmp_path, "01-standard.txt")
    code, _out, err = run(folder, "--parent", bound_index.pk, "--issuer", "StK")
    assert code == 1
    assert "are issued by Staatsministerium für Tests (leave out --issuer)" in err
    assert not PressReleasePage.objects.exists()
    assert run(folder, "--parent", bound_index.pk, "--issuer", "StMT")[0] == 0  # the same one


# Property-based: never a traceback, and a failing file leaves the database unchanged

TOKENS = list('abcÄöüß „“»«"+.,:;-0123456789\n') + [
    "+++",
    "Juli",
    "2018",
    "München, ",
    "18. ",
    "18.07.2018",
    "<p>",
    "</p>",
    "<script>",
    "<a href='javascript:x()'>",
    "http://x.de/a",
    "erklärte",
    "Sie befinden sich hier:",
    "Bilder ab 18 Uhr",
    "finden Sie unter:",
    "\n\n",
]
TEXT = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(TOKENS), max_size=80).map("".join))


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_any_text_parses_or_fails_cleanly(text):
    try:
        lines, _is_html = read_source(text.encode("utf-8"))
        release = parse_release(lines, default_place="München")
    except ImportProblem as problem:
        assert problem.reason and problem.line >= 0
    else:
        assert release.title and release.lead and release.dateline
        kept = " ".join(str(value) for _kind, value in release.blocks)
        assert "<script" not in kept.lower()  # as text it is escaped: "&lt;script&gt;"
        assert 'href="javascript' not in kept.lower() and "href='javascript" not in kept.lower()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_parse_or_fail_cleanly(data):
    try:
        lines, _is_html = read_source(data)
        parse_release(lines, default_place="München")
    except ImportProblem as problem:
        assert problem.reason


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TEXT)
def test_a_failing_file_leaves_the_database_unchanged(tmp_path_factory, bound_index, text):
    folder = tmp_path_factory.mktemp("prop")
    (folder / "release.txt").write_text(text, encoding="utf-8")
    before = PressReleasePage.objects.count()
    code, _out, _err = run(
        folder / "release.txt", "--parent", bound_index.pk, "--default-place", "München"
    )
    after = PressReleasePage.objects.count()
    assert after == before + (1 if code == 0 else 0)
    PressReleasePage.objects.filter(legacy_source="release.txt").delete()
