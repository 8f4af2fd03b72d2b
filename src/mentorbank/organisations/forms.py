from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorbank.core.forms import field_of

from .models import ImportBatch, Organisation, OrganisationRole, ProfessionGroup, Unit


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What does the file contain?"), choices=ImportBatch.KINDS, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A .csv (UTF-8) or .xlsx file with the columns listed below."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, help_text=_("Name, e-mail, job title or personal ID")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    profession_group = forms.ModelChoiceField(
        label=_("Profession group"),
        queryset=ProfessionGroup.objects.none(),
        required=False,
        empty_label=_("All profession groups"),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "unit", forms.ModelChoiceField).queryset = organisation.units.all()
        field_of(self, "profession_group", forms.ModelChoiceField).queryset = organisation.profession_groups.all()


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label=_("Work e-mail of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationRole.CHOICES)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        employee = self.organisation.employees.filter(email=email, user__isnull=False).select_related("user").first()
        if employee is None:
            raise forms.ValidationError(_("No employee of this organisation has that work e-mail."))
        self.user = employee.user
        return email


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["default_language", "training_day_minutes", "bank_requests_outside_programmes"]
