from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SingleSignOnConfig(AppConfig):
    """Signing in through an organisation's own OpenID Connect provider, and its settings."""

    name = "mentorbank.sso"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        from mentorbank.accounts import signin

        from . import services, views

        signin.PASSWORD_REFUSERS.append(services.passwords_refused)
        signin.OTHER_WAYS_IN.append(services.ways_in)
        signin.SIGN_OUT_ELSEWHERE.append(views.provider_sign_out)
