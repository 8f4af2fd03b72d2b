from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's chosen language wins over the cookie and the browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response


class RequireSecondFactor:
    """Someone with two-factor sign-in on, signed in with the password only, reaches nothing but the
    code page, signing out and the language choice (the API answers 403)."""

    OPEN = ("accounts:two_factor_verify", "accounts:logout", "accounts:set_language")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.has_second_factor:
            return self.get_response(request)
        if not user.is_verified() and self.guarded(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Give the two-factor code first."}, status=403)
            return redirect_to_login(request.get_full_path(), reverse("accounts:two_factor_verify"))
        return self.get_response(request)

    def guarded(self, request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL or "/static/"):
            return False
        match = getattr(request, "resolver_match", None) or resolve_quietly(request.path_info)
        return match is None or match.view_name not in self.OPEN


def resolve_quietly(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None
