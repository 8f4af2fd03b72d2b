"""The reports page: HR and organisation admins see their own organisation's figures."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.core.downloads import attachment, csv_text
from mentorbank.organisations.access import organisation_view
from mentorbank.programmes.access import programmes_of
from mentorbank.surveys.results import threshold

from .figures import Filters, activity, coverage, supply_and_demand
from .outcomes import checkpoint_continuation, outcomes

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, required=False)  # type: ignore[arg-type]
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)  # type: ignore[arg-type]
    profession_group = forms.ModelChoiceField(label=_("Profession group"), queryset=None, required=False)  # type: ignore[arg-type]

    def __init__(self, *args, membership, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        organisation = membership.organisation
        self.fields["programme"].queryset = programmes_of(membership)
        self.fields["unit"].queryset = organisation.units.order_by("name")
        self.fields["profession_group"].queryset = organisation.profession_groups.order_by("name")


def filters_from(form: ReportFilterForm, membership) -> Filters:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    start = data.get("start") or today.replace(month=1, day=1)
    end = data.get("end") or today
    return Filters(
        organisation=membership.organisation,
        start=start,
        end=max(end, start),
        programme_id=data["programme"].pk if data.get("programme") else None,
        unit_id=data["unit"].pk if data.get("unit") else None,
        profession_group_id=data["profession_group"].pk if data.get("profession_group") else None,
    )


@organisation_view("view_programmes")
def reports(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form = ReportFilterForm(request.GET or None, membership=membership)
    filters = filters_from(form, membership)
    figures = {
        "coverage": coverage(filters),
        "activity": activity(filters),
        "supply": supply_and_demand(filters),
        "outcomes": list(outcomes(filters, membership).values()),
        "continuation": checkpoint_continuation(filters),
        "threshold": threshold(),
    }
    if request.GET.get("format") == "csv":
        return coverage_csv(figures["coverage"], filters)
    return render(
        request,
        "reports/reports.html",
        {"form": form, "filters": filters, **figures, "query": request.GET.urlencode()},
    )


def coverage_csv(data: dict, filters: Filters) -> HttpResponse:
    rows = [
        [key, row["name"], row["staff"], row["taking_part"], row["share"]]
        for key in ("unit", "profession_group")
        for row in data[key]
    ]
    name = f"coverage-{filters.start.isoformat()}-{filters.end.isoformat()}.csv"
    return attachment(csv_text(["group", "name", "staff", "taking_part", "share_percent"], rows), name)
