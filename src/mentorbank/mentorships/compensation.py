"""Mentors' compensation by the programme's policy, per mentor for a period, and its payroll export.

per meeting held: every held meeting the mentor led in the period; per group: every group or
co-mentoring group the mentor leads that started in the period; lump sum: every mentorship the
mentor leads that started in the period."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from mentorbank.core.downloads import csv_text, xlsx_bytes
from mentorbank.organisations.models import Employee
from mentorbank.programmes.formats import GROUP_FORMATS
from mentorbank.programmes.models import Programme

from .models import Meeting, Member, Mentorship
from .working_time import bounds


@dataclass
class StatementRow:
    employee: Employee
    meetings: int
    groups: int
    mentorships: int
    amount: Decimal


def statement(programme: Programme, start: datetime.date, end: datetime.date) -> list[StatementRow]:
    """One row per mentor with something to pay in [start, end] (both days included)."""
    low, high = bounds(start, end + datetime.timedelta(days=1))
    mentors = (
        Member.objects.filter(role=Member.MENTOR, mentorship__programme=programme)
        .values("employee_id")
        .annotate(
            meetings=Count(
                "mentorship__meetings",
                filter=Q(
                    mentorship__meetings__state=Meeting.HELD,
                    mentorship__meetings__starts_at__gte=low,
                    mentorship__meetings__starts_at__lt=high,
                ),
                distinct=True,
            ),
            groups=Count(
                "mentorship",
                filter=Q(
                    mentorship__format__in=GROUP_FORMATS,
                    mentorship__started_on__gte=start,
                    mentorship__started_on__lte=end,
                ),
                distinct=True,
            ),
            mentorships=Count(
                "mentorship",
                filter=Q(mentorship__started_on__gte=start, mentorship__started_on__lte=end)
                & ~Q(mentorship__state=Mentorship.AGREEING),
                distinct=True,
            ),
        )
    )
    counts = {row["employee_id"]: row for row in mentors}
    people = Employee.objects.filter(pk__in=counts).select_related("unit").order_by("last_name", "first_name")
    euros = programme.compensation_euros or Decimal("0")
    rows = []
    for person in people:
        row = counts[person.pk]
        units = {"per_meeting": row["meetings"], "per_group": row["groups"], "lump_sum": row["mentorships"]}
        amount = euros * units.get(programme.compensation, 0)
        if amount:
            rows.append(StatementRow(person, row["meetings"], row["groups"], row["mentorships"], amount))
    return rows


HEADERS = ["personal_id", "last_name", "first_name", "unit", "meetings_held", "groups", "mentorships", "amount_eur"]


def table(rows: list[StatementRow]) -> list[list[object]]:
    return [
        [
            r.employee.personal_id,
            r.employee.last_name,
            r.employee.first_name,
            r.employee.unit.name,
            r.meetings,
            r.groups,
            r.mentorships,
            r.amount,
        ]
        for r in rows
    ]


def as_csv(rows: list[StatementRow]) -> str:
    return csv_text(HEADERS, ([f"{v:.2f}" if isinstance(v, Decimal) else v for v in line] for line in table(rows)))


def as_xlsx(rows: list[StatementRow]) -> bytes:
    return xlsx_bytes(
        "compensation", HEADERS, ([float(v) if isinstance(v, Decimal) else v for v in line] for line in table(rows))
    )
