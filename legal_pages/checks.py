"""System checks: a German public website must carry its legal pages."""

from django.core.checks import Warning, register
from django.db import DatabaseError

REQUIRED_PAGES = [
    ("ImpressumPage", "pressroom_legal_pages.W001", "Impressum (§ 5 DDG)"),
]


@register("pressroom")
def legal_pages_exist(app_configs=None, **kwargs):
    from wagtail.models import Site

    from . import models

    warnings = []
    try:
        sites = list(Site.objects.select_related("root_page"))
        for site in sites:
            for model_name, check_id, label in REQUIRED_PAGES:
                model = getattr(models, model_name)
                live = model.objects.live().descendant_of(site.root_page, inclusive=True)
                if not live.exists():
                    warnings.append(
                        Warning(
                            f"Site “{site}” has no live {label} page.",
                            hint="Create and publish one below the site's home page, and link it "
                            "in Settings → Footer links.",
                            id=check_id,
                        )
                    )
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    return warnings
