"""E-mail notifications, written in each recipient's own language into the outbox with the change
they tell about, and sent after the commit."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import outbox


def language_of(user: Any, organisation: Any = None) -> str:
    return user.language or getattr(organisation, "default_language", "") or settings.LANGUAGE_CODE


def notify(*, user: Any, template: str, context: dict[str, Any], organisation: Any = None, calendar: str = "") -> None:
    """Render notifications/<template>_subject.txt and .txt for the user and queue the e-mail;
    `calendar` (iCalendar text) goes along as an invitation."""
    if user is None or not user.is_active:
        return
    with translation.override(language_of(user, organisation)):
        full_context = {**context, "recipient": user, "site_url": settings.SITE_URL}
        subject = " ".join(render_to_string(f"notifications/{template}_subject.txt", full_context).split())
        body = render_to_string(f"notifications/{template}.txt", full_context)
    outbox.queue(user.email, subject, body, calendar)
