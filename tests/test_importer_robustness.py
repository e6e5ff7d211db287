"""import_releases against hostile and broken input, re-imports over editors' changes, and the
cost of one import: each limit is a `file:line: reason`, the next file is still imported."""

import pytest
from django.db.models.signals import post_save
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from announcements.importer import ImportProblem, parse_release, read_source
from announcements.models import PressReleasePage

from .importing import FIXTURES, bind, run

GOOD = (FIXTURES / "01-standard.txt").read_bytes()


@pytest.fixture
def bound_index(press_index, issuer):
    return bind(press_index, issuer)


def folder_with(tmp_path, files):
    folder = tmp_path / "alt"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def deep_html(depth):
    return (
        "<html><body><main>" + "<div>" * depth + "<h1>Titel</h1><p>München, 18.07.2018</p>"
        "<p>+++ Vorspann. +++</p>" + "</div>" * depth + "</main></body></html>"
    ).encode()


def test_deep_nesting_is_refused_and_the_next_file_is_imported(tmp_path, bound_index):
    folder = folder_with(tmp_path, {"a-deep.html": deep_html(990), "b-good.txt": GOOD})
    code, out, err = run(folder, "--parent", bound_index.pk)
    assert code == 1
    assert f"{folder / 'a-deep.html'}:1: HTML tiefer als 100 Elemente verschachtelt" in err
    assert "1 created" in out
    assert PressReleasePage.objects.get().title.startswith("Neue Leitstelle")


def test_nesting_as_deep_as_real_pages_is_read(tmp_path, bound_index):
    folder = folder_with(tmp_path, {"word.html": deep_html(60)})
    code, out, _err = run(folder, "--parent", bound_index.pk, "--default-place", "Bonn")
    assert code == 0 and "1 created" in out


def test_a_file_above_the_size_limit_is_not_even_read(tmp_path, bound_index):
    big = GOOD + b"\n\n" + b"Ein langer Absatz. " * 60_000  # 1.1 MB
    folder = folder_with(
        tmp_path, {"big.txt": big, "good.txt": GOOD.replace(b"Leitstelle", b"Stelle")}
    )
    code, out, err = run(folder, "--parent", bound_index.pk, "--max-size", "1")
    assert code == 1 and "1 created" in out
    assert f"{folder / 'big.txt'}:0: Datei zu groß: 1.1 MB (Grenze: --max-size 1.0 MB)" in err


def test_a_file_that_takes_too_long_is_stopped_with_its_line(tmp_path, bound_index):
    folder = folder_with(tmp_path, {"slow.txt": GOOD})
    code, _out, err = run(folder, "--parent", bound_index.pk, "--max-seconds", "0")
    assert code == 1
    assert f"{folder / 'slow.txt'}:" in err and "dauerte länger als 0.0 s" in err
    assert not PressReleasePage.objects.exists()


def test_a_text_longer_than_any_release_is_refused_at_its_paragraph(tmp_path, bound_index):
    paragraphs = b"\n\n".join(b"Absatz %d. " % n + b"Wort " * 2_000 for n in range(25))
    folder = folder_with(tmp_path, {"long.txt": GOOD + b"\n\n" + paragraphs})
    code, _out, err = run(folder, "--parent", bound_index.pk)
    assert code == 1 and "Text länger als 200000 Zeichen" in err
    line = int(err.split(f"{folder / 'long.txt'}:")[1].split(":")[0])
    assert line > 17  # the paragraph that crossed the limit, not the file


def test_a_huge_paragraph_with_many_photo_words_is_read_as_a_paragraph(tmp_path, bound_index):
    # Before: the photo-hint pattern took 64 s on such a paragraph (quadratic backtracking).
    huge = GOOD + b"\n\n" + b"Bilder und Fotos ab und zu " * 6_000
    folder = folder_with(tmp_path, {"huge.txt": huge})
    code, out, _err = run(folder, "--parent", bound_index.pk)
    assert code == 0 and "1 created" in out
    body = PressReleasePage.objects.get().get_latest_revision_as_object().body
    assert [block.block_type for block in body][-1] == "paragraph"


def test_text_before_the_lead_marker_is_kept_and_noted(tmp_path, bound_index):
    text = GOOD.replace(b"+++ Die neue", b"Nr. 123/2018 +++ Die neue")
    folder = folder_with(tmp_path, {"lead.txt": text})
    assert run(folder, "--parent", bound_index.pk)[0] == 0
    page = PressReleasePage.objects.get()
    assert page.lead.startswith("Die neue Leitstelle")
    assert "<p>Nr. 123/2018</p>" in str(page.get_latest_revision_as_object().body)
    assert "Text vor der Vorspann-Markierung" in page.import_review_note


def edit_as_editor(page, user, text):
    page = page.get_latest_revision_as_object()
    page.lead = text
    page.save_revision(user=user).publish(user=user)


def changed(data):
    return data.replace(b"40 Fachleute", b"45 Fachleute")


