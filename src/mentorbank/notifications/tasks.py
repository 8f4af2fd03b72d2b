from django_tasks import task

from . import outbox


@task()
def deliver_email(email_id: int) -> bool:
    """Send one outgoing e-mail unless it was sent already (a task run again sends nothing)."""
    return outbox.deliver(email_id)
