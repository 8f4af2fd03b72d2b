"""Who sees what of a mentorship.

Participants see all of it. A participant's supervisor sees that they take part, their goals,
the agreement's terms (to approve the time use), meeting dates and time used. HR of an
organisation whose staff take part sees the same and approves where needed. Everyone else:
the mentorship does not exist for them (404)."""

from django.db.models import Q, QuerySet
from django.http import Http404

from mentorbank.organisations.access import Membership

from .models import Mentorship

PARTICIPANT, SUPERVISOR, HR = "participant", "supervisor", "hr"


def relation(membership: Membership, mentorship: Mentorship) -> str | None:
    """The viewer's strongest relation to the mentorship, or None."""
    employee = membership.employee
    members = list(mentorship.members.current().select_related("employee"))
    if employee is not None and any(m.employee_id == employee.pk for m in members):
        return PARTICIPANT
    if employee is not None and any(m.employee.supervisor_id == employee.pk for m in members):
        return SUPERVISOR
    if membership.is_hr and any(m.employee.organisation_id == membership.organisation.pk for m in members):
        return HR
    return None


def access_mentorship(membership: Membership, mentorship_id: int) -> tuple[Mentorship, str]:
    mentorship = Mentorship.objects.select_related("programme", "organisation").filter(pk=mentorship_id).first()
    found = relation(membership, mentorship) if mentorship else None
    if mentorship is None or found is None:
        raise Http404
    return mentorship, found


def visible_mentorships(membership: Membership) -> QuerySet[Mentorship]:
    """Mentorships the viewer takes part in, supervises someone in, or (HR) has staff in."""
    employee = membership.employee
    condition = Q(pk__in=[])
    if employee is not None:
        condition |= Q(members__employee=employee, members__left_at__isnull=True)
        condition |= Q(members__employee__supervisor=employee, members__left_at__isnull=True)
    if membership.is_hr:
        condition |= Q(members__employee__organisation=membership.organisation, members__left_at__isnull=True)
    return Mentorship.objects.filter(condition).distinct()


def coordinates(membership: Membership, mentorship: Mentorship) -> bool:
    """HR of the organisation that runs the mentorship (the programme's owner) steers it."""
    return membership.is_hr and membership.organisation.pk == mentorship.organisation_id


def goals_shown_to(membership: Membership, relation: str, members: list) -> set[int]:
    """Participants and HR see every goal; a supervisor only their own staff's."""
    employee = membership.employee
    if relation in (PARTICIPANT, HR):
        return {m.employee_id for m in members if m.has_goals}
    return {m.employee_id for m in members if m.has_goals and employee and m.employee.supervisor_id == employee.pk}


def steers(membership: Membership, mentorship: Mentorship, relation: str) -> bool:
    """Participants and the coordinator may pause, resume, complete, continue or end it."""
    return relation == PARTICIPANT or coordinates(membership, mentorship)
