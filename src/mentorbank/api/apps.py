from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mentorbank.api"
    verbose_name = "API"
