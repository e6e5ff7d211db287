"""Shared by the importer tests: running import_releases and an index bound to an issuer."""

from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def run(*args):
    """(exit code, stdout, stderr) of import_releases."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_releases", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code, err = 1, StringIO(err.getvalue() + str(error))
    return code, out.getvalue(), err.getvalue()


def bind(press_index, issuer):
    press_index.issuer = issuer
    press_index.save_revision().publish()
    return press_index
