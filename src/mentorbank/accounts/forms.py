from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import User, normalise_email
from .signin import passwords_refused


class AccountPasswordResetForm(PasswordResetForm):
    """Also for people whose account was made by an HR import and who have
    no password yet: the reset link is how they set their first one."""

    def get_users(self, email: str) -> Iterator[User]:
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


class SignInForm(AuthenticationForm):
    """The password sign-in, refused for people whose organisations all sign them in with their own account."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if passwords_refused(user):
            raise forms.ValidationError(
                _("Your organisation signs you in with its own account: use its button below."),
                code="single_sign_on_only",
            )


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["announcements_opt_out"]
