from .barrier_report import BarrierReport
from .impressum import ImpressumPage
from .inclusive import EasyLanguagePage, SignLanguagePage
from .links import FOOTER_LINKS, LegalLinks
from .privacy import PrivacyPage
from .statement import AccessibilityStatementPage

__all__ = [
    "FOOTER_LINKS",
    "AccessibilityStatementPage",
    "BarrierReport",
    "EasyLanguagePage",
    "ImpressumPage",
    "LegalLinks",
    "PrivacyPage",
    "SignLanguagePage",
]
