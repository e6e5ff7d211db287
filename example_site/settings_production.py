"""Production settings of the example site: what `manage.py check --deploy` asks for.

DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must come from the environment.
"""

import datetime as dt
import os

import django
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "https://" + ALLOWED_HOSTS[0])
# Behind a proxy, the header it puts the visitor's address in (e.g. HTTP_X_FORWARDED_FOR, whose
# last entry is then used): the feedback form's throttling and the login lockout count by it.
PRESSROOM_CLIENT_ADDRESS_HEADER = os.environ.get("PRESSROOM_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")

# Content-Security-Policy (django-csp) first, so that pages from the page cache carry it too.
INSTALLED_APPS = [*INSTALLED_APPS, "csp", "axes"]  # noqa: F405
MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405  SecurityMiddleware
    "example_site.security.PressroomCSPMiddleware",
    "example_site.security.PermissionsPolicyMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
    "axes.middleware.AxesMiddleware",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin (7.0 to 8.0) runs inline scripts (date widgets, inline panels), sets inline
# styles and shows its previews in frames of its own: those three, on admin paths only.
PRESSROOM_CSP_ADMIN_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}
# Nothing in the admin calls other servers: no avatars from Gravatar, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
PRESSROOM_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Login lockout (django-axes): after 5 wrong passwords for one user name from one address,
# that pair is locked for 30 minutes (the admin can unlock it sooner: `manage.py axes_reset`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "legal_pages.feedback.client_address"
AXES_USERNAME_FORM_FIELD = "username"

# Mail of the barrier feedback form: SMTP from the environment.
SMTP = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": int(os.environ.get("EMAIL_PORT", "25")),
    "use_tls": os.environ.get("EMAIL_USE_TLS", "") == "1",
}
if django.VERSION >= (6, 1):
    MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": SMTP}
    }
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS = SMTP["host"], SMTP["port"], SMTP["use_tls"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "presse@" + ALLOWED_HOSTS[0])
