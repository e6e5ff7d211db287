"""A minimal Wagtail site (what `wagtail start` installs) plus the app of PRESSROOM_ALONE_APP."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP = os.environ["PRESSROOM_ALONE_APP"]  # announcements, legal_pages or accessibility

SECRET_KEY = "apps-alone-test"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = [
    APP,
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.alone.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["PRESSROOM_ALONE_DB"]}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "de"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_ROOT = os.environ["PRESSROOM_ALONE_MEDIA"]
WAGTAIL_SITE_NAME = "Alone"
WAGTAILADMIN_BASE_URL = "http://testserver"
if APP == "announcements":
    WAGTAILIMAGES_IMAGE_FORM_BASE = "announcements.image_forms.LockedImageForm"  # docs/install.md
if APP == "legal_pages":
    PRESSROOM_BASE_TEMPLATE = "base.html"  # the host's: our own layout comes with announcements
    PRESSROOM_LEGAL_CHECKS = True
