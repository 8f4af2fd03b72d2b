"""The report pages: HR and organisation admins see their own organisation's figures, one section a
page, each downloadable as CSV and XLSX, and all sections together as a printable report."""

import datetime
from concurrent.futures import ThreadPoolExecutor

from django import forms
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mentorbank.core.downloads import attachment, csv_tables, xlsx_book
from mentorbank.core.forms import field_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.organisations.models import ProfessionGroup, Unit
from mentorbank.programmes.access import programmes_of
from mentorbank.programmes.models import Programme

from .figures import Filters, period
from .sections import SECTIONS, Section

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


def filters_from(form: ReportFilterForm, membership) -> Filters:
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


def query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@organisation_view("view_programmes")
def report(request: OrganisationRequest, section: str = "coverage") -> HttpResponse:
    chosen = SECTIONS.get(section)
    if chosen is None:
        raise Http404
    membership = request.membership
    form = ReportFilterForm(request.GET or None, membership=membership)
    filters = filters_from(form, membership)
    download = request.GET.get("format")
    if download in ("csv", "xlsx"):
        return export(chosen, filters, membership, download)
    data = chosen.build(filters, membership, request.GET.get("page", 1))
    return render(
        request,
        "reports/report.html",
        {
            "form": form,
            "filters": filters,
            "section": chosen,
            "sections": SECTIONS.values(),
            "data": data,
            "template": f"reports/sections/{chosen.slug}.html",
            "query": query_without(request, "format", "page"),
        },
    )


def export(section: Section, filters: Filters, membership, download: str) -> HttpResponse:
    tables = section.tables(section.build(filters, membership, None))
    name = f"{section.slug}-{filters.start.isoformat()}-{filters.end.isoformat()}.{download}"
    content = csv_tables(tables) if download == "csv" else xlsx_book(tables)
    return attachment(content, name)


@organisation_view("view_programmes")
def printable(request: OrganisationRequest) -> HttpResponse:
    """Every section on its own printed page, e.g. for a funder's final report."""
    membership = request.membership
    form = ReportFilterForm(request.GET or None, membership=membership)
    filters = filters_from(form, membership)
    # insights: the latest page (the full list is in the section's download)
    built = build_all(filters, membership)
    parts = [(section, built[section.slug], f"reports/sections/{section.slug}.html") for section in SECTIONS.values()]
    programme = form.cleaned_data.get("programme") if form.is_valid() else None
    return render(
        request,
        "reports/print.html",
        {"parts": parts, "filters": filters, "programme": programme, "printed": datetime.date.today()},
    )


PRINT_THREADS = 3


def build_all(filters: Filters, membership) -> dict[str, dict]:
    """Every section's figures. They only read, so outside a transaction they are built side by side,
    each on its own database connection (the print's queries take most of its time); inside one (a
    test, or ATOMIC_REQUESTS) other connections would not see its data, so one after another."""
    sections = list(SECTIONS.values())
    if connection.in_atomic_block:
        return {s.slug: s.build(filters, membership, 1) for s in sections}
    language = translation.get_language()

    def build(section: Section) -> dict:
        try:
            with translation.override(language):
                return section.build(filters, membership, 1)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=PRINT_THREADS) as pool:
        return dict(zip([s.slug for s in sections], pool.map(build, sections), strict=True))
