from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorbank.accounts.models import normalise_email
from mentorbank.applications.models import VALUE_STATEMENTS, Application
from mentorbank.core.forms import field_of
from mentorbank.organisations.models import Employee
from mentorbank.organisations.validators import LANGUAGE_NAMES
from mentorbank.programmes.fields import CompetenceListField
from mentorbank.programmes.models import Programme, ProgrammeQuestion

SCALE = [(str(n), str(n)) for n in range(1, 6)]


class ApplicationForm(forms.ModelForm):
    competences_offered_text = CompetenceListField(label=_("Competences I can offer"))
    competences_sought_text = CompetenceListField(label=_("Competences I am looking for"))
    languages = forms.MultipleChoiceField(
        label=_("Languages I can use in mentoring"), choices=LANGUAGE_NAMES, widget=forms.CheckboxSelectMultiple
    )
    preferred_mentor_email = forms.EmailField(
        label=_("A mentor I would like (work e-mail)"),
        required=False,
        help_text=_("Optional. The person must work for an organisation of the programme."),
    )
    excluded_emails = forms.CharField(
        label=_("People I should not be matched with (work e-mails)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, one per line. Only the coordinators and the matching committee see this."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my application is processed for this programme as the privacy notice describes."),
    )

    class Meta:
        model = Application
        fields = [
            "role",
            "goals",
            "themes",
            "experience_years",
            "career_stage",
            "meeting_mode",
            "location",
            "interests",
            "cross_unit",
            "mentor_capacity",
        ]
        widgets = {
            "role": forms.RadioSelect,
            "goals": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "interests": forms.Textarea(attrs={"rows": 2}),
            "cross_unit": forms.RadioSelect,
            "meeting_mode": forms.RadioSelect,
        }
        help_texts = {
            "mentor_capacity": _("Only for mentors."),
            "interests": _("Shared hobbies often help a pair to trust each other."),
        }

    def __init__(self, *args: Any, programme: Programme, employee: Employee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme, self.employee = programme, employee
        field_of(self, "role", forms.ChoiceField).choices = Application.ROLES  # no "---------" among the radios
        field_of(self, "themes", forms.ModelChoiceField).queryset = programme.themes.all()
        if not programme.themes.exists():
            del self.fields["themes"]
        for key, statement in VALUE_STATEMENTS:
            self.fields[f"value_{key}"] = forms.TypedChoiceField(
                label=statement,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = disagree completely, 5 = agree completely"),
            )
        self.questions = list(programme.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = question_field(question)
        application = self.instance
        if application.pk:
            self.initial.update(
                {
                    "competences_offered_text": [c.name for c in application.competences_offered.all()],
                    "competences_sought_text": [c.name for c in application.competences_sought.all()],
                    "languages": application.languages,
                    "preferred_mentor_email": application.preferred_mentor.email
                    if application.preferred_mentor
                    else "",
                    "excluded_emails": "\n".join(e.email for e in application.excluded.all()),
                    "consent": True,
                    **{f"value_{key}": application.values.get(key) for key, _s in VALUE_STATEMENTS},
                    **{f"question_{q.pk}": application.answers.get(str(q.pk)) for q in self.questions},
                }
            )
        else:
            self.initial.setdefault("languages", employee.language_list)
            self.initial.setdefault("location", employee.work_location)

    def programme_people(self):
        organisations = [
            self.programme.owner_id,
            *self.programme.participating_organisations.values_list("pk", flat=True),
        ]
        return Employee.objects.filter(organisation__in=organisations)

    def clean_preferred_mentor_email(self) -> Employee | None:
        email = self.cleaned_data["preferred_mentor_email"]
        if not email:
            return None
        found = self.programme_people().filter(email=normalise_email(email)).exclude(pk=self.employee.pk).first()
        if found is None:
            raise forms.ValidationError(_("Nobody in the programme's organisations has this work e-mail."))
        return found

    def clean_excluded_emails(self) -> list[Employee]:
        emails = {normalise_email(e) for e in self.cleaned_data["excluded_emails"].split() if e.strip()}
        found = list(self.programme_people().filter(email__in=emails))
        unknown = emails - {e.email for e in found}
        if unknown:
            raise forms.ValidationError(
                _("Nobody in the programme's organisations has these work e-mails: %(emails)s"),
                params={"emails": ", ".join(sorted(unknown))},
            )
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        if data.get("role") == Application.MENTEE:
            data["mentor_capacity"] = 1
        elif data.get("mentor_capacity") is not None and not 1 <= data["mentor_capacity"] <= 10:
            self.add_error("mentor_capacity", _("Give a number from 1 to 10."))
        return data

    def question_answers(self) -> dict[str, Any]:
        return {
            str(q.pk): self.cleaned_data[f"question_{q.pk}"]
            for q in self.questions
            if self.cleaned_data.get(f"question_{q.pk}") not in (None, "")
        }

    def value_answers(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"value_{key}"] for key, _s in VALUE_STATEMENTS}


def question_field(question: ProgrammeQuestion) -> forms.Field:
    if question.kind == "choice":
        return forms.ChoiceField(
            label=question.text,
            required=question.required,
            widget=forms.RadioSelect,
            choices=[(c, c) for c in question.choice_list],
        )
    if question.kind == "scale":
        return forms.TypedChoiceField(
            label=question.text,
            required=question.required,
            choices=SCALE,
            coerce=int,
            widget=forms.RadioSelect,
            empty_value=None,
            help_text=_("1 = disagree completely, 5 = agree completely"),
        )
    return forms.CharField(
        label=question.text, required=question.required, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("approved", _("Approve")), ("declined", _("Decline"))],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you decline. The applicant sees it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        if data.get("decision") == "declined" and not data.get("reason", "").strip():
            self.add_error("reason", _("Tell the applicant why."))
        return data
