"""The import corpus: 42 legacy releases in the house styles of six kinds of publisher, each
compared with its expected result (tests/fixtures/corpus/expected.json), and imported in one run."""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from announcements.importer import parse_release, read_source
from announcements.models import PressReleasePage

from .importing import bind, run

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
LEFTOVERS = ("](", "**", "[Inhalt", "Impressum", "Datenschutz", "Sie befinden sich", "+++", "ots)")


@pytest.fixture
def bound_index(press_index, issuer):
    return bind(press_index, issuer)


def parsed(name):
    lines, _is_html = read_source((CORPUS / name).read_bytes())
    return parse_release(lines)


def test_the_corpus_covers_six_publishers_and_every_kind_of_source():
    assert len(EXPECTED) >= 40
    layouts = Counter(name.split("/")[0] for name in EXPECTED)
    assert set(layouts) == {"bund", "land-by", "land-nrw", "stadt", "landratsamt", "polizei"}
    assert min(layouts.values()) >= 6
    raw = {name: (CORPUS / name).read_bytes() for name in EXPECTED}
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values())  # UTF-8 with BOM
    assert any(b"\x84" in data for data in raw.values())  # Windows-1252 „
    assert any(b"<o:p>" in data for data in raw.values())  # exported from Word
    assert sum(name.endswith(".md") for name in raw) >= 6
    assert sum(name.endswith(".html") for name in raw) >= 10
    assert any(e["place"] is None for e in EXPECTED.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_release_reads_as_expected(name):
    expected, release = EXPECTED[name], parsed(name)
    assert release.title == expected["title"]
    assert timezone.localtime(release.release_date).isoformat() == expected["date"]
    assert (release.dateline or None) == expected["place"]
    assert release.lead == expected["lead"]
    assert [kind for kind, _value in release.blocks] == expected["blocks"]
    speakers = [[v["speaker"], v["role"]] for kind, v in release.blocks if kind == "quote"]
    assert speakers == expected["speakers"]
    assert release.issuer_release_url == expected["issuer_release_url"]
    assert len(release.review_notes) == expected["review_notes"]
    shown = " ".join([release.title, release.lead] + [str(v) for _k, v in release.blocks])
    for leftover in LEFTOVERS:
        assert leftover not in shown
    assert "<a>" not in shown and 'href="#"' not in shown


def test_markdown_links_and_emphasis_become_markup():
    release = parsed("land-nrw/01-kita-gebuehren.md")
    [*_, link_paragraph] = [v for kind, v in release.blocks if kind == "paragraph"]
    assert link_paragraph == (
        '<p>Mehr zum Thema: <a href="https://www.example.org/mkffi/kita">Kita-Portal NRW</a></p>'
    )
    assert release.lead.startswith("Familien in Nordrhein-Westfalen")  # bold: the lead


def test_two_quotes_in_one_paragraph_resolve_to_the_person_in_the_lead():
    release = parsed("land-by/01-pflegebonus.txt")
    quotes = [v for kind, v in release.blocks if kind == "quote"]
    assert [(q["speaker"], q["role"]) for q in quotes] == [
        ("Klaus Holetschek", "Gesundheitsminister"),  # "betonte Holetschek"
        ("Klaus Holetschek", "Gesundheitsminister"),  # "unterstrich der Gesundheitsminister"
    ]
    assert not any("Sprecher" in note for note in release.review_notes)


def test_an_unresolvable_speaker_is_named_in_the_review_note():
    release = parsed("land-nrw/07-pflegekammer-bom.md")
    assert any("die Präsidentin der Kammer" in note for note in release.review_notes)


def test_a_place_named_in_the_lead_is_only_a_suggestion():
    release = parsed("land-nrw/02-radwege.md")
    assert release.dateline == ""
    assert any("„Münster“" in note for note in release.review_notes)


def test_the_whole_corpus_imports_live_and_reimports_unchanged(tmp_path, bound_index, client):
    code, out, err = run(CORPUS, "--parent", bound_index.pk, "--publish")
    assert code == 0, err
    assert f"{len(EXPECTED)} created" in out
    pages = PressReleasePage.objects.child_of(bound_index)
    assert pages.live().count() == len(EXPECTED)
    undated = pages.get(legacy_source="corpus/polizei/03-radfahrer.txt")
    html = client.get(undated.url).content.decode()
    assert '<p class="release__meta"><time datetime="2023-07-09T00:00:00+02:00">' in html
    code, out, _err = run(CORPUS, "--parent", bound_index.pk, "--publish")
    assert code == 0 and f"{len(EXPECTED)} unchanged" in out
