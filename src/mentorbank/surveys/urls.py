from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("s/<str:token>/", views.answer, name="answer"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/surveys/", views.programme_surveys, name="list"),
    path("o/<slug:org_slug>/programmes/<int:programme_id>/surveys/<int:survey_id>/", views.survey_edit, name="edit"),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/surveys/<int:survey_id>/results/",
        views.survey_results,
        name="results",
    ),
    path(
        "o/<slug:org_slug>/programmes/<int:programme_id>/surveys/<int:survey_id>/remind/",
        views.survey_remind,
        name="remind",
    ),
]
