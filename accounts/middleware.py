from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# The signed-in user's profile language, copied into the session at sign-in and when they
# change it, so that no request reads the profile.
SESSION_LANGUAGE_KEY = "profile_language"


def known_language(code: object) -> str:
    """`code` when it is one of LANGUAGES, else ""."""
    codes = {code for code, _name in settings.LANGUAGES}
    return code if isinstance(code, str) and code in codes else ""


class ProfileLanguageMiddleware:
    """After LocaleMiddleware (the cookie, then the browser's Accept-Language): a language
    chosen on the consultant's profile wins. Blank on the profile leaves the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        language = known_language(session.get(SESSION_LANGUAGE_KEY)) if session else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
