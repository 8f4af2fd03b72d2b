from django.urls import path, re_path

from . import views

app_name = "organisations"

urlpatterns = [
    path("o/<slug:org_slug>/people/", views.people, name="people"),
    path("o/<slug:org_slug>/people/<int:employee_id>/", views.person, name="person"),
    path("o/<slug:org_slug>/units/", views.units, name="units"),
    path("o/<slug:org_slug>/import/", views.import_start, name="import"),
    path("o/<slug:org_slug>/import/<int:batch_id>/", views.import_batch, name="import_batch"),
    path("o/<slug:org_slug>/import/<int:batch_id>/confirm/", views.import_confirm, name="import_confirm"),
    re_path(
        r"^o/(?P<org_slug>[-\w]+)/import/template/(?P<kind>units|employees)\.(?P<extension>csv|xlsx)$",
        views.import_template,
        name="import_template",
    ),
    path("o/<slug:org_slug>/roles/", views.roles, name="roles"),
    path("o/<slug:org_slug>/settings/", views.organisation_settings, name="settings"),
    path("o/<slug:org_slug>/roles/<int:role_id>/remove/", views.role_revoke, name="role_revoke"),
]
