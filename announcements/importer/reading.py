"""Bytes to lines: encodings (UTF-8, Windows-1252), empty and binary files, HTML to text."""

from html import escape

from django.utils.translation import gettext as _

from .errors import ImportProblem
from .html_input import html_to_lines

# Bytes that text never contains (NUL and most C0 controls; tab, newlines and form feed allowed).
CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def decode(data: bytes) -> str:
    if not data.strip():
        raise ImportProblem(_("empty file"))
    sample = data[:4096]
    if b"\x00" in sample or sum(byte in CONTROL for byte in sample) > len(sample) * 0.01:
        raise ImportProblem(_("binary file, not text or HTML"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportProblem(
            _("unreadable encoding (neither UTF-8 nor Windows-1252)"), line
        ) from None


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head


def read_source(data: bytes) -> tuple[list[str], bool]:
    """(lines of text, whether the source was HTML); inline links and emphasis kept as HTML."""
    text = decode(data)
    if looks_like_html(text):
        return html_to_lines(text), True
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [escape(line, quote=False) for line in lines], False
