from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BarrierReport
from .templatetags.pressroom_legal import legal_footer


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


@hooks.register("pressroom_footer")
def footer_links(context):
    """The footer links in the footer of the announcements app's own base template."""
    return render_to_string("legal_pages/footer_links.html", legal_footer(context))
