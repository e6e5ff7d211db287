"""Static checks when an editor publishes: warn, or (PRESSROOM_BLOCK_PUBLISH_ON_FINDINGS) save
the submission as a draft instead of publishing it, so nothing the editor typed is lost."""

from django.conf import settings
from django.contrib import messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .registry import WCAG
from .static import audit_html


def should_hold_back(request) -> bool:
    """A publish request while PRESSROOM_BLOCK_PUBLISH_ON_FINDINGS is on: only then is the
    submitted page built and audited."""
    blocking = getattr(settings, "PRESSROOM_BLOCK_PUBLISH_ON_FINDINGS", False)
    return bool(blocking) and request.method == "POST" and bool(request.POST.get("action-publish"))


def public_preview_mode(page) -> str:
    """The preview mode showing the page as visitors will see it: "public" where the page offers
    such a mode (e.g. withheld photos as their notice, not the editor's view), else the default."""
    modes = [mode for mode, _label in page.preview_modes]
    return "public" if "public" in modes else page.default_preview_mode


def audit_page(page):
    """The static audit of the page rendered as a visitor without login will see it."""
    response = page.make_preview_request(preview_mode=public_preview_mode(page))
    profile = getattr(settings, "PRESSROOM_PUBLISH_AUDIT_PROFILE", WCAG)
    return audit_html(response.content, url=page.url_path, profile=profile)


def problems_message(intro, findings):
    """The intro sentence and the findings as a list, for an admin message."""
    problems = format_html_join(
        "", "<li>{} ({}): {}</li>", ((f.rule_id, f.selector, f.help) for f in findings)
    )
    return format_html("{}<ul>{}</ul>", intro, problems)


def submitted_page(request, page, parent):
    """The page as the submitted form would publish it, unsaved; None if the form is invalid."""
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(
        request.POST, request.FILES, instance=page, parent_page=parent, for_user=request.user
    )
    if not form.is_valid():
        return None  # Wagtail shows the form's own errors
    candidate = form.save(commit=False)
    candidate.set_url_path(parent)
    return candidate


def unsaved_child(page_class, parent):
    """A new page placed (in memory only) as the last child of parent, as Wagtail's preview does."""
    page = page_class()
    page.depth = parent.depth + 1
    if parent.is_leaf():
        page.path = page._get_path(parent.path, page.depth, 1)
    else:
        page.path = parent.get_last_child()._inc_path()
    return page


def hold_back_publishing(request, page, parent):
    """Turn a publish with findings into a draft save, and tell the editor why.
    Call only when should_hold_back(request)."""
    candidate = submitted_page(request, page, parent)
    if candidate is None:
        return
    findings = audit_page(candidate).findings
    if not findings:
        return
    post = request.POST.copy()
    del post["action-publish"]
    request.POST = post
    messages.error(
        request,
        problems_message(
            _("Not published: the page has accessibility problems. It was saved as a draft."),
            findings,
        ),
    )
