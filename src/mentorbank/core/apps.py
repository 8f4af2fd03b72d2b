from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mentorbank.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import schedule

        schedule.register("prune_task_results", schedule.DAY, prune_task_results)


def prune_task_results() -> str:
    """Forget finished background tasks older than 14 days (django-tasks-db's own command)."""
    import io

    from django.conf import settings
    from django.core.management import call_command

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return "no database queue"
    out = io.StringIO()
    call_command("prune_db_task_results", min_age_days=14, stdout=out)
    return out.getvalue().strip() or "done"
