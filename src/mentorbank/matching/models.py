from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.applications.models import Application
from mentorbank.programmes.formats import GROUP_FORMATS, RUN_FORMATS, Format
from mentorbank.programmes.models import Programme


class MatchingRun(models.Model):
    """One run of the engine for a programme: its settings, progress and proposal."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, _("Waiting to start")), (RUNNING, _("Running")), (DONE, _("Ready")), (FAILED, _("Failed"))]
    OBJECTIVES = [
        ("max_matched_then_score", _("Most mentees matched, then the best total fit")),
        ("max_min_then_score", _("Most mentees matched, then the fairest (best worst fit)")),
        ("stable", _("Stable: no mentee and mentor would both rather be together")),
    ]

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matching_runs")
    number = models.PositiveIntegerField()
    format = models.CharField(_("format"), max_length=20, choices=RUN_FORMATS, default=Format.PAIR)
    objective = models.CharField(_("objective"), max_length=30, choices=OBJECTIVES, default=OBJECTIVES[0][0])
    weights = models.JSONField(default=dict)
    # small groups: the most groups one mentor leads (never beyond their capacity), and whether one may
    # lead several while a mentor who could lead one leads none
    groups_per_mentor = models.PositiveSmallIntegerField(_("groups one mentor may lead"), default=1)
    uneven_groups = models.BooleanField(_("several groups to one mentor while others lead none"), default=False)
    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    mentee_count = models.PositiveIntegerField(default=0)
    mentor_count = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    min_score = models.FloatField(null=True, blank=True)
    upper_bound = models.FloatField(null=True, blank=True)  # groups: no grouping can fit better
    # pairs in large cohorts: allowed pairs the optimiser was not given, and whether reduced costs
    # proved that none of them could improve the result (None: not a pair run)
    pairs_left_out = models.PositiveBigIntegerField(default=0)
    proven_optimal = models.BooleanField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="run_number_per_programme")]

    def __str__(self) -> str:
        return f"{self.programme} #{self.number}"

    @property
    def forms_groups(self) -> bool:
        return self.format in GROUP_FORMATS

    @property
    def finished(self) -> bool:
        return self.state in (self.DONE, self.FAILED)


class ProposedMatch(models.Model):
    """A row of a run's proposal: a mentee with their proposed mentor, or unmatched with the reason."""

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Application, null=True, on_delete=models.CASCADE, related_name="+")
    second_mentor = models.ForeignKey(Application, null=True, on_delete=models.CASCADE, related_name="+")
    group = models.PositiveIntegerField(null=True)  # groups and co-mentoring: the group's number in the run
    score = models.FloatField(null=True)
    reasons = models.JSONField(default=list)  # [{"code": ..., "details": [...]}], best first
    locked = models.BooleanField(default=False)
    unmatched_reason = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["run", "mentee"], name="one_row_per_mentee_per_run")]

    def __str__(self) -> str:
        return f"{self.mentee_id} – {self.mentor_id}"


class PairDecision(models.Model):
    """The committee's decision on one pair; kept across runs until someone undoes it."""

    LOCK, REJECT = "lock", "reject"
    KINDS = [(LOCK, _("Locked")), (REJECT, _("Rejected"))]
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pair_decisions")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=KINDS)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "mentee", "mentor"], name="one_decision_per_pair"),
            models.UniqueConstraint(
                fields=["programme", "mentee"], condition=models.Q(kind="lock"), name="one_lock_per_mentee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} – {self.mentor_id}"


class Match(models.Model):
    """A published pair: the mentorship starts from here."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matches")
    run = models.ForeignKey(MatchingRun, null=True, on_delete=models.SET_NULL, related_name="matches")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="matches_as_mentee")
    mentor = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="matches_as_mentor")
    second_mentor = models.ForeignKey(
        Application, null=True, on_delete=models.CASCADE, related_name="matches_as_second_mentor"
    )
    group = models.PositiveIntegerField(null=True)
    score = models.FloatField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "mentee"], name="one_match_per_mentee")]

    def __str__(self) -> str:
        return f"{self.mentee_id} – {self.mentor_id}"
