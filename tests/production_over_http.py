"""The production settings over plain HTTP on 127.0.0.1, for tests/test_hardening_production.py.

Only the redirect to HTTPS is off (no certificate here); headers and lockout are as in production.
"""

from example_site.settings_production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
