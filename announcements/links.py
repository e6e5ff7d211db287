"""Link addresses from the database, made safe to render.

The admin refuses `javascript:` addresses, but imports, scripts and old data reach the database
without its forms. Whatever a field holds, a page links only to web, mail and phone addresses and
to paths on this site; a web address typed without its scheme (`www.example.org`) gets https.
"""

import html
import re

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# What browsers ignore when they read an address: C0 controls and spaces around it, and tabs and
# line breaks anywhere (so "java\tscript:" is a javascript: address).
IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
DOMAIN_FIRST = re.compile(r"[\w-]+(\.[\w-]+)*\.[a-zA-Z]{2,}(:\d+)?([/?#]|$)")
A_TAG = re.compile(r"<a(\s[^>]*)?>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def safe_href(url) -> str:
    """`url` if a browser would open it as a web, mail or phone address or a path on this site;
    with https:// in front if it starts with a domain name; "" for anything else."""
    text = str(url or "").strip()
    probe = IGNORED_BY_BROWSERS.sub("", text)
    if not probe:
        return ""
    scheme = SCHEME.match(probe)
    if scheme:
        return text if scheme.group(1).lower() in SAFE_SCHEMES else ""
    if DOMAIN_FIRST.match(probe):
        return "https://" + text
    return text


def normalise_links(rich_text: str) -> str:
    """Rich text (Wagtail's database format) with every external link's href made safe.

    Links to pages and documents (with a `linktype`) are Wagtail's; an href that is not safe
    is removed, so the link text stays as text.
    """

    def tag(match):
        attributes = {}
        for name, value in ATTRIBUTE.findall(match.group(1) or ""):
            attributes.setdefault(
                name.lower(), html.unescape(value.strip("\"'")) if value else None
            )
        if "linktype" in attributes:
            return match.group(0)
        if "href" in attributes:
            attributes["href"] = safe_href(attributes["href"]) or None
            if attributes["href"] is None:
                del attributes["href"]
        return (
            "<a"
            + "".join(
                f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                for name, value in attributes.items()
            )
            + ">"
        )

    return A_TAG.sub(tag, rich_text or "")
