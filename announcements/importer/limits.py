"""Limits that keep one hostile or broken file from stalling an import: size, depth, time.

Each limit, when hit, is an ImportProblem (`file:line: reason`); the import goes on with the
next file. The defaults fit any real press release with room to spare.
"""

import time

from django.utils.translation import gettext as _

from .errors import ImportProblem

MAX_MEGABYTES = 5  # a release page saved with its site chrome is rarely above 300 KB
MAX_DEPTH = 100  # elements nested in HTML; word-processor exports reach about 30
MAX_SECONDS = 20.0  # reading and parsing one file
MAX_CHARACTERS = 200_000  # text of one release (about 80 printed pages)


class Budget:
    """The size, depth and time one file may use; `check` raises once the time is up."""

    def __init__(self, max_megabytes=MAX_MEGABYTES, max_seconds=MAX_SECONDS, clock=time.monotonic):
        self.max_bytes = int(max_megabytes * 1024 * 1024)
        self.max_megabytes = max_megabytes
        self.max_seconds = max_seconds
        self.clock = clock
        self.deadline = clock() + max_seconds

    def check(self, line=0):
        if self.clock() > self.deadline:
            raise ImportProblem(
                _("reading took longer than %(seconds)s s (limit: --max-seconds)")
                % {"seconds": self.max_seconds},
                line,
            )

    def check_size(self, size: int):
        if size > self.max_bytes:
            raise ImportProblem(
                _("file too large: %(size).1f MB (limit: --max-size %(limit)s MB)")
                % {"size": size / 1024 / 1024, "limit": self.max_megabytes}
            )
