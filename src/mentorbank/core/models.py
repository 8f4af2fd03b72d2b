from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FEEDBACK_ANSWER_DAYS = 14  # Act 306/2019 s. 17: feedback is answered within 14 days


class AuditEvent(models.Model):
    """Who did what to whose data, and when. Written by core.audit.record only; the audit log page
    (home) puts the actions and details into words."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(max_length=254, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events"
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    subject = models.ForeignKey(
        "organisations.Employee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("whose data"),
    )
    subject_label = models.CharField(max_length=254, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class AccessibilityFeedback(models.Model):
    """Feedback on accessibility, sent from the statement page (Act 306/2019)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="accessibility_feedback",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("your name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail for the answer"), blank=True)
    page = models.CharField(_("the page concerned"), max_length=500, blank=True)
    message = models.TextField(_("feedback"), max_length=5000)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["answered_at", "created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.message[:40]}"

    @property
    def age_days(self) -> int:
        return (timezone.now() - self.created_at).days

    @property
    def days_left(self) -> int:
        return FEEDBACK_ANSWER_DAYS - self.age_days

    @property
    def is_overdue(self) -> bool:
        return self.answered_at is None and self.age_days > FEEDBACK_ANSWER_DAYS


class WorkerHeartbeat(models.Model):
    """A task worker says it is alive every few seconds; a running task whose worker fell silent
    was abandoned (the process was killed) and is queued again by the others (core.workers)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ScheduledJobRun(models.Model):
    """When each scheduled job last started and finished (core.schedule): a job is claimed by one
    conditional update, so two schedulers (or a restart) never run it twice for the same slot."""

    name = models.CharField(max_length=100, primary_key=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    last_result = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name
