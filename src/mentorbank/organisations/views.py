from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.core.downloads import attachment
from mentorbank.core.http import origin_of
from mentorbank.core.pagination import paginate, query_without_page

from . import services
from .access import OrganisationRequest, organisation_view, view_employee, visible_employees
from .forms import ImportUploadForm, OrganisationSettingsForm, PeopleFilterForm, RoleGrantForm
from .importing import employees as employee_import
from .importing import units as unit_import
from .importing.examples import template_csv, template_xlsx
from .importing.messages import FIELD_LABELS
from .importing.messages import render as render_message
from .importing.service import UploadRejected, confirm_import, import_upload
from .unit_tree import unit_path, unit_tree
from .validators import LANGUAGE_NAMES


@organisation_view()
def people(request: OrganisationRequest) -> HttpResponse:
    """HR and admins see everybody; a supervisor sees their own staff."""
    membership = request.membership
    organisation = request.organisation
    employees = visible_employees(membership)
    form = PeopleFilterForm(request.GET or None, organisation=organisation)
    if form.is_valid():
        if form.cleaned_data["q"]:
            employees = employees.search(form.cleaned_data["q"])
        if form.cleaned_data["unit"]:
            employees = employees.filter(unit=form.cleaned_data["unit"])
        if form.cleaned_data["profession_group"]:
            employees = employees.filter(profession_group=form.cleaned_data["profession_group"])
    page = paginate(request, employees.with_related().order_by("last_name", "first_name", "pk"), 50)
    return render(
        request,
        "organisations/people.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "own_staff_only": not membership.can("view_people"),
        },
    )


@organisation_view()
def person(request: OrganisationRequest, employee_id: int) -> HttpResponse:
    employee = view_employee(request.membership, employee_id, actor=request.user, origin=origin_of(request))
    return render(
        request,
        "organisations/person.html",
        {
            "employee": employee,
            "unit_path": unit_path(request.organisation, employee.unit_id),
            "languages": [dict(LANGUAGE_NAMES).get(code, code) for code in employee.language_list],
        },
    )


@organisation_view("view_people")
def units(request: OrganisationRequest) -> HttpResponse:
    return render(request, "organisations/units.html", {"nodes": unit_tree(request.organisation)})


@organisation_view("manage_people")
def import_start(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = import_upload(
                organisation=organisation,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except UploadRejected as rejected:
            form.add_error("file", rejected.message)
        else:
            return redirect("organisations:import_batch", org_slug=organisation.slug, batch_id=batch.pk)
    batches = organisation.import_batches.select_related("uploaded_by")[:10]
    return render(
        request,
        "organisations/import_start.html",
        {
            "form": form,
            "batches": batches,
            "unit_columns": column_docs(unit_import.REQUIRED, unit_import.OPTIONAL),
            "employee_columns": column_docs(employee_import.REQUIRED, employee_import.OPTIONAL),
        },
    )


def column_docs(required: list[str], optional: list[str]) -> list[tuple[str, str, bool]]:
    return [(c, str(FIELD_LABELS[c]), True) for c in required] + [(c, str(FIELD_LABELS[c]), False) for c in optional]


@organisation_view("manage_people")
def import_batch(request: OrganisationRequest, batch_id: int) -> HttpResponse:
    organisation = request.organisation
    batch = get_object_or_404(organisation.import_batches.defer("content"), pk=batch_id)
    status_filter = request.GET.get("show", "")
    rows = batch.preview.get("rows", [])
    if status_filter in {"new", "changed", "error"}:
        rows = [row for row in rows if row["status"] == status_filter]
    page = paginate(request, rows, 100)
    for row in page.object_list:
        row["texts"] = [render_message(m) for m in row["messages"]]
        row["change_labels"] = [str(FIELD_LABELS.get(c, c)) for c in row["changes"]]
    context = {
        "batch": batch,
        "page": page,
        "show": status_filter,
        "query": query_without_page(request),
        "counts": batch.preview.get("counts", {}),
        "file_errors": [render_message(m) for m in batch.preview.get("file_errors", [])],
        "ignored_columns": batch.preview.get("ignored_columns", []),
    }
    if request.htmx and batch.is_busy:
        return render(request, "organisations/import_batch.html#status", context)
    return render(request, "organisations/import_batch.html", context)


@require_POST
@organisation_view("manage_people")
def import_confirm(request: OrganisationRequest, batch_id: int) -> HttpResponse:
    organisation = request.organisation
    batch = get_object_or_404(organisation.import_batches.defer("content"), pk=batch_id)
    if not confirm_import(batch=batch, actor=request.user):
        messages.error(request, _("This file cannot be imported now: it is not ready, or it was imported already."))
    return redirect("organisations:import_batch", org_slug=organisation.slug, batch_id=batch.pk)


@organisation_view("manage_people")
def import_template(request: OrganisationRequest, kind: str, extension: str) -> HttpResponse:
    if kind not in {"units", "employees"}:
        raise Http404
    content = template_csv(kind) if extension == "csv" else template_xlsx(kind)
    return attachment(content, f"mentorbank-{kind}.{extension}")


@organisation_view("manage_roles")
def roles(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = RoleGrantForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        granted = services.role_grant(
            organisation=organisation,
            user=form.user,
            role=form.cleaned_data["role"],
            actor=request.user,
            origin=origin_of(request),
        )
        if granted:
            messages.success(request, _("The role was granted."))
        else:
            messages.info(request, _("The person already has that role."))
        return redirect("organisations:roles", org_slug=organisation.slug)
    holders = organisation.roles.select_related("user")
    return render(request, "organisations/roles.html", {"form": form, "holders": holders})


@organisation_view("manage_roles")
def role_revoke(request: OrganisationRequest, role_id: int) -> HttpResponse:
    organisation = request.organisation
    role = get_object_or_404(organisation.roles.select_related("user", "organisation"), pk=role_id)
    is_last_admin = services.last_admin(role)
    if request.method == "POST" and not is_last_admin:
        services.role_revoke(role=role, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The role was removed."))
        return redirect("organisations:roles", org_slug=organisation.slug)
    return render(request, "organisations/role_revoke.html", {"role": role, "is_last_admin": is_last_admin})


@organisation_view("manage_roles")
def organisation_settings(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = OrganisationSettingsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.settings_save(organisation=organisation, form=form, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The settings were saved."))
        return redirect("organisations:settings", org_slug=organisation.slug)
    return render(request, "organisations/settings.html", {"form": form})
