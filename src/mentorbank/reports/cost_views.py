"""Entering what the cost report reads: a programme's costs (its coordinators) and the profession
groups' hourly costs (HR)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.access import access_programme

from . import services
from .forms import HourlyCostFormSet, ProgrammeCostForm


@organisation_view("manage_programmes")
def programme_costs(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    form = ProgrammeCostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_cost(programme, form.cleaned_data, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The cost is added."))
        return redirect("reports:programme_costs", org_slug=programme.owner.slug, programme_id=programme.pk)
    costs = programme.costs.select_related("created_by")
    page = Paginator(costs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/programme_costs.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "total": costs.aggregate(total=Sum("amount"))["total"] or 0,
        },
    )


@require_POST
@organisation_view("manage_programmes")
def remove_programme_cost(request: OrganisationRequest, programme_id: int, cost_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    cost = get_object_or_404(programme.costs, pk=cost_id)
    if request.POST.get("confirm") != "yes":
        return render(request, "reports/remove_cost.html", {"programme": programme, "cost": cost})
    services.remove_cost(cost, actor=request.user, origin=origin_of(request))
    messages.success(request, _("The cost is removed."))
    return redirect("reports:programme_costs", org_slug=programme.owner.slug, programme_id=programme.pk)


@organisation_view("manage_programmes")
def hourly_costs(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    groups = organisation.profession_groups.order_by("name")
    formset = HourlyCostFormSet(request.POST or None, queryset=groups)
    if request.method == "POST" and formset.is_valid():
        changed = services.save_hourly_costs(formset, organisation, actor=request.user, origin=origin_of(request))
        messages.success(
            request,
            ngettext("Hourly costs saved (%(count)s change).", "Hourly costs saved (%(count)s changes).", changed)
            % {"count": changed},
        )
        return redirect("reports:hourly_costs", org_slug=organisation.slug)
    return render(request, "reports/hourly_costs.html", {"formset": formset})
