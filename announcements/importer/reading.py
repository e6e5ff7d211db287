"""Bytes to lines: encodings (UTF-8 with or without BOM, Windows-1252), empty and binary files,
HTML to text, and the Markdown-like notation of text exports ([text](url), **bold**, *italic*)."""

import re
from html import escape, unescape

from django.utils.translation import gettext as _

from .errors import ImportProblem
from .html_input import html_to_lines, safe_href
from .limits import Budget

# Bytes that text never contains (NUL and most C0 controls; tab, newlines and form feed allowed).
CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*\)")
MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MD_EM = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])\1(?![*\w])")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
BARE_URL = re.compile(r"\bhttps?://[^\s<>\"\[\]()]+[^\s<>\"\[\]().,;:!?]")


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


def markdown_line(line: str, base_url="") -> str:
    """One line of a text export as inline HTML: escaped text, links and emphasis as tags."""
    line = MD_IMAGE.sub("", MD_HEADING.sub("", line))
    parts, position = [], 0
    for match in MD_LINK.finditer(line):
        parts.append(emphasis(escape(line[position : match.start()], quote=False)))
        text = emphasis(escape(match.group(1), quote=False))
        href = safe_href(unescape(match.group(2)), base_url)
        parts.append(f'<a href="{escape(href)}">{text}</a>' if href else f"<a>{text}</a>")
        position = match.end()
    parts.append(emphasis(escape(line[position:], quote=False)))
    return "".join(parts)


def emphasis(text: str) -> str:
    """Escaped text with **bold**, *italic* and bare http(s) addresses as tags."""
    parts, position = [], 0
    for match in BARE_URL.finditer(text):
        parts.append(styled(text[position : match.start()]))
        parts.append(f'<a href="{match.group(0)}">{match.group(0)}</a>')
        position = match.end()
    return "".join(parts) + styled(text[position:])


def styled(text: str) -> str:
    text = MD_STRONG.sub(r"<strong>\2</strong>", text)
    return MD_EM.sub(r"<em>\2</em>", text)


def read_source(data: bytes, budget=None, base_url="") -> tuple[list[str], bool]:
    """(lines of inline HTML, whether the source was HTML); links and emphasis kept as tags."""
    budget = budget or Budget()
    budget.check_size(len(data))
    text = decode(data)
    if looks_like_html(text):
        return html_to_lines(text, base_url, budget), True
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [markdown_line(line, base_url) for line in lines], False
