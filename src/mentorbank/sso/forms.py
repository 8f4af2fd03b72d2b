from functools import partial
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import SingleSignOn


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
