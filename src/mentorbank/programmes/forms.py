from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentorbank.accounts.models import User, normalise_email
from mentorbank.core.forms import LocalizedDecimalField, field_of
from mentorbank.organisations.models import Organisation, ProfessionGroup, Unit
from mentorbank.programmes.formats import PROGRAMME_FORMATS
from mentorbank.programmes.models import Programme, ProgrammeQuestion

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsortiumChoiceField(forms.ModelMultipleChoiceField):
    """Units or profession groups, named with their organisation where several organisations take part."""

    name_organisations = False

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation})" if self.name_organisations else str(obj.name)


# the programme form's sections, in order: (anchor, legend, fields); the page lists them at the top, and
# the model fields among them are the form's fields
SECTIONS = [
    (
        "names",
        _("Name and description"),
        ["name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en"],
    ),
    (
        "who",
        _("Who takes part"),
        [
            "eligibility",
            "eligible_units",
            "eligible_profession_groups",
            "eligible_started_within_months",
            "eligible_hr_tag",
        ],
    ),
    (
        "formats",
        _("Formats and themes"),
        [
            "formats",
            "group_min_mentees",
            "group_max_mentees",
            "co_mentoring_max_mentees",
            "groups_within_profession",
            "themes",
        ],
    ),
    (
        "matching",
        _("Applications and matching"),
        [
            "application_opens",
            "application_closes",
            "matching_method",
            "takes_bank_requests",
            "committee_emails",
            "cross_organisation_pairs",
            "hr_approves_participation",
            "requires_trained_mentors",
        ],
    ),
    (
        "duration",
        _("Duration and meetings"),
        ["duration_kind", "duration_months", "duration_meetings", "meeting_every_weeks", "meeting_minutes"],
    ),
    (
        "working-time",
        _("Working time, substitutes and compensation"),
        [
            "working_time_minutes",
            "working_time_period",
            "substitutes_arranged",
            "compensation",
            "compensation_euros",
        ],
    ),
    (
        "follow-up",
        _("Follow-up"),
        [
            "checkpoint_after_meetings",
            "follow_up_after_months",
            "final_survey",
            "quiet_after_weeks",
            "waiting_after_days",
        ],
    ),
    ("privacy", _("Privacy"), ["privacy_notice"]),
]
FORM_ONLY = {"themes", "committee_emails"}  # declared on the form below, not the model


