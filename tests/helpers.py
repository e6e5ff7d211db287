import socket
from pathlib import Path

from bs4 import BeautifulSoup
from django.db import connection


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def visible_text(element):
    """The text a screen reader announces: without anything hidden by aria-hidden."""
    copy = BeautifulSoup(str(element), "html.parser")
    for hidden in copy.select("[aria-hidden=true]"):
        hidden.decompose()
    return " ".join(copy.get_text(" ").split())


def free_port() -> int:
    """A free TCP port on 127.0.0.1 for a server the test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database as DATABASE_URL, for processes the test starts."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def descendants(pid: int) -> list[int]:
    """The processes started by a process, and theirs (Linux /proc)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        found.append(todo.pop())
        todo += children.get(found[-1], [])
    return found
