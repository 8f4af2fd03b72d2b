from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorbank.bank.models import MentorProfile
from mentorbank.core.forms import field_of
from mentorbank.organisations.models import Employee, Unit
from mentorbank.organisations.validators import LANGUAGE_NAMES
from mentorbank.programmes.fields import CompetenceListField
from mentorbank.programmes.models import Competence, Programme


class MentorProfileForm(forms.ModelForm):
    competences_text = CompetenceListField(label=_("Competences"))

    class Meta:
        model = MentorProfile
        fields = ["introduction", "themes", "meeting_mode", "capacity", "availability", "visibility"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "meeting_mode": forms.RadioSelect,
            "availability": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["competences_text"] = [c.name for c in self.instance.competences.all()]

    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= 10:
            raise forms.ValidationError(_("Give a number from 1 to 10."))
        return capacity


class BankSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        help_text=_("For example: johtaminen, perehdytys, change leadership"),
    )
    theme = forms.CharField(
        label=_("Theme"), required=False, max_length=100, help_text=_("For example: uravalinnat, hyvinvointi")
    )
    competence: forms.ModelChoiceField[Competence] = forms.ModelChoiceField(
        label=_("Competence"), queryset=None, required=False, empty_label=_("All competences")
    )
    profession_group = forms.ChoiceField(label=_("Profession group"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *LANGUAGE_NAMES],
    )
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=_("All units")
    )
    remote = forms.BooleanField(label=_("Can meet remotely"), required=False)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "competence", forms.ModelChoiceField).queryset = organisation.competences.all()
        field_of(self, "unit", forms.ModelChoiceField).queryset = organisation.units.order_by("name")
        groups = organisation.profession_groups.values_list("name", flat=True)
        field_of(self, "profession_group", forms.ChoiceField).choices = [
            ("", _("All profession groups")),
            *((g, g) for g in groups),
        ]


class ProgrammeChoiceMixin(forms.Form):
    """Which programme a bank request belongs to, where there is a choice: the programmes open to the
    mentee, and "outside any programme" where the organisation allows it. The first is the default."""

    OUTSIDE = "outside"
    programme = forms.ChoiceField(label=_("Under which programme"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, programmes: list[Programme], outside_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programmes = {str(p.pk): p for p in programmes}
        choices: list[tuple[str, Any]] = [(key, p.name) for key, p in self.programmes.items()]
        if outside_allowed:
            choices.append((self.OUTSIDE, _("Outside any programme")))
        field = field_of(self, "programme", forms.ChoiceField)
        field.choices = choices
        field.initial = choices[0][0] if choices else None
        if len(choices) <= 1:  # nothing to choose: the page says which rules apply
            del self.fields["programme"]

    def chosen_programme(self) -> Programme | None:
        key = self.cleaned_data.get("programme")
        if key is None:  # no choice offered
            return next(iter(self.programmes.values()), None)
        return self.programmes.get(key)


class MentorRequestForm(ProgrammeChoiceMixin):
    message = forms.CharField(
        label=_("Message to the mentor"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell briefly who you are and what you would like to work on."),
    )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"), widget=forms.RadioSelect, choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    answer = forms.CharField(
        label=_("Message to the mentee"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ColleagueRequestForm(ProgrammeChoiceMixin):
    email = forms.EmailField(label=_("The colleague's work e-mail"))
    message = forms.CharField(
        label=_("Message to the colleague"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell briefly who you are and why you would like them as your mentor."),
    )


class GuestAskForm(forms.Form):
    name = forms.CharField(label=_("Name of the person"), max_length=200)
    email = forms.EmailField(label=_("Their e-mail"))
    employer = forms.CharField(label=_("Their employer"), max_length=200)
    reason = forms.CharField(
        label=_("Why this person"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A mentor from outside is a special case that HR approves. Tell HR why this person."),
    )


class ProposalForm(forms.Form):
    """A supervisor suggests this mentor to one of their staff."""

    staff_member: forms.ModelChoiceField[Employee] = forms.ModelChoiceField(
        label=_("Staff member"), queryset=Employee.objects.none()
    )
    message = forms.CharField(
        label=_("Message to your staff member and the mentor"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this mentor, and what they could work on together."),
    )

    def __init__(self, *args: Any, supervisor: Employee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "staff_member", forms.ModelChoiceField).queryset = Employee.objects.filter(
            supervisor=supervisor, anonymised_at__isnull=True
        ).order_by("last_name", "first_name")
