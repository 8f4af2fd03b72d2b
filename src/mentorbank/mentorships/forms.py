import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mentorbank.core.dates import exists_locally, happens_twice, nearest_existing
from mentorbank.core.forms import LocalizedDecimalField, field_of
from mentorbank.organisations.models import Employee, Unit

from .models import Agreement, Member

TERMS = [
    "starts_on",
    "ends_on",
    "meeting_every_weeks",
    "meeting_minutes",
    "meeting_form",
    "meeting_place",
    "working_time",
    "confidentiality",
    "ending",
]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(forms.ModelForm):
    """The agreement's terms and 1–2 goals for each mentee (each peer in peer mentoring)."""

    class Meta:
        model = Agreement
        fields = TERMS
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "working_time": forms.Textarea(attrs={"rows": 2}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "ending": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, members: list[Member], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.goal_members = [m for m in members if m.has_goals]
        for member in self.goal_members:
            goals = self.instance.goals_of(member.employee) if self.instance.pk else []
            for number in (1, 2):
                self.fields[f"goal_{member.employee_id}_{number}"] = forms.CharField(
                    label=_("Goal %(number)s of %(name)s") % {"number": number, "name": member.employee.full_name},
                    max_length=300,
                    required=number == 1,
                    initial=goals[number - 1] if len(goals) >= number else "",
                )
        field_of(self, "meeting_every_weeks", forms.IntegerField).min_value = 1
        field_of(self, "meeting_minutes", forms.IntegerField).min_value = 15

    def clean(self) -> dict:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The end must come after the start."))
        if data.get("meeting_form") in ("teams", "online") and not data.get("meeting_place"):
            self.add_error("meeting_place", _("Give the online link for online meetings."))
        return data

    def goal_fields(self):
        return [self[name] for name in self.fields if name.startswith("goal_")]

    @property
    def terms(self) -> dict:
        return {name: self.cleaned_data[name] for name in TERMS}

    @property
    def goals(self) -> dict[str, list[str]]:
        result = {}
        for member in self.goal_members:
            texts = [self.cleaned_data.get(f"goal_{member.employee_id}_{n}", "").strip() for n in (1, 2)]
            result[str(member.employee_id)] = [text for text in texts if text]
        return result


class SendBackForm(forms.Form):
    reason = forms.CharField(label=_("Why send it back"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class EndForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberForm(forms.Form):
    """The person is picked among at most MEMBER_CHOICES people found by name, e-mail or personal ID, not
    from a list of the whole organisation (tens of thousands of options on one page)."""

    employee: forms.ModelChoiceField[Employee] = forms.ModelChoiceField(
        label=_("Person"), queryset=None, widget=forms.RadioSelect
    )
    role = forms.ChoiceField(label=_("Role"), choices=Member.ROLES[:2])

    def __init__(self, *args, organisation, search: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = organisation.employees.filter(anonymised_at__isnull=True, deactivated_at__isnull=True)
        field = field_of(self, "employee", forms.ModelChoiceField)
        field.queryset = people  # what a posted choice is checked against
        found = people.search(search).order_by("last_name", "first_name")[:MEMBER_CHOICES] if search else []
        field.choices = [(person.pk, f"{person.full_name} ({person.email})") for person in found]


MEMBER_CHOICES = 20


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.Form):
    """One meeting, or a series every N weeks on the same weekday (Finnish public holidays left out)."""

    day = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(label=_("Time"), widget=TIME)
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=15, max_value=480)
    place = forms.CharField(label=_("Place or online link"), max_length=300, required=False)
    count = forms.IntegerField(label=_("How many meetings"), min_value=1, max_value=26, initial=1)
    every_weeks = forms.IntegerField(label=_("Every … weeks"), min_value=1, max_value=12, initial=4)
    field_order = ["day", "time", "fold", "minutes", "place", "count", "every_weeks"]

    # shown only when the time happens twice (the night the clocks go back)
    fold = forms.TypedChoiceField(
        label=_("Which one?"),
        choices=[
            (0, _("The first time, before the clocks go back (summer time)")),
            (1, _("The second time, after the clocks go back (winter time)")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        if data.get("day") and data.get("time"):
            starts_at = self.local_time(datetime.datetime.combine(data["day"], data["time"]), data.get("fold"))
            if starts_at is not None:
                data["starts_at"] = starts_at
                if starts_at < timezone.now() - datetime.timedelta(days=1):
                    self.add_error("day", _("Plan meetings for today or later."))
        return data

    @property
    def asks_which_one(self) -> bool:
        return "fold" in self.errors or self.data.get(self.add_prefix("fold")) not in (None, "")

    def local_time(self, naive: datetime.datetime, fold: int | None) -> datetime.datetime | None:
        """The meeting's moment, or None with an error: a skipped time suggests the nearest that exists,
        a repeated one asks which of the two is meant."""
        zone = timezone.get_current_timezone()
        when = {"time": f"{naive:%H:%M}", "day": date_format(naive, "SHORT_DATE_FORMAT")}
        if not exists_locally(naive, zone):
            nearest = nearest_existing(naive, zone)
            self.add_error(
                "time",
                _("%(time)s does not exist on %(day)s: the clocks go forward. The nearest time is %(nearest)s.")
                % {**when, "nearest": f"{nearest:%H:%M}"},
            )
            return None
        if happens_twice(naive, zone) and fold is None:
            self.add_error(
                "fold",
                _("%(time)s happens twice on %(day)s, when the clocks go back. Choose which one you mean.") % when,
            )
            return None
        return naive.replace(tzinfo=zone, fold=fold or 0)


class MoveForm(MeetingForm):
    field_order = ["day", "time", "fold", "minutes", "place"]
    count = None  # type: ignore[assignment]  # None removes the parent form's field (Django's way): a move has no series
    every_weeks = None  # type: ignore[assignment]  # None removes the parent form's field (Django's way): a move has no series


class RecordForm(forms.Form):
    """Each participant's working time in a held meeting."""

    def __init__(self, *args, people: list, minutes: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            self.fields[f"minutes_{person.pk}"] = forms.IntegerField(
                label=_("Working time of %(name)s (minutes)") % {"name": person.full_name},
                min_value=0,
                max_value=600,
                initial=minutes,
            )

    @property
    def minutes(self) -> dict[int, int]:
        return {person.pk: self.cleaned_data[f"minutes_{person.pk}"] for person in self.people}


class ExceptionForm(forms.Form):
    """A supervisor allows more working time for one of their staff in one period."""

    employee: forms.ModelChoiceField[Employee] = forms.ModelChoiceField(label=_("Person"), queryset=None)
    day = forms.DateField(label=_("A day in the period"), widget=DATE)
    extra_minutes = forms.IntegerField(label=_("Extra minutes"), min_value=15, max_value=600)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "employee", forms.ModelChoiceField).queryset = staff


class NoteForm(forms.Form):
    text = forms.CharField(label=_("New note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class CheckpointForm(forms.Form):
    go_on = forms.TypedChoiceField(
        label=_("Do you want to continue the mentorship?"),
        choices=[("yes", _("Yes, let's continue")), ("no", _("No, let's end it here"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("If not, why? (optional)"), max_length=1000, required=False)


class InsightForm(forms.Form):
    text = forms.CharField(
        label=_("Idea or development proposal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    units: forms.ModelMultipleChoiceField[Unit] = forms.ModelMultipleChoiceField(
        label=_("Share with the units"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units, **kwargs) -> None:
        # its own ids: the notes form on the same page has a "text" too
        kwargs.setdefault("auto_id", "id_insight_%s")
        super().__init__(*args, **kwargs)
        field_of(self, "units", forms.ModelChoiceField).queryset = units


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self) -> dict:
        data = super().clean() or {}  # Django's clean() returns cleaned_data
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end must come after the start."))
        return data


class SubstituteForm(forms.Form):
    """The supervisor's decision on a substitute, with who stood in and the hours they worked."""

    state = forms.ChoiceField(choices=[("arranged", _("Arranged")), ("not_needed", _("Not needed"))])
    substitute_name = forms.CharField(label=_("Substitute's name"), max_length=200, required=False)
    substitute_hours = LocalizedDecimalField(  # 1,5 in Finnish and Swedish
        label=_("Hours worked"),
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=2,
        help_text=_("If different from the meeting's length."),
    )

    def minutes(self) -> int | None:
        hours = self.cleaned_data.get("substitute_hours")
        return None if hours is None else round(hours * 60)
