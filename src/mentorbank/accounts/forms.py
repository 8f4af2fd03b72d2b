from collections.abc import Iterator
from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import SingleSignOn

from .models import User, normalise_email


class AccountPasswordResetForm(PasswordResetForm):
    """Also for people whose account was made by an HR import and who have
    no password yet: the reset link is how they set their first one."""

    def get_users(self, email: str) -> Iterator[User]:
        from .sso import passwords_refused

        users = User.objects.filter(email=normalise_email(email), is_active=True)
        # no password to reset for someone who may sign in only through their organisation's provider
        return (user for user in users if not passwords_refused(user))

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(
                subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name
            )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("For example the name of the system that will use it."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SingleSignOnForm(forms.ModelForm):
    """The secret is stored encrypted and never shown again: left empty, the saved one stays."""

    client_secret = forms.CharField(
        label=_("Client secret"), max_length=500, required=False, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )  # fmt: skip

    class Meta:
        field_classes = {"issuer": partial(forms.URLField, assume_scheme="https")}
        model = SingleSignOn
        fields = ["enabled", "issuer", "client_id", "link_by", "personal_id_claim", "passwords_allowed"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.client_secret_ciphertext:
            self.fields["client_secret"].help_text = _("A secret is saved. Leave this empty to keep it.")
        # the field comes after the client ID, as on the provider's page
        order = ["enabled", "issuer", "client_id", "client_secret"]
        self.order_fields(order + [name for name in self.fields if name not in order])

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data["client_secret"]
        if not secret and not self.instance.client_secret_ciphertext:
            raise forms.ValidationError(_("Enter the client secret the provider gave."))
        return secret

    def save(self, commit: bool = True) -> SingleSignOn:
        if self.cleaned_data["client_secret"]:
            self.instance.client_secret = self.cleaned_data["client_secret"]
        return super().save(commit=commit)


class SignInForm(AuthenticationForm):
    """The password sign-in, refused for people whose organisations all sign them in with their own account."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        from .sso import passwords_refused

        if passwords_refused(user):
            raise forms.ValidationError(
                _("Your organisation signs you in with its own account: use its button below."),
                code="single_sign_on_only",
            )
