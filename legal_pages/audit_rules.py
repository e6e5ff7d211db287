"""Site-policy audit rules of the legal pages, registered into the accessibility audit from
LegalPagesConfig.ready() when the accessibility app is installed (profile “pressroom”)."""

from django.utils.translation import gettext_lazy as _

from accessibility.html_tools import closest, first_inside, select
from accessibility.registry import PRESSROOM, rule

SECTIONING = {"article", "aside", "main", "nav", "section"}


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
        footer for footer in select(soup, "footer") if not closest(footer, SECTIONING)
    ] + select(soup, "[role=contentinfo]")
    legal_navs = [nav for footer in footers for nav in select(footer, "nav")]
    if not any(
        "legal-links" in nav.get("class", []) and first_inside(nav, "a", "href")
        for nav in legal_navs
    ):
        yield None, None
