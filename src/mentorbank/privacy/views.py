"""A person's own data as a download, and HR removing a person."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorbank.accounts.http import AuthenticatedRequest
from mentorbank.core import audit
from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view

from .anonymise import remove_person
from .export import personal_data


@login_required
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    if request.GET.get("download") != "json":
        return render(request, "privacy/my_data.html")
    audit.record(actor=request.user, action="privacy.exported", origin=origin_of(request))
    document = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(document, content_type="application/json; charset=utf-8")
    name = f"mentor-bank-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@organisation_view("manage_people")
def remove(request: OrganisationRequest, employee_id: int) -> HttpResponse:
    organisation = request.organisation
    employee = organisation.employees.filter(pk=employee_id, anonymised_at__isnull=True).first()
    if employee is None:
        raise Http404
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        remove_person(employee, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The person is removed. Their figures remain in the reports without them."))
        return redirect("organisations:people", org_slug=organisation.slug)
    return render(request, "privacy/remove.html", {"employee": employee})
