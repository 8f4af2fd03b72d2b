from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from mentorbank.accounts.models import normalise_email
from mentorbank.organisations.models import Organisation


class AdminForm(forms.Form):
    """An organisation admin: who they are (an account is made for a new address)."""

    admin_email = forms.EmailField(label=_("Admin's work e-mail"))
    admin_name = forms.CharField(label=_("Admin's name"), max_length=200)

    def clean_admin_email(self) -> str:
        return normalise_email(self.cleaned_data["admin_email"])


class OrganisationForm(forms.ModelForm, AdminForm):
    """A new organisation and its first admin."""

    class Meta:
        model = Organisation
        fields = ["name", "slug", "business_id", "default_language"]
        help_texts = {
            "slug": _(
                "Lower-case letters, digits and hyphens; it appears in the addresses of the organisation's pages."
            ),
            "business_id": _("The Finnish business ID, for example 0123456-7."),
        }

    field_order = ["name", "slug", "business_id", "default_language", "admin_email", "admin_name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = (
            str(self.fields["slug"].help_text) + " " + str(_("Left empty, it is made from the name."))
        )

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.data.get(self.add_prefix("name"), ""))[:50]
        if not slug:
            raise forms.ValidationError(_("Give a short name of letters and digits."))
        if Organisation.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another organisation has this short name already."))
        return slug
