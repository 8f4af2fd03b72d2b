from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

KINDS = [("checkpoint", _("Checkpoint")), ("follow_up", _("Follow-up")), ("final", _("Final survey"))]
AUDIENCES = [("mentee", _("Mentees")), ("mentor", _("Mentors"))]


def in_language(obj: object, field: str) -> str:
    language = (translation.get_language() or "fi")[:2]
    for code in (language, "fi", "sv", "en"):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class Survey(models.Model):
    """A programme's survey of one kind for one audience, copied from a ready template and editable."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("kind"), max_length=12, choices=KINDS)
    audience = models.CharField(_("for"), max_length=10, choices=AUDIENCES)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "audience"]
        constraints = [models.UniqueConstraint(fields=["programme", "kind", "audience"], name="one_survey_per_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self, "title")


class Question(models.Model):
    SCALE, TEXT = "scale", "text"
    KINDS = [(SCALE, _("Scale 1–5")), (TEXT, _("Free text"))]
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=KINDS, default=SCALE)
    text_fi = models.CharField(_("question in Finnish"), max_length=300)
    text_sv = models.CharField(_("question in Swedish"), max_length=300, blank=True)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return in_language(self, "text")


class Invitation(models.Model):
    """Who was asked: the link's secret (hashed), reminder and whether they answered — never what."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="survey_invitations")
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", null=True, on_delete=models.SET_NULL, related_name="survey_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    reminder_token_hash = models.CharField(max_length=64, unique=True, null=True)  # the reminder's own link
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "employee", "mentorship"], name="one_invitation_per_mentorship")
        ]

    def __str__(self) -> str:
        return f"invitation #{self.pk}"


class Response(models.Model):
    """One anonymous answer set: no link to the invitation or the person, only the groups reports use."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    unit_id = models.IntegerField(null=True)
    profession_group_id = models.IntegerField(null=True)
    submitted_on = models.DateField(default=timezone.localdate)  # a day, not a moment: no joining by time

    def __str__(self) -> str:
        return f"response #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True)
    text = models.TextField(blank=True, max_length=3000)

    def __str__(self) -> str:
        return f"answer #{self.pk}"
