"""Site-policy audit rules of the legal pages, registered into the accessibility audit from
LegalPagesConfig.ready() when the accessibility app is installed (profile “pressroom”)."""

from django.utils.translation import gettext_lazy as _

from accessibility.html_tools import select
from accessibility.registry import PRESSROOM, rule


@rule(
    "legal-footer-links",
    "best-practice",
    "moderate",
    _(
        "Every page needs a footer (contentinfo) with the links to the imprint, privacy and "
        "accessibility statements, reachable from every page."
    ),
    profile=PRESSROOM,
)
def legal_footer_links(soup):
    footers = [
        footer
        for footer in select(soup, "footer")
        if not footer.find_parent(["article", "aside", "main", "nav", "section"])
    ] + select(soup, "[role=contentinfo]")
    legal_navs = [nav for footer in footers for nav in select(footer, "nav")]
    if not any(
        "legal-links" in nav.get("class", []) and nav.find("a", href=True) for nav in legal_navs
    ):
        yield None, None
