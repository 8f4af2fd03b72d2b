from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from mentorbank.core.http import origin_of

from . import signin
from . import two_factor as two_factor_auth
from .forms import AccountPasswordResetForm, ApiTokenForm, CodeForm, LanguageForm, PreferencesForm, SignInForm
from .http import AuthenticatedRequest


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = SignInForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "other_ways_in": signin.other_ways_in()}


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Remember the language on the account (and in a cookie for the sign-in page)."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        from django.conf import settings

        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # the setting holds one of Django's SameSite values
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


@login_required
def preferences(request: AuthenticatedRequest) -> HttpResponse:
    """What e-mail one wants: announcements of new programmes can be turned off."""
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail preferences were saved."))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    from .models import ApiToken

    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = ApiToken.issue(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
def api_token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=token_id)
    if request.method == "POST":
        token.delete()
        messages.success(request, _("The token was revoked. Systems using it can no longer sign in with it."))
        return redirect("accounts:api_tokens")
    return render(request, "accounts/api_token_revoke.html", {"token": token})


@login_required
def two_factor(request: AuthenticatedRequest) -> HttpResponse:
    """Turn two-factor sign-in on (scan, then confirm with a code) or off (with a code)."""
    if not two_factor_auth.may_use(request.user):
        raise PermissionDenied
    form = CodeForm(request.POST or None)
    device = two_factor_auth.device_of(request.user)
    pending = None if device else two_factor_auth.device_of(request.user, confirmed=False)
    action = request.POST.get("action")
    if request.method == "POST" and action == "start" and device is None:
        two_factor_auth.start(request.user)
        return redirect("accounts:two_factor")
    if request.method == "POST" and action in ("confirm", "off") and form.is_valid():
        code = form.cleaned_data["code"]
        if (
            action == "confirm"
            and pending
            and two_factor_auth.confirm(user=request.user, device=pending, code=code, origin=origin_of(request))
        ):
            otp_login(request, pending)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("accounts:two_factor")
        if (
            action == "off"
            and device
            and two_factor_auth.turn_off(user=request.user, code=code, origin=origin_of(request))
        ):
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:two_factor")
        form.add_error("code", _("The code is not right, or it has expired. Try the newest code."))
    context = {"form": form, "device": device, "pending": pending}
    if pending:
        context["qr_code"] = two_factor_auth.qr_code(pending)
    return render(request, "accounts/two_factor.html", context)


@login_required
def two_factor_verify(request: AuthenticatedRequest) -> HttpResponse:
    """The second step of signing in."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor_auth.verified_device(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            target = request.GET.get("next", "")
            safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
            return redirect(target if safe and target else "home:start")
        form.add_error("code", _("The code is not right, or it has expired. Try the newest code."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


class LogoutView(auth_views.LogoutView):
    """Signing out; someone who came through their organisation's provider is then sent to it to end
    that session too, where the provider supports it."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        elsewhere = next((url for where in signin.SIGN_OUT_ELSEWHERE if (url := where(request))), None)
        response = super().post(request, *args, **kwargs)
        return redirect(elsewhere) if elsewhere else response
