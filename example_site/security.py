"""Security headers of the example site's production settings: CSP and Permissions-Policy.

The public pages run no inline script or style: their policy allows only this origin, and the
JSON-LD of a release is data, not script, so no policy blocks it. Wagtail's admin still needs
inline styles and frames its own previews: under ADMIN_PATHS, PRESSROOM_CSP_ADMIN_REPLACE
replaces those directives.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PATHS = ("/admin/", "/django-admin/")


class PressroomCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the directives Wagtail's admin needs, on admin paths only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PATHS) and not report_only:
            parts.replace = {**settings.PRESSROOM_CSP_ADMIN_REPLACE, **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """Send PRESSROOM_PERMISSIONS_POLICY as the Permissions-Policy header of every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PRESSROOM_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response
