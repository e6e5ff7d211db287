"""The compatibility matrix, lint, and the wheel installed into a fresh virtualenv.

nox -l                      # list sessions
nox -s "tests-3.12(wagtail='7.0', django='5.2', db='sqlite')"
nox                         # everything (PostgreSQL at 127.0.0.1:5432, Chromium installed)
"""

import os
import shutil
import tempfile
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
PYTHON = os.environ.get("PRESSROOM_NOX_PYTHON", "3.12")
POSTGRES = "postgres://postgres@127.0.0.1:5432/test"
# Wagtail 7.0 LTS supports Django up to 5.2; Wagtail 8.0 supports Django 5.2 and 6.x.
MATRIX = [("7.0", "5.2"), ("8.0", "5.2"), ("8.0", "6.1")]


@nox.session(python=PYTHON)
@nox.parametrize("db", ["sqlite", "postgres"])
@nox.parametrize("wagtail, django", MATRIX)
def tests(session, wagtail, django, db):
    session.install("-e", ".[dev]", f"wagtail=={wagtail}.*", f"django=={django}.*")
    env = {"DATABASE_URL": POSTGRES} if db == "postgres" else {}
    env["PRESSROOM_VAR_DIR"] = tempfile.mkdtemp(prefix=f"pressroom-nox-{db}-")
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *session.posargs, env=env)


@nox.session(python=PYTHON)
def lint(session):
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def wheel(session):
    """Build the wheel, install it (not the source tree) and run the example site against it."""
    dist = Path(tempfile.mkdtemp(prefix="pressroom-dist-"))
    session.install("build")
    session.run("python", "-m", "build", "--wheel", "--outdir", str(dist))
    [built] = dist.glob("wagtail_pressroom-*.whl")
    session.run("python", "-m", "zipfile", "-l", str(built))
    site = Path(tempfile.mkdtemp(prefix="pressroom-site-"))
    shutil.copytree("example_site", site / "example_site")
    shutil.copy("manage.py", site)
    session.install(
        f"{built}[audit]",
        "dj-database-url",
        "psycopg[binary]",
        "gunicorn",
        "django-csp>=4.0",
        "django-axes>=8.0",
    )
    env = {
        "PRESSROOM_VAR_DIR": str(site / "var"),
        "DJANGO_SETTINGS_MODULE": "example_site.settings_production",
        "DJANGO_SECRET_KEY": "nox-wheel-check-" + os.urandom(24).hex(),
        "DJANGO_ALLOWED_HOSTS": "pressroom.example.org,127.0.0.1",
    }
    with session.chdir(site):
        session.run(
            "python",
            "-c",
            "import announcements; assert 'site-packages' in announcements.__file__",
        )
        session.run("python", "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
        session.run("python", "manage.py", "migrate", "--noinput", env=env)
        session.run("python", "manage.py", "load_demo", env=env)
        session.run("python", "manage.py", "collectstatic", "--noinput", env=env)
        session.run("python", "-c", SMOKE, env=env)


SMOKE = """
import django, os
django.setup()
from django.test import Client
client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="pressroom.example.org")
paths = ["/", "/pressemitteilungen/", "/pressemitteilungen/feed/rss/", "/barrierefreiheit/"]
for path in paths:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    print(path, response.status_code)
"""
