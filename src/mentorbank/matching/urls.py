from django.urls import path

from . import views

app_name = "matching"

prefix = "o/<slug:org_slug>/programmes/<int:programme_id>/matching/"
urlpatterns = [
    path(prefix, views.runs, name="runs"),
    path(prefix + "runs/<int:number>/", views.run_detail, name="run"),
    path(prefix + "runs/<int:number>/progress/", views.run_progress, name="progress"),
    path(prefix + "runs/<int:number>/decide/", views.pair_decide, name="decide"),
    path(prefix + "runs/<int:number>/swap/", views.pair_swap, name="swap"),
    path(prefix + "runs/<int:number>/publish/", views.run_publish, name="publish"),
    path(prefix + "compare/", views.runs_compare, name="compare"),
    path(prefix + "pick/", views.pair_pick, name="pick"),
    path(prefix + "decisions/<int:decision_id>/undo/", views.decision_undo, name="undo"),
    path(prefix + "my-staff/", views.staff_pairs, name="staff"),
]
