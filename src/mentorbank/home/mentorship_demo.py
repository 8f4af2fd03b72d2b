"""The demo's running pilot in motion (deterministic): pairs that have met every other week since
they started, some gone quiet, two agreements still waiting, and follow-up answers from enough
mentees and mentors for the reports and the programme's health to have something to show."""

import datetime
import random

from django.utils import timezone

from mentorbank.applications.eligibility import eligible_unit_ids
from mentorbank.mentorships.models import Agreement, Meeting, MeetingTime, Member, Mentorship
from mentorbank.mentorships.services import create_mentorship
from mentorbank.organisations.models import Employee, Organisation
from mentorbank.programmes.models import Programme
from mentorbank.surveys.models import Answer, Question, Response
from mentorbank.surveys.services import surveys_of

PAIRS = 14
WAITING = 2  # of them, agreements not yet accepted by everyone
QUIET = 3  # of them, no meeting for the last two months
ANSWERS = 7  # follow-up answers per audience: above the threshold


def build_pilot(pilot: Programme, organisation: Organisation, rng: random.Random, demo_emails: set[str]) -> None:
    people = list(
        organisation.employees.exclude(email__in=demo_emails)
        .filter(supervisor__isnull=False, unit__in=eligible_unit_ids(pilot))
        .order_by("personal_id")[:300]
    )
    chosen = rng.sample(people, min(2 * PAIRS, len(people) // 2 * 2))  # a small demo has fewer
    now = timezone.now()
    for k in range(len(chosen) // 2):
        mentor, mentee = chosen[2 * k], chosen[2 * k + 1]
        started = now - datetime.timedelta(weeks=rng.randint(6, 30))
        mentorship = create_mentorship(
            organisation=organisation,
            programme=pilot,
            format="pair",
            source="matching",
            members=[(mentor, Member.MENTOR), (mentee, Member.MENTEE)],
            actor=None,
            announce=False,
        )
        if k < WAITING:
            waiting_since = now - datetime.timedelta(days=10 + k)
            Mentorship.objects.filter(pk=mentorship.pk).update(created_at=waiting_since)
            Agreement.objects.filter(mentorship=mentorship).update(created_at=waiting_since)
            continue
        Mentorship.objects.filter(pk=mentorship.pk).update(
            state=Mentorship.ACTIVE, created_at=started, started_on=timezone.localdate(started)
        )
        Agreement.objects.filter(mentorship=mentorship).update(state=Agreement.APPROVED, created_at=started)
        last = now - datetime.timedelta(weeks=9) if k < WAITING + QUIET else now - datetime.timedelta(days=3)
        hold_meetings(mentorship, [mentor, mentee], started, last, pilot.meeting_minutes)
    answer_follow_up(pilot, chosen, rng)


def hold_meetings(
    mentorship: Mentorship, people: list[Employee], start: datetime.datetime, last: datetime.datetime, minutes: int
) -> None:
    """A held meeting every other week from a week after the start up to `last`, on working time."""
    moment = start + datetime.timedelta(weeks=1)
    roles = dict(mentorship.members.current().values_list("employee_id", "role"))
    while moment <= last:
        meeting = Meeting.objects.create(mentorship=mentorship, starts_at=moment, minutes=minutes, state=Meeting.HELD)
        MeetingTime.objects.bulk_create(
            [MeetingTime(meeting=meeting, employee=e, minutes=minutes, role=roles.get(e.pk, "")) for e in people]
        )
        moment += datetime.timedelta(weeks=2)


def answer_follow_up(pilot: Programme, people: list[Employee], rng: random.Random) -> None:
    """Anonymous follow-up answers (unit and profession group only, as the survey keeps them)."""
    follow_ups = [s for s in surveys_of(pilot) if s.kind == "follow_up"]
    for survey in follow_ups:
        audience = survey.audience
        questions = list(survey.questions.filter(kind=Question.SCALE))
        for employee in rng.sample(people, min(ANSWERS, len(people))):
            response = Response.objects.create(
                survey=survey,
                unit_id=employee.unit_id,
                profession_group_id=employee.profession_group_id,
                submitted_on=timezone.localdate() - datetime.timedelta(days=rng.randint(1, 60)),
            )
            high = 5 if audience == "mentor" else rng.choice([4, 5])
            Answer.objects.bulk_create(
                [Answer(response=response, question=q, scale=rng.randint(3, high)) for q in questions]
            )
