"""E-mail notifications, written in each recipient's own language and sent after commit."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


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
    transaction.on_commit(lambda: send_email.enqueue(user.email, subject, body, calendar))
