"""No public parameter gives a server error (issue #20): archive, feeds, search and API v2.

Every parameter × every payload of tests/payloads.py, and hypothesis over all parameters at once.
"""

import feedparser
import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from announcements.models import Topic

from .helpers import soup_of
from .payloads import PAYLOADS

ARCHIVE_PARAMETERS = ["q", "year", "month", "topic", "issuer", "page"]
FEED_PARAMETERS = ["q", "year", "month", "topic", "issuer"]
API_PARAMETERS = [
    "search",
    "search_operator",
    "type",
    "fields",
    "order",
    "offset",
    "limit",
    "locale",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "slug",
    "title",
    "id",
    "show_in_menus",
    "html_path",
]
SURFACES = {
    "/presse/": ARCHIVE_PARAMETERS,
    "/presse/feed/rss/": FEED_PARAMETERS,
    "/presse/feed/atom/": FEED_PARAMETERS,
    "/api/v2/pages/": API_PARAMETERS,
    "/api/v2/pages/find/": ["html_path", "fields"],
}


@pytest.fixture
def releases(make_release, issuer):
    topic = Topic.objects.create(name="Haushalt", slug="haushalt")
    made = [
        make_release(slug="haushalt", title="Haushalt beschlossen", lead="Der Haushalt steht."),
        make_release(slug="portal", title="Neues Portal", lead="Ein Portal für alle."),
    ]
    made[0].topics.set([topic])
    made[0].save_revision().publish()
    call_command("update_index", verbosity=0)
    return made


def server_errors(client, path, parameters, payloads):
    """(parameter, payload, status) of every answer of 500 or more."""
    client.raise_request_exception = False
    failures = []
    for name in parameters:
        for payload in payloads:
            status = client.get(path, {name: payload}).status_code
            if status >= 500:
                failures.append((name, payload[:30], status))
    return failures


@pytest.mark.parametrize("path", SURFACES)
def test_no_payload_in_any_parameter_gives_a_server_error(client, releases, path):
    assert server_errors(client, path, SURFACES[path], PAYLOADS) == []


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/find/"])
def test_api_answers_400_with_a_reason_to_what_no_database_takes(client, releases, path):
    for query in ({"offset": str(10**30)}, {"html_path": "/presse/\x00"}, {"locale": "de\x00"}):
        response = client.get(path, query)
        assert response.status_code == 400
        assert response.json()["message"]


def test_api_search_with_a_quote_finds_the_words(client, releases):
    response = client.get(
        "/api/v2/pages/",
        {"search": '"Haushalt', "type": "pressroom_announcements.PressReleasePage"},
    )
    assert response.status_code == 200
    assert [page["title"] for page in response.json()["items"]] == ["Haushalt beschlossen"]


@pytest.mark.parametrize(
    "words",
    [
        '"Haushalt"',
        'Haushalt"',
        "„Haushalt“",
        "(Haushalt)",
        "HAUSHALT",
        "＂Haushalt＂",
        "Haushalt!",
    ],
)
def test_search_words_survive_the_characters_around_them(client, releases, words):
    """Nothing lost: the words a visitor meant still find the release, in archive and feeds."""
    soup = soup_of(client.get("/presse/", {"q": words}))
    assert [h.get_text(strip=True) for h in soup.select(".release-teaser h3")] == [
        "Haushalt beschlossen"
    ]
    for kind in ("rss", "atom"):
        parsed = feedparser.parse(client.get(f"/presse/feed/{kind}/", {"q": words}).content)
        assert [entry.title for entry in parsed.entries] == ["Haushalt beschlossen"]


FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
QUERY_TEXT = st.one_of(st.text(max_size=300), st.sampled_from(PAYLOADS), st.integers().map(str))


@pytest.mark.parametrize("path", SURFACES)
def test_fuzzed_query_strings_never_give_a_server_error(client, releases, path):
    client.raise_request_exception = False

    @FUZZ
    @given(st.dictionaries(st.sampled_from(SURFACES[path]), QUERY_TEXT, max_size=4))
    def check(query):
        assert client.get(path, query).status_code < 500

    check()