def test_reimport_never_overwrites_an_editors_change(tmp_path, bound_index, admin_user, client):
    folder = folder_with(tmp_path, {"release.txt": GOOD})
    assert run(folder, "--parent", bound_index.pk, "--publish")[0] == 0
    page = PressReleasePage.objects.get()
    edit_as_editor(page, admin_user, "Von der Redaktion korrigierter Vorspann.")
    (folder / "release.txt").write_bytes(changed(GOOD))
    code, out, _err = run(folder, "--parent", bound_index.pk, "--publish")
    assert code == 0 and f"skipped (edited) (live) {folder / 'release.txt'}" in out
    page.refresh_from_db()
    assert page.lead == "Von der Redaktion korrigierter Vorspann."
    assert "45 Fachleute" not in str(page.get_latest_revision_as_object().body)
    assert "korrigierter Vorspann" in client.get(page.url).content.decode()


def test_reimport_over_an_editors_change_as_a_draft_revision(tmp_path, bound_index, admin_user):
    folder = folder_with(tmp_path, {"release.txt": GOOD})
    assert run(folder, "--parent", bound_index.pk, "--publish")[0] == 0
    page = PressReleasePage.objects.get()
    edit_as_editor(page, admin_user, "Von der Redaktion korrigierter Vorspann.")
    (folder / "release.txt").write_bytes(changed(GOOD))
    code, out, _err = run(
        folder, "--parent", bound_index.pk, "--publish", "--keep-edits", "revision"
    )
    assert code == 0 and f"draft revision (edited) (live) {folder / 'release.txt'}" in out
    page.refresh_from_db()
    assert page.lead == "Von der Redaktion korrigierter Vorspann."  # live: the editor's version
    assert page.has_unpublished_changes
    assert "45 Fachleute" in str(page.get_latest_revision_as_object().body)
    editor_revision = page.revisions.order_by("-created_at")[1]
    assert editor_revision.user == admin_user  # kept, one step back in the history


def test_an_unedited_release_is_updated_in_place(tmp_path, bound_index):
    folder = folder_with(tmp_path, {"release.txt": GOOD})
    assert run(folder, "--parent", bound_index.pk, "--publish")[0] == 0
    (folder / "release.txt").write_bytes(changed(GOOD))
    code, out, _err = run(folder, "--parent", bound_index.pk, "--publish")
    assert code == 0 and f"updated (live) {folder / 'release.txt'}" in out
    page = PressReleasePage.objects.get()
    assert "45 Fachleute" in str(page.body) and not page.has_unpublished_changes


def test_a_lead_longer_than_the_field_is_shortened_and_kept_whole_in_the_body(
    tmp_path, bound_index
):
    words = "Die neue Leitstelle " + "arbeitet sehr gründlich und " * 30
    long_lead = GOOD.replace(b"Die neue Leitstelle", words.encode())
    folder = folder_with(tmp_path, {"long.txt": long_lead})
    code, out, _err = run(folder, "--parent", bound_index.pk, "--publish")
    assert code == 0 and "1 created" in out
    page = PressReleasePage.objects.get()
    assert len(page.lead) <= 600 and page.lead.endswith(" sehr…")  # cut after a whole word
    assert words.startswith(page.lead.removesuffix("…") + " ")
    first = page.body[0]
    assert first.block_type == "paragraph" and words + "schützt ab sofort" in str(first.value)
    assert "(600): Er wurde gekürzt, und der ganze Text ist der erste Absatz" in (
        page.import_review_note
    )  # the review note, in the site's language (LANGUAGE_CODE "de")


def test_a_title_and_a_default_place_longer_than_their_fields_are_shortened_kept_in_a_note(
    tmp_path, bound_index, client
):
    title = "Neue Leitstelle für Cybersicherheit " + "und für sichere Netze " * 12 + "eröffnet"
    place = "Landeshauptstadt " + "München und Umgebung " * 5 + "Mitte"
    source = GOOD.replace(
        "Neue Leitstelle für Cybersicherheit in Nürnberg eröffnet".encode(), title.encode()
    ).replace("München, 18. Juli".encode(), b"18. Juli")
    folder = folder_with(tmp_path, {"long.txt": source})
    code, out, _err = run(folder, "--parent", bound_index.pk, "--publish", "--default-place", place)
    assert code == 0 and "1 created" in out
    page = PressReleasePage.objects.get()
    assert len(page.title) <= 255 and page.title.endswith("…")
    assert title.startswith(page.title.removesuffix("…") + " ")  # cut after a whole word
    assert len(page.dateline) <= 100 and place.startswith(page.dateline.removesuffix("…") + " ")
    note = page.import_review_note  # nothing lost: both whole, in the site's language
    assert f"(255): Er wurde gekürzt. Der ganze Titel: „{title}“" in note
    assert f"(100): Er wurde gekürzt. Der ganze Text: „{place}“" in note
    assert page.title in client.get(page.url).content.decode()


