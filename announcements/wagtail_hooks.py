from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Issuer


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "group"
    menu_label = _("Issuers")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "short_name", "press_contact_email"]
    search_fields = ["name", "short_name"]


register_snippet(IssuerViewSet)
