"""A held pair with working time, at a chosen moment, for the report tests."""

import datetime

from django.utils import timezone

from mentorbank.mentorships.models import Meeting, MeetingTime, Mentorship

from ..factories import mentorship_of


def pair_in(world, programme, mentor, mentee, *, at=None, minutes=90, state=Mentorship.ACTIVE):
    """A pair started at `at` (default now) with one held meeting two hours after it."""
    at = at or timezone.now() - datetime.timedelta(hours=3)
    mentorship = mentorship_of(world.org, mentee, mentor, programme=programme)
    ended = at + datetime.timedelta(hours=2, minutes=30) if state in (Mentorship.COMPLETED, Mentorship.ENDED) else None
    Mentorship.objects.filter(pk=mentorship.pk).update(
        state=state, started_on=timezone.localdate(at), created_at=at, ended_at=ended
    )
    meeting = Meeting.objects.create(
        mentorship=mentorship, starts_at=at + datetime.timedelta(hours=2), minutes=minutes, state="held"
    )
    MeetingTime.objects.create(meeting=meeting, employee=mentee, minutes=minutes)
    MeetingTime.objects.create(meeting=meeting, employee=mentor, minutes=minutes)
    return mentorship
