from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentorbank.applications.models import Application
from mentorbank.core.forms import field_of
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

from .cohort import approved_applications
from .engine import CRITERIA
from .models import MatchingRun, PairDecision
from .phases import formats_left, run_formats
from .reasons import CRITERION_LABELS


class RunForm(forms.Form):
    format = forms.ChoiceField(label=_("What to form"), widget=forms.RadioSelect)
    objective = forms.ChoiceField(
        label=_("Objective"),
        choices=MatchingRun.OBJECTIVES,
        widget=forms.RadioSelect,
        help_text=_("For pairs; groups and peer pairs always place the most people, then the best fit."),
    )
    groups_per_mentor = forms.IntegerField(
        label=_("Groups one mentor may lead"),
        min_value=1,
        max_value=5,
        initial=1,
        required=False,
        help_text=_(
            "For small groups: a mentor's capacity means the groups they lead, one unless you allow more here. "
            "A mentor gets a second group only when every mentor who can lead a group has one."
        ),
    )
    uneven_groups = forms.BooleanField(
        label=_("Allow one mentor several groups while others lead none, where the fit is better"),
        required=False,
    )

    def __init__(self, *args, weights: dict[str, float], programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        formats = formats_left(programme) or run_formats(programme)
        field_of(self, "format", forms.ChoiceField).choices = formats
        self.fields["format"].initial = formats[0][0]
        for name in CRITERIA:
            self.fields[f"weight_{name}"] = forms.FloatField(
                label=CRITERION_LABELS[name], min_value=0, max_value=10, initial=weights.get(name, 1.0)
            )
        self.fields["objective"].initial = MatchingRun.OBJECTIVES[0][0]

    def clean(self) -> dict:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        if all(not data.get(f"weight_{name}") for name in CRITERIA if f"weight_{name}" in data):
            raise forms.ValidationError(_("At least one weight must be above zero."))
        return data

    def clean_groups_per_mentor(self) -> int:
        return self.cleaned_data.get("groups_per_mentor") or 1

    @property
    def weights(self) -> dict[str, float]:
        return {name: self.cleaned_data[f"weight_{name}"] for name in CRITERIA}


def person_label(application: Application) -> str:
    employee = application.employee
    return f"{employee.last_name}, {employee.first_name} – {employee.unit.name}"


class ApplicationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return person_label(obj)


class PickForm(forms.Form):
    """The committee picks a pair by hand; it becomes a lock."""

    mentee = ApplicationChoice(label=_("Mentee"), queryset=Application.objects.none())
    mentor = ApplicationChoice(label=_("Mentor"), queryset=Application.objects.none())

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        approved = self.people(programme)
        field_of(self, "mentee", forms.ModelChoiceField).queryset = approved.filter(
            role__in=[Application.MENTEE, Application.BOTH]
        )
        field_of(self, "mentor", forms.ModelChoiceField).queryset = approved.filter(
            role__in=[Application.MENTOR, Application.BOTH]
        )

    def people(self, programme: Programme) -> QuerySet[Application]:
        return approved_applications(programme).prefetch_related(None)


class DecideForm(forms.Form):
    proposal = forms.IntegerField()
    kind = forms.ChoiceField(choices=PairDecision.KINDS)


class CompareForm(forms.Form):
    first = forms.IntegerField(label=_("Run"), min_value=1)
    second = forms.IntegerField(label=_("Compared with run"), min_value=1)


class StaffPairForm(PickForm):
    """A supervisor pairs two of their own staff."""

    def __init__(self, *args, programme: Programme, supervisor: Employee, **kwargs) -> None:
        self.supervisor = supervisor
        super().__init__(*args, programme=programme, **kwargs)

    def people(self, programme: Programme) -> QuerySet[Application]:
        return super().people(programme).filter(employee__supervisor=self.supervisor)
