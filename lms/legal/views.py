"""The public legal pages: the accessibility statement of each language version, the current
privacy notice (with the "I have read it" button for signed-in people) and its archive."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.legal import selectors, services
from lms.legal.middleware import SESSION_KEY
from lms.redirects import next_url


@require_GET
def accessibility(request):
    """The statement of the language the person reads the site in."""
    return _statement(request, translation.get_language())


@require_GET
def accessibility_statement(request, language):
    """The statement of one language version, at its own address (the footer links here)."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    return _statement(request, language)


def _statement(request, language):
    with translation.override(language):
        return render(
            request,
            "legal/accessibility_statement.html",
            {
                "statement": selectors.statement_for(language),
                "statement_language": language,
                "other_languages": [
                    (code, name) for code, name in settings.LANGUAGES if code != language
                ],
                # Switching the language from here shows the other version's statement.
                "language_switch_next": reverse("accessibility"),
            },
        )


@require_GET
def privacy(request):
    notice = selectors.current_privacy_notice()
    acknowledgement = (
        selectors.acknowledgement(user=request.user, notice=notice) if notice else None
    )
    return render(
        request,
        "legal/privacy_notice.html",
        {
            "notice": notice,
            "current": notice,
            "acknowledgement": acknowledgement,
            "must_acknowledge": bool(
                notice and request.user.is_authenticated and acknowledgement is None
            ),
            "next": next_url(request),
        },
    )


@require_POST
def privacy_acknowledge(request):
    """ "I have read it": the version shown (a newer one published meanwhile is asked for next)."""
    if not request.user.is_authenticated:
        return redirect("privacy")
    try:
        notice = selectors.privacy_notice(int(request.POST.get("version", "")))
    except ValueError:
        notice = None
    if notice is None:
        messages.error(
            request,
            _("Nie ma takiej wersji informacji o przetwarzaniu danych – przeczytaj aktualną."),
        )
        return redirect("privacy")
    services.acknowledge_privacy_notice(user=request.user, notice=notice)
    request.session[SESSION_KEY] = notice.version
    return redirect(next_url(request))


@require_GET
def privacy_versions(request):
    notices = list(selectors.published_privacy_notices().only("version", "published_at"))
    return render(
        request,
        "legal/privacy_versions.html",
        {"notices": notices, "current": notices[0] if notices else None},
    )


@require_GET
def privacy_version(request, version):
    notice = selectors.privacy_notice(version)
    if notice is None:
        raise Http404
    return render(
        request,
        "legal/privacy_notice.html",
        {"notice": notice, "current": selectors.current_privacy_notice(), "archived": True},
    )
