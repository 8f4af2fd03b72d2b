"""Signing in through the organisation's own OpenID Connect provider, and its admin's settings."""

from urllib.parse import urlencode

from authlib.integrations.base_client import OAuthError
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorbank.core import audit
from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.organisations.models import SingleSignOn

from . import services as sso
from .forms import SingleSignOnForm


def config_of(org_slug: str) -> SingleSignOn:
    config = SingleSignOn.objects.filter(organisation__slug=org_slug, enabled=True).select_related("organisation")
    found = config.first()
    if found is None:
        raise Http404
    return found


def sso_start(request: HttpRequest, org_slug: str) -> HttpResponse:
    config = config_of(org_slug)
    callback = request.build_absolute_uri(reverse("sso:callback", args=[org_slug]))
    return sso.client_for(config).authorize_redirect(request, callback)


def sso_callback(request: HttpRequest, org_slug: str) -> HttpResponse:
    config = config_of(org_slug)
    client = sso.client_for(config)
    try:
        token = client.authorize_access_token(request)  # checks state, nonce and the ID token's signature
        claims = dict(token.get("userinfo") or {})
        if not claims.get("email") and config.link_by == SingleSignOn.EMAIL:
            claims.update(client.userinfo(token=token))
        user = sso.account_for(config=config, claims=claims, origin=origin_of(request))
    except OAuthError:
        return refused_page(request, sso.SignInRefused("provider_failed"))
    except sso.SignInRefused as refused:
        return refused_page(request, refused)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # kept to end the provider's session when this one signs out (RP-initiated logout)
    request.session[SIGNED_IN_THROUGH] = {"organisation": config.organisation.slug, "id_token": token.get("id_token")}
    return redirect("home:home", org_slug=config.organisation.slug)


SIGNED_IN_THROUGH = "sso_signed_in_through"


def provider_sign_out(request: HttpRequest) -> str | None:
    """The provider's address that ends its session too, for someone signing out who came through it."""
    through = request.session.get(SIGNED_IN_THROUGH)
    if not through or not through.get("id_token"):
        return None
    config = SingleSignOn.objects.filter(organisation__slug=through["organisation"], enabled=True).first()
    endpoint = sso.end_session_endpoint(config) if config else None
    if config is None or endpoint is None:
        return None
    query = urlencode(
        {
            "id_token_hint": through["id_token"],
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("accounts:login")),
            "client_id": config.client_id,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def refused_page(request: HttpRequest, refused: sso.SignInRefused) -> HttpResponse:
    return render(request, "sso/refused.html", {"message": refused.message}, status=403)


@organisation_view("manage_roles")
def sso_settings(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    current = SingleSignOn.objects.filter(organisation=organisation).first()
    form = SingleSignOnForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        config = form.save(commit=False)
        config.organisation = organisation
        config.save()
        audit.record(
            actor=request.user,
            action="sso.changed",
            organisation=organisation,
            details={"enabled": config.enabled, "issuer": config.issuer, "passwords": config.passwords_allowed},
            origin=origin_of(request),
        )
        messages.success(request, _("Single sign-on settings saved."))
        return redirect("sso:settings", org_slug=organisation.slug)
    callback = request.build_absolute_uri(reverse("sso:callback", args=[organisation.slug]))
    return render(request, "sso/settings.html", {"form": form, "callback": callback})
