from django_tasks import task

from .importing import service


@task()
def preview_import(batch_id: int) -> None:
    service.preview_batch(batch_id)


@task()
def apply_import(batch_id: int, actor_id: int | None) -> None:
    service.apply_batch(batch_id, actor_id)
