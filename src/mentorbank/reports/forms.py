from django import forms
from django.forms import modelformset_factory

from mentorbank.core.forms import LocalizedDecimalField
from mentorbank.organisations.models import ProfessionGroup

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
