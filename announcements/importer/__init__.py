"""Import of legacy press releases (plain text and HTML) into draft or live release pages."""

from .errors import ImportProblem
from .parsing import ParsedRelease, parse_release
from .reading import read_source

__all__ = ["ImportProblem", "ParsedRelease", "parse_release", "read_source"]