class ProgrammeForm(forms.ModelForm):
    formats = forms.MultipleChoiceField(
        label=_("Formats allowed"), choices=PROGRAMME_FORMATS, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.CharField(
        label=_("Themes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One theme per line, for example “New ways of working” or “Career choices”."),
    )
    committee_emails = forms.CharField(
        label=_("Matching committee"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Work e-mails of the committee members, one per line. They must work for a participating organisation."
        ),
    )

    class Meta:
        model = Programme
        localized_fields = ["compensation_euros"]  # a decimal comma, as people type money
        field_classes = {
            "eligible_units": ConsortiumChoiceField,
            "eligible_profession_groups": ConsortiumChoiceField,
            "compensation_euros": LocalizedDecimalField,
        }
        fields = [name for _anchor, _legend, names in SECTIONS for name in names if name not in FORM_ONLY]
        widgets = {
            "application_opens": DATE,
            "application_closes": DATE,
            "eligibility": forms.RadioSelect,
            "eligible_units": forms.SelectMultiple(attrs={"size": 8}),
            "eligible_profession_groups": forms.CheckboxSelectMultiple,
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "privacy_notice": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "working_time_minutes": _("For example 90 minutes per month. Leave empty for no limit."),
            "privacy_notice": _("Shown to applicants with the consent to process their data."),
        }

    def sections(self) -> list[dict[str, Any]]:
        return [
            {
                "id": anchor,
                "legend": legend,
                "fields": [self[name] for name in names],
                "has_errors": self.is_bound and any(self.errors.get(name) for name in names),
            }
            for anchor, legend, names in SECTIONS
        ]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        # a consortium's eligibility covers every participating organisation's own units and groups
        self.organisations = [organisation]
        if self.instance.pk:
            self.organisations += list(self.instance.participating_organisations.all())
        units = field_of(self, "eligible_units", ConsortiumChoiceField)
        units.queryset = (
            Unit.objects.filter(organisation__in=self.organisations)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        groups = field_of(self, "eligible_profession_groups", ConsortiumChoiceField)
        groups.queryset = ProfessionGroup.objects.filter(organisation__in=self.organisations).select_related(
            "organisation"
        )
        units.name_organisations = groups.name_organisations = len(self.organisations) > 1
        if self.instance.pk:
            self.initial["themes"] = "\n".join(t.name for t in self.instance.themes.all())
            self.initial["committee_emails"] = "\n".join(u.email for u in self.instance.committee_members.all())

    def clean_themes(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["themes"].splitlines() if line.strip()]
        too_long = [line for line in lines if len(line) > 200]
        if too_long:
            raise forms.ValidationError(_("A theme can be at most 200 characters long."))
        return list(dict.fromkeys(lines))

    def clean_committee_emails(self) -> list[User]:
        emails = [normalise_email(line) for line in self.cleaned_data["committee_emails"].split() if line.strip()]
        staff = Q(employments__organisation__in=self.organisations)
        if self.instance.pk:  # the programme's outside trainers and coaches may sit on its committee too
            staff |= Q(programme_guest_roles__programme=self.instance, programme_guest_roles__removed_at__isnull=True)
        users = {u.email: u for u in User.objects.filter(staff, email__in=emails).distinct()}
        unknown = [email for email in emails if email not in users]
        if unknown:
            raise forms.ValidationError(
                _("Nobody of the participating organisations has these work e-mails: %(emails)s"),
                params={"emails": ", ".join(unknown)},
            )
        return list(users.values())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        self.check_rules(data)
        return data

    def check_rules(self, data: dict[str, Any]) -> None:
        opens, closes = data.get("application_opens"), data.get("application_closes")
        if opens and closes and closes < opens:
            self.add_error("application_closes", _("Applications cannot close before they open."))
        low, high = data.get("group_min_mentees"), data.get("group_max_mentees")
        if low is not None and high is not None and low > high:
            self.add_error("group_max_mentees", _("The largest group cannot be smaller than the smallest."))
        if data.get("eligibility") == Programme.ELIGIBLE_UNITS and not data.get("eligible_units"):
            self.add_error("eligible_units", _("Choose at least one unit."))
        if data.get("eligibility") == Programme.ELIGIBLE_GROUPS and not data.get("eligible_profession_groups"):
            self.add_error("eligible_profession_groups", _("Choose at least one profession group."))
        if data.get("duration_kind") == "meetings" and not data.get("duration_meetings"):
            self.add_error("duration_meetings", _("Give the number of meetings."))
        if bool(data.get("working_time_minutes")) != bool(data.get("working_time_period")):
            self.add_error("working_time_period", _("Give both the minutes and the period, or neither."))
        if data.get("compensation", "none") != "none" and not data.get("compensation_euros"):
            self.add_error("compensation_euros", _("Give the amount of the compensation."))
        if data.get("duration_kind") == "months" and not data.get("duration_months"):
            self.add_error("duration_months", _("A programme lasts at least one month."))
        if data.get("duration_kind") == "meetings" and not data.get("duration_meetings"):
            self.add_error("duration_meetings", _("Give the number of meetings, at least one."))


class ProgrammeCopyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Copy into organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    name_fi = forms.CharField(label=_("Name of the copy in Finnish"), max_length=200)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "organisation", forms.ModelChoiceField).queryset = organisations


class QuestionForm(forms.ModelForm):
    class Meta:
        model = ProgrammeQuestion
        fields = ["text", "kind", "choices", "required"]
        widgets = {"kind": forms.RadioSelect, "choices": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        choices = [line for line in data.get("choices", "").splitlines() if line.strip()]
        if data.get("kind") == "choice" and len(choices) < 2:
            self.add_error("choices", _("Give at least two choices, one per line."))
        return data
