"""iCalendar files: invitations and cancellations by e-mail, and each person's calendar feed.
Times are written in UTC, so every calendar shows them right on both sides of a DST change."""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Meeting

PRODUCT = "-//Mentor Bank//Mentoripankki//FI"


def event_for(meeting: Meeting, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"{meeting.uid}@mentoripankki")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", _("Mentoring meeting"))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("status", "CANCELLED" if meeting.state == Meeting.CANCELLED else "CONFIRMED")
    return event


def calendar_of(meetings: Iterable[Meeting], method: str = "") -> str:
    """A VCALENDAR with one VEVENT per meeting; `method` REQUEST or CANCEL for e-mail, none for a feed."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    stamp = timezone.now().astimezone(datetime.UTC)
    for meeting in meetings:
        calendar.add_component(event_for(meeting, stamp))
    return calendar.to_ical().decode()
