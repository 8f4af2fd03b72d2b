from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(to: str, subject: str, body: str, calendar: str = "") -> None:
    message = EmailMessage(subject, body, None, [to])
    if calendar:
        method = "CANCEL" if "METHOD:CANCEL" in calendar else "REQUEST"
        message.attach("invitation.ics", calendar, f"text/calendar; method={method}; charset=utf-8")
    message.send()
