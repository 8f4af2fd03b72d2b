"""What mentoring cost in the period: costs the coordinators entered, mentors' compensation by each
programme's policy, the participants' working time valued at their profession group's hourly cost,
and arranged substitutes valued the same way (the substituted person's hourly cost)."""

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from mentorbank.mentorships.models import Member, Mentorship
from mentorbank.programmes.formats import GROUP_FORMATS
from mentorbank.programmes.models import Programme

from .figures import SUBSTITUTE_MINUTES, Filters, substitutes_arranged
from .models import ProgrammeCost

CENT = Decimal("0.01")


def costs(filters: Filters) -> dict[str, Any]:
    entered = entered_costs(filters)
    compensation = compensation_costs(filters)
    by_group = filters.time_by_profession_group
    working_time = valued(filters, by_group)
    working_time["by_role"] = valued_by_role(filters)
    substitutes = valued(
        filters,
        substitutes_arranged(filters).values("employee__profession_group_id").annotate(minutes=Sum(SUBSTITUTE_MINUTES)),
    )
    people = sum(row["people"] for row in by_group)  # each person is in one profession group
    total = sum(
        (part["total"] for part in (entered, compensation, working_time, substitutes) if part["total"]), Decimal(0)
    )
    return {
        "entered": entered,
        "compensation": compensation,
        "working_time": working_time,
        "substitutes": substitutes,
        "total": total,
        "people": people,
        "per_person": (total / people).quantize(CENT) if people else None,
    }


def entered_costs(filters: Filters) -> dict[str, Any]:
    """The organisation's own programmes' entered costs; not divided by unit or profession group."""
    if filters.unit_id or filters.profession_group_id:
        return {"rows": [], "total": None, "not_divided": True}
    found = ProgrammeCost.objects.filter(
        programme__owner=filters.organisation, spent_on__gte=filters.start, spent_on__lte=filters.end
    )
    if filters.programme_id:
        found = found.filter(programme_id=filters.programme_id)
    sums = dict(found.values_list("kind").annotate(n=Sum("amount")))
    rows = [{"kind": label, "amount": sums[kind]} for kind, label in ProgrammeCost.KINDS if kind in sums]
    return {"rows": rows, "total": sum(sums.values(), Decimal(0)), "not_divided": False}


def compensation_costs(filters: Filters) -> dict[str, Any]:
    """Per programme, as `mentorships.compensation` pays them: per meeting held by each mentor, per group
    or per mentorship started, for the mentors among the staff. Only the policies in use are counted."""
    organisation = filters.organisation
    paying = Programme.objects.of_organisation(organisation)
    paying = paying.exclude(compensation="none").filter(compensation_euros__gt=0)
    if filters.programme_id:
        paying = paying.filter(pk=filters.programme_id)
    programmes = list(paying)
    policy = {p.pk: p.compensation for p in programmes}
    mentors = filters.members().filter(role=Member.MENTOR).values("mentorship__programme_id")
    units: dict[int, int] = {}
    per_meeting = [pk for pk, kind in policy.items() if kind == "per_meeting"]
    if per_meeting:
        units.update(
            mentors.filter(filters.held_q("mentorship__meetings__"), mentorship__programme_id__in=per_meeting)
            .annotate(n=Count("pk"))
            .values_list("mentorship__programme_id", "n")
        )
    per_start = [pk for pk, kind in policy.items() if kind in ("per_group", "lump_sum")]
    if per_start:
        started = Q(mentorship__started_on__gte=filters.start, mentorship__started_on__lte=filters.end)
        for row in mentors.filter(mentorship__programme_id__in=per_start).annotate(
            groups=Count("pk", filter=started & Q(mentorship__format__in=GROUP_FORMATS)),
            mentorships=Count("pk", filter=started & ~Q(mentorship__state=Mentorship.AGREEING)),
        ):
            pk = row["mentorship__programme_id"]
            units[pk] = row["groups"] if policy[pk] == "per_group" else row["mentorships"]
    rows: list[dict[str, Any]] = [
        {"programme": p.name, "amount": (Decimal(p.compensation_euros or 0) * units[p.pk]).quantize(CENT)}
        for p in programmes
        if units.get(p.pk)
    ]
    rows.sort(key=lambda row: row["programme"])
    return {"rows": rows, "total": sum((row["amount"] for row in rows), Decimal(0))}


def valued_by_role(filters: Filters) -> list[dict[str, Any]]:
    """Mentors' working time apart from mentees' (and peers'): hours, and their value where every
    profession group in it has an hourly cost."""
    per_role: dict[str, list[dict[str, Any]]] = {}
    for row in filters.time_by_role_and_group:
        per_role.setdefault(row["member_role"], []).append(row)
    result = []
    for code, label in Member.ROLES:
        if code in per_role:
            part = valued(filters, per_role[code])
            hours = sum((row["hours"] for row in part["rows"]), Decimal(0))
            result.append({"role": label, "hours": hours, "value": part["total"], "unpriced": part["unpriced_hours"]})
    return result


def valued(filters: Filters, minutes_by_group: Any) -> dict[str, Any]:
    """Hours per profession group, each at the group's hourly cost where one is set."""
    minutes = {row["employee__profession_group_id"]: row["minutes"] or 0 for row in minutes_by_group}
    groups = filters.profession_groups
    rows: list[dict[str, Any]] = []
    for pk, spent in minutes.items():
        group = groups.get(pk)
        hours = (Decimal(spent) / 60).quantize(Decimal("0.1"))
        cost = group.hourly_cost if group else None
        value = (Decimal(spent) / 60 * cost).quantize(CENT) if cost is not None else None
        rows.append({"group": group.name if group else "–", "hours": hours, "hourly_cost": cost, "value": value})
    rows.sort(key=lambda row: row["group"])
    priced = [row["value"] for row in rows if row["value"] is not None]
    unpriced = sum((row["hours"] for row in rows if row["value"] is None), Decimal(0))
    # the plural form of "1,5 hours" is the plural: gettext's plural rules take whole numbers only
    plural_of = int(unpriced) if unpriced == unpriced.to_integral_value() else 2
    return {"rows": rows, "total": sum(priced, Decimal(0)), "unpriced_hours": unpriced, "unpriced_plural": plural_of}
