from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("accounts/my-data/", views.my_data, name="my_data"),
    path("o/<slug:org_slug>/people/<int:employee_id>/remove/", views.remove, name="remove"),
]
