from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [to])
