from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BarrierReport


class BarrierReportViewSet(SnippetViewSet):
    """Reported barriers: read them, mark them answered (within one month)."""

    model = BarrierReport
    icon = "warning"
    menu_label = _("Reported barriers")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["created_at", "email", "page_address", "answered_on"]
    list_filter = ["answered_on"]
    search_fields = ["email", "name", "page_address", "message"]
    inspect_view_enabled = True


register_snippet(BarrierReportViewSet)
