"""The pytest example of docs/accessibility.md, run as it is written: its test functions become
tests of this module, with the fixtures of our pytest plugin and of pytest-django."""

from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs" / "accessibility.md"


def documented_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    return text.split("<!-- pytest-example -->\n```python\n", 1)[1].split("\n```", 1)[0]


exec(compile(documented_example(), str(DOCS), "exec"))  # defines its test_* functions here


@pytest.fixture(autouse=True)
def content(request):
    """The site's content in the test database: a home page and a release."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("make_release")(slug="doku-beispiel")
    yield
    if "axe_auditor" in request.fixturenames:  # pages with max-age stay out of later tests
        request.getfixturevalue("axe_auditor").browser.execute_cdp_cmd(
            "Network.clearBrowserCache", {}
        )


def test_the_example_defines_three_tests():
    assert sorted(
        name for name in globals() if name.startswith("test_") and "example" not in name
    ) == [
        "test_a_response_passes_the_static_engine",
        "test_every_live_page_passes_both_engines",
        "test_html_passes_the_static_engine",
    ]
