from django.urls import path

from . import approval_views, reach_views, views

app_name = "home"

urlpatterns = [
    path("", views.start, name="start"),
    path("switch/", views.switch_organisation, name="switch"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("o/<slug:org_slug>/", views.home, name="home"),
    path("o/<slug:org_slug>/feedback/", views.feedback_list, name="feedback"),
    path("o/<slug:org_slug>/feedback/<int:feedback_id>/answered/", views.feedback_answered, name="feedback_answered"),
    path("o/<slug:org_slug>/approvals/", approval_views.approvals, name="approvals"),
    path("o/<slug:org_slug>/new-starters/", reach_views.new_starter_list, name="new_starters"),
    path("o/<slug:org_slug>/alumni/", reach_views.alumni_in_bank, name="alumni"),
    path("o/<slug:org_slug>/audit/", views.audit_log, name="audit"),
    path("o/<slug:org_slug>/audit/export.csv", views.audit_export, name="audit_export"),
]
