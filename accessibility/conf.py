"""Settings of the background and large audits, with their defaults (docs/install.md)."""

from django.conf import settings

DEFAULTS = {
    "PRESSROOM_TASK_BACKEND": "default",  # TASKS alias of the background worker (shared setting)
    "PRESSROOM_AUDIT_ON_PUBLISH": False,  # enqueue an audit task whenever a page is published
    "PRESSROOM_AUDIT_BASE_URL": None,  # where the worker reaches the site; None: the page's URL
    "PRESSROOM_AUDIT_PARALLEL": 1,  # browsers auditing at once (background and command)
    "PRESSROOM_AUDIT_STATIC_PROCESSES": None,  # static engine (20+ pages each); None: all cores
    "PRESSROOM_AUDIT_GRID_URL": None,  # a Selenium Grid 4 instead of local Chromiums
    "PRESSROOM_AUDIT_RECYCLE_PAGES": 100,  # a browser is replaced after this many pages
    "PRESSROOM_AUDIT_MAIL_IMPACT": "serious",  # mail the publishing editor from this impact on
    "PRESSROOM_AUDIT_STALE_AFTER": 900,  # s without a page stored: the run's process died
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
