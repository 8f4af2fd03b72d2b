from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [path("o/<slug:org_slug>/reports/", views.reports, name="reports")]
