from .corrections import Correction
from .pages import PressReleaseIndexPage, PressReleasePage
from .snippets import Issuer, Topic

__all__ = ["Correction", "Issuer", "PressReleaseIndexPage", "PressReleasePage", "Topic"]
