from typing import Any

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from mentorbank.core.forms import LocalizedDecimalField, field_of
from mentorbank.organisations.models import ProfessionGroup, Unit
from mentorbank.programmes.access import programmes_of
from mentorbank.programmes.models import Programme

from .figures import Filters, period
from .models import ProgrammeCost


class ProgrammeCostForm(forms.ModelForm):
    class Meta:
        model = ProgrammeCost
        fields = ["kind", "description", "amount", "spent_on"]
        localized_fields = ["amount"]  # "3 450,50" in Finnish and Swedish, as people type money
        field_classes = {"amount": LocalizedDecimalField}
        widgets = {"spent_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


HourlyCostFormSet = modelformset_factory(
    ProfessionGroup,
    fields=["hourly_cost"],
    extra=0,
    field_classes={"hourly_cost": LocalizedDecimalField},  # "45,50" as people type it
)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)
    programme: forms.ModelChoiceField[Programme] = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False
    )
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    profession_group: forms.ModelChoiceField[ProfessionGroup] = forms.ModelChoiceField(
        label=_("Profession group"), queryset=None, required=False
    )
    whole_programme = forms.BooleanField(
        label=_("Outcomes of every organisation taking part in the programmes we own"),
        help_text=_("Otherwise the outcomes are those of our own staff."),
        required=False,
    )

    def __init__(self, *args, membership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisation = membership.organisation
        field_of(self, "programme", forms.ModelChoiceField).queryset = programmes_of(membership).order_by("name_fi")
        field_of(self, "unit", forms.ModelChoiceField).queryset = organisation.units.order_by("name")
        field_of(self, "profession_group", forms.ModelChoiceField).queryset = organisation.profession_groups.order_by(
            "name"
        )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must not be before the start."))
        return data


def filters_from(form: ReportFilterForm, membership: Any) -> Filters:
    """The chosen filters; by default the calendar year so far. Invalid input falls back to the defaults
    (the form shows its errors)."""
    data = form.cleaned_data if form.is_valid() else {}
    start, end = period(data.get("start"), data.get("end"))
    return Filters(
        organisation=membership.organisation,
        start=start,
        end=end,
        programme_id=data["programme"].pk if data.get("programme") else None,
        unit_id=data["unit"].pk if data.get("unit") else None,
        profession_group_id=data["profession_group"].pk if data.get("profession_group") else None,
        whole_programme=bool(data.get("whole_programme")),
    )