def test_one_save_per_new_release_and_the_release_is_searchable(tmp_path, bound_index, client):
    names = ["01-standard.txt", "02-numeric-date.txt", "10-page.html"]
    folder = folder_with(tmp_path, {name: (FIXTURES / name).read_bytes() for name in names})
    saves = []

    def count(sender, instance, **kwargs):
        saves.append(instance.pk)

    post_save.connect(count, sender=PressReleasePage)
    try:
        code, out, _err = run(folder, "--parent", bound_index.pk, "--publish")
    finally:
        post_save.disconnect(count, sender=PressReleasePage)
    assert code == 0 and "3 created" in out
    assert len(saves) == 3 and len(set(saves)) == 3
    page = PressReleasePage.objects.get(legacy_source="alt/01-standard.txt")
    assert page.live and page.live_revision == page.latest_revision
    assert not page.has_unpublished_changes and page.first_published_at
    found = Page.objects.live().search("Leitstelle")
    assert [hit.pk for hit in found] == [page.pk]
    assert client.get(page.url).status_code == 200


# Property-based: HTML trees and Markdown-like text from real releases' pieces, any nesting

WORDS = st.sampled_from(
    [
        "München, 18. Juli 2018",
        "14.03.2019, 10:30 Uhr",
        "+++",
        "+ + +",
        "„Zitat“, sagte Ministerin Eva Groß.",
        "»Zitat«, betonte der Minister.",
        'Er sagte: "ja".',
        "Bilder ab ca. 18 Uhr",
        "Sie befinden sich hier:",
        "[Impressum](#)",
        "[Link](https://example.org/x)",
        "[x](javascript:alert(1))",
        "**fett**",
        "*kursiv*",
        "Lindach (ots) –",
        "POL-BL:",
        "Wort",
        "\n\n",
    ]
)
MARKDOWN = st.lists(WORDS, max_size=60).map(" ".join)
TAGS = ["div", "p", "a", "strong", "em", "span", "main", "script", "footer", "li", "o:p", "h1"]


def element(children):
    return st.tuples(st.sampled_from(TAGS), st.lists(children, max_size=4)).map(
        lambda pair: (
            f'<{pair[0]} href="javascript:x()" onclick="x()">{"".join(pair[1])}</{pair[0]}>'
        )
    )


HTML = st.recursive(WORDS, element, max_leaves=40).map(
    lambda body: f"<html><body>{body}</body></html>"
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(MARKDOWN, HTML))
def test_any_release_like_input_parses_or_fails_with_a_line(text):
    try:
        lines, is_html = read_source(text.encode("utf-8"))
        release = parse_release(lines)
    except ImportProblem as problem:
        assert problem.reason and problem.line >= 0
        return
    assert release.title and release.lead
    shown = " ".join(str(value) for _kind, value in release.blocks) + release.lead
    assert "<script" not in shown and "onclick" not in shown and "<a>" not in shown
    assert 'href="javascript' not in shown
    assert is_html or ("](" not in shown and "javascript:" not in shown)  # Markdown read


def test_releases_of_one_title_get_slugs_of_their_own_beside_earlier_ones(
    tmp_path, bound_index, client
):
    folder = folder_with(tmp_path, {"a.txt": GOOD})
    assert run(folder, "--parent", bound_index.pk, "--publish")[0] == 0
    for name, staff in [("b.txt", b"41"), ("c.txt", b"42")]:
        (folder / name).write_bytes(GOOD.replace(b"40 Fachleute", staff + b" Fachleute"))
    code, out, _err = run(folder, "--parent", bound_index.pk, "--publish")
    assert code == 0 and "1 unchanged, 2 created" in out
    slug = "neue-leitstelle-fur-cybersicherheit-in-nurnberg-eroffnet"
    for name, expected_slug, staff in [
        ("a.txt", slug, "40"),
        ("b.txt", f"{slug}-2", "41"),
        ("c.txt", f"{slug}-3", "42"),
    ]:
        page = PressReleasePage.objects.get(legacy_source=f"alt/{name}")
        assert page.slug == expected_slug and page.live
        assert f"{staff} Fachleute" in client.get(page.url).content.decode()


@pytest.mark.parametrize("publish", [[], ["--publish"]])
def test_a_release_with_a_value_the_database_would_refuse_is_named_and_not_kept(
    tmp_path, bound_index, publish
):
    too_long = b"https://www.example.org/" + b"a" * 300  # the issuer's address holds 200
    bad = GOOD.replace(b"Die Kosten", too_long + b"\n\nDie Kosten")
    good = GOOD.replace(b"Leitstelle", b"Stelle")
    folder = folder_with(tmp_path, {"a-bad.txt": bad, "b-good.txt": good})
    code, out, err = run(folder, "--parent", bound_index.pk, *publish)
    assert code == 1 and "1 created" in out
    assert f"{folder / 'a-bad.txt'}:" in err and "höchstens 200 Zeichen" in err
    [page] = PressReleasePage.objects.all()
    assert page.legacy_source == "alt/b-good.txt" and page.live == bool(publish)
