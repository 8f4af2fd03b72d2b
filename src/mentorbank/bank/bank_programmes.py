"""Which programme a mentor-bank request belongs to: the pair then follows that programme's rules."""

from mentorbank.applications.eligibility import is_eligible
from mentorbank.bank.models import MentorProfile
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme


def programmes_for_requests(mentee: Employee) -> list[Programme]:
    """Open or running programmes that take bank requests, that the mentee's organisation takes part
    in and that the mentee is eligible to (a few per organisation, so eligibility is checked in Python)."""
    candidates = (
        Programme.objects.of_organisation(mentee.organisation)
        .filter(takes_bank_requests=True, state__in=[Programme.OPEN, Programme.RUNNING])
        .select_related("owner")
        .order_by("created_at", "pk")
    )
    return [programme for programme in candidates if is_eligible(programme, mentee)]


def mentor_may_serve(programme: Programme, mentee: Employee, mentor: MentorProfile) -> bool:
    """The mentor works for an organisation of the programme, and for the mentee's own one where
    the programme keeps pairs within an organisation."""
    organisation_id = mentor.employee.organisation_id
    if not programme.cross_organisation_pairs and organisation_id != mentee.organisation_id:
        return False
    return (
        organisation_id == programme.owner_id
        or programme.participating_organisations.filter(pk=organisation_id).exists()
    )
