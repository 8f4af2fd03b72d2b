from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An e-mail written in the same transaction as the change it tells about, delivered by a
    task afterwards. The row is what makes delivery safe to retry: the task sends only what is
    not marked sent, and the contents are cleared once sent (survey links are secrets)."""

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    body = models.TextField(_("body"), blank=True)
    calendar = models.TextField(_("calendar invitation"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_try_at = models.DateTimeField(_("next try"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(fields=["next_try_at"], condition=models.Q(sent_at__isnull=True), name="outgoing_email_unsent")
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
