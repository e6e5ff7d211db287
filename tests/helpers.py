from bs4 import BeautifulSoup


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def visible_text(element):
    """The text a screen reader announces: without anything hidden by aria-hidden."""
    copy = BeautifulSoup(str(element), "html.parser")
    for hidden in copy.select("[aria-hidden=true]"):
        hidden.decompose()
    return " ".join(copy.get_text(" ").split())
