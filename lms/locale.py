"""Polish first: the interface language is Polish unless the person chose another one."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PolishFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is not consulted.

    Municipal staff often use browsers set up in English; the platform is a Polish public service,
    so only an explicit choice (the language switcher's cookie) changes the language.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
