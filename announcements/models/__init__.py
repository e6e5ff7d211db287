from .corrections import Correction
from .locks import PhotoLock
from .pages import PressReleaseIndexPage, PressReleasePage
from .snippets import Issuer, Topic

__all__ = [
    "Correction",
    "Issuer",
    "PhotoLock",
    "PressReleaseIndexPage",
    "PressReleasePage",
    "Topic",
]
