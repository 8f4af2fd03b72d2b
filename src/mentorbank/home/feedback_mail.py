from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from mentorbank.core.models import FEEDBACK_ANSWER_DAYS, AccessibilityFeedback
from mentorbank.notifications import outbox
from mentorbank.organisations.models import OrganisationRole


def tell_admins(feedback: AccessibilityFeedback) -> None:
    """Tell the organisation's admins, each in their own language, that feedback waits
    (into the outbox, in the transaction that saves the feedback)."""
    organisation = feedback.organisation
    url = settings.SITE_URL + reverse("home:feedback", args=[organisation.slug])
    admins = OrganisationRole.objects.filter(
        organisation=organisation, role=OrganisationRole.ADMIN, user__is_active=True
    ).select_related("user")
    for role in admins:
        with translation.override(role.user.language or organisation.default_language):
            context = {"organisation": organisation, "feedback": feedback, "url": url, "days": FEEDBACK_ANSWER_DAYS}
            subject = render_to_string("home/email/feedback_received_subject.txt", context).strip()
            body = render_to_string("home/email/feedback_received.txt", context)
        outbox.queue(role.user.email, subject, body)
