"""Content Security Policy: strict on the learners' site, looser where Wagtail's admin needs it."""

from csp.middleware import CSPMiddleware, PolicyParts

# Wagtail's admin (rich-text editor, StreamField, previews) relies on inline styles and scripts.
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_RELAXATION = {
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIXES):
            parts.replace = {**(parts.replace or {}), **ADMIN_RELAXATION}
            parts.nonce = None  # a nonce would disable 'unsafe-inline'
        return parts
