from django.urls import path

from . import cost_views, health_views, views

app_name = "reports"

urlpatterns = [
    path("o/<slug:org_slug>/reports/", views.report, name="reports"),
    path("o/<slug:org_slug>/reports/print/", views.printable, name="print"),
    path("o/<slug:org_slug>/reports/hourly-costs/", cost_views.hourly_costs, name="hourly_costs"),
    path("o/<slug:org_slug>/reports/<slug:section>/", views.report, name="section"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/costs/", cost_views.programme_costs, name="programme_costs"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/health/remind/", health_views.remind, name="remind"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/costs/<int:cost_id>/remove/",
        cost_views.remove_programme_cost,
        name="remove_programme_cost",
    ),
]
