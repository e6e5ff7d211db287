"""Settings of the example site. SQLite by default; DATABASE_URL selects another database."""

import os
from importlib.metadata import version
from pathlib import Path

import dj_database_url
import django

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PRESSROOM_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-site-not-for-production")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "example_site.home",
    "announcements",
    "accessibility",
    "legal_pages",
    "distribution",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "django.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",  # after Wagtail: its German messages would override the admin's
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
    "announcements.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accessibility.middleware.PublishAuditMessages",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

if os.environ.get("PRESSROOM_PAGE_CACHE_OFF"):  # benchmarks: the uncached baseline
    MIDDLEWARE.remove("announcements.page_cache.PageCacheMiddleware")

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "example_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Parameters bound by the server and statements prepared on their second use: a page view
    # repeats the same dozen statements, and PostgreSQL then skips parsing and planning them
    # (docs/install.md#postgresql). Behind a transaction-pooling PgBouncer older than 1.21, leave
    # prepare_threshold out.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=1
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, for tests too: the live server's threads then get their own connections.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = []

WAGTAIL_SITE_NAME = "Staatsministerium für Digitales (Beispiel)"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# PostgreSQL full-text search with German stemming ("Dienste" finds "Dienst"); SQLite's own
# full-text search elsewhere. Both through Wagtail's database backend.
# The full-page cache and Wagtail's rendition cache: files below var/ by default, Redis with
# REDIS_URL. Never local memory: every process (workers, cron's publish_scheduled) must see
# every invalidation (check pressroom_announcements.E001).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PRESSROOM_CACHE_DIR", str(VAR_DIR / "cache")),
    }
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("PRESSROOM_CACHE_PREFIX", "pressroom-example"),
        }
    }

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"
    # Wagtail's search index uses PostgreSQL's search fields; Django >= 6.1 checks for the app.
    INSTALLED_APPS.append("django.contrib.postgres")
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# The photo lock: a locked photo's details stay editable, its file is not replaced meanwhile.
WAGTAILIMAGES_IMAGE_FORM_BASE = "announcements.image_forms.LockedImageForm"

# Mail goes to the console unless EMAIL_PORT names an SMTP server (tests use aiosmtpd).
MAIL = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
if os.environ.get("EMAIL_PORT"):
    MAIL = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "127.0.0.1"),
            "port": int(os.environ["EMAIL_PORT"]),
        },
    }
if django.VERSION >= (6, 1):
    MAILERS = {"default": MAIL}
else:
    EMAIL_BACKEND = MAIL["BACKEND"]
    EMAIL_HOST = MAIL.get("OPTIONS", {}).get("host", "localhost")
    EMAIL_PORT = MAIL.get("OPTIONS", {}).get("port", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "presse@example.org")

# Background tasks (Django's tasks framework): "default" runs Wagtail's own small tasks at once,
# as before; "background" is a database queue worked off by `manage.py db_worker --backend
# background` (mailings now, audits later: PRESSROOM_TASK_BACKEND). The backend is
# django-tasks-db on Django 6 or django-tasks >= 0.12, else the one built into django-tasks
# 0.7 (Wagtail 7.0's pin). See docs/background-tasks.md.
if django.VERSION >= (6, 0):
    IMMEDIATE = "django.tasks.backends.immediate.ImmediateBackend"
else:
    IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
if django.VERSION >= (6, 0) or tuple(map(int, version("django-tasks").split(".")[:2])) >= (0, 12):
    INSTALLED_APPS.append("django_tasks_db")
    DB_TASKS = "django_tasks_db.DatabaseBackend"
else:
    INSTALLED_APPS += ["django_tasks", "django_tasks.backends.database"]
    DB_TASKS = "django_tasks.backends.database.DatabaseBackend"
TASKS = {"default": {"BACKEND": IMMEDIATE}, "background": {"BACKEND": DB_TASKS}}
PRESSROOM_TASK_BACKEND = "background"
# Audit on publish by the same worker; it reaches this site at PRESSROOM_AUDIT_BASE_URL.
PRESSROOM_AUDIT_ON_PUBLISH = os.environ.get("PRESSROOM_AUDIT_ON_PUBLISH", "1") == "1"
PRESSROOM_AUDIT_BASE_URL = os.environ.get("PRESSROOM_AUDIT_BASE_URL", "http://127.0.0.1:8000/")
# Mail batches and rate from the environment (tests and the benchmark set them per process).
PRESSROOM_MAIL_BATCH_SIZE = int(os.environ.get("PRESSROOM_MAIL_BATCH_SIZE", "200"))
PRESSROOM_MAIL_RATE_PER_SECOND = float(os.environ.get("PRESSROOM_MAIL_RATE_PER_SECOND", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
PRESSROOM_DEMO_PASSWORD = os.environ.get("PRESSROOM_DEMO_PASSWORD", "pressroom-demo")
# A German public body's site: system checks warn about missing legal pages (docs/legal-pages.md).
PRESSROOM_LEGAL_CHECKS = True
