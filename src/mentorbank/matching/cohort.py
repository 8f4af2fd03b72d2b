"""A programme's approved applications as the engine's plain participants (a constant number of queries)."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from mentorbank.applications.models import VALUE_STATEMENTS, Application
from mentorbank.core.analysis import base_text
from mentorbank.events.eventing import trained_employee_ids
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

from . import phases
from .engine import Participant

STAGES = [code for code, _label in Application.CAREER_STAGES]
SETTLED = (Application.APPROVED, Application.NOT_NEEDED)


def approved_applications(programme: Programme) -> QuerySet[Application]:
    """Applications that may be matched: not withdrawn, approved by everyone who must approve."""
    return (
        programme.applications.active()
        .filter(supervisor_decision__in=SETTLED, hr_decision__in=SETTLED)
        .select_related(
            "employee",
            "employee__organisation",
            "employee__unit",
            "employee__profession_group",
            "employee__mentor_profile",
        )
        .prefetch_related(
            "themes",
            "competences_offered",
            "competences_sought",
            Prefetch("excluded", queryset=Employee.objects.only("pk")),
        )
        .order_by("pk")
    )


def manager_chains(employees: list[Employee]) -> dict[int, frozenset[str]]:
    """Everyone above each employee in the supervisor chain. One query per level of the
    hierarchy (a handful), fetching only the people on the chains."""
    supervisor_of = {e.pk: e.supervisor_id for e in employees}
    wanted = {s for s in supervisor_of.values() if s is not None} - supervisor_of.keys()
    while wanted:
        found = dict(Employee.objects.filter(pk__in=wanted).values_list("pk", "supervisor_id"))
        supervisor_of.update(found)
        wanted = {s for s in found.values() if s is not None} - supervisor_of.keys()
    chains = {}
    for employee in employees:
        above: list[str] = []
        current = supervisor_of.get(employee.pk)
        while current is not None and str(current) not in above:  # loops are refused on import; guard anyway
            above.append(str(current))
            current = supervisor_of.get(current)
        chains[employee.pk] = frozenset(above)
    return chains


@dataclass
class Cohort:
    mentees: list[Participant]
    mentors: list[Participant]
    everyone: list[Participant]  # peer mentoring: all approved applicants, whatever their role
    applications: dict[str, Application]


def participant(application: Application, managers: frozenset[str], as_mentor: bool, trained: bool) -> Participant:
    employee = application.employee
    profile = getattr(employee, "mentor_profile", None)
    text = application.goals
    if as_mentor and profile is not None:
        text = f"{text}\n{profile.introduction}\n{profile.themes}"
    languages = frozenset(application.languages) or frozenset(filter(None, employee.languages.split(","))) or {"fi"}
    return Participant(
        id=str(application.pk),
        person=str(employee.pk),
        organisation=str(employee.organisation_id),
        unit=str(employee.unit_id),
        profession_group=str(employee.profession_group_id or ""),
        languages=frozenset(languages),
        managers=managers,
        excluded=frozenset(str(e.pk) for e in application.excluded.all()),
        themes=frozenset(t.name for t in application.themes.all()),
        competences_offered=frozenset(c.name for c in application.competences_offered.all()),
        competences_sought=frozenset(c.name for c in application.competences_sought.all()),
        text=base_text(text, employee.organisation.default_language),
        interests=application.interests,
        experience_years=application.experience_years,
        career_stage=STAGES.index(application.career_stage) if application.career_stage in STAGES else 2,
        values=tuple(application.values.get(key) for key, _label in VALUE_STATEMENTS),
        meeting_mode=application.meeting_mode,
        location=application.location or employee.work_location,
        cross_unit=application.cross_unit,
        preferred_mentor=str(application.preferred_mentor_id or ""),
        capacity=application.mentor_capacity if as_mentor else 1,
        may_mentor=trained or not application.programme.requires_trained_mentors,
    )


def load_cohort(programme: Programme, only: list[int] | None = None, *, unmatched_only: bool = False) -> Cohort:
    """The programme's approved applicants; `only` some of them (checking one pair stays cheap);
    `unmatched_only`: without the people an earlier publish matched (runs after a first publish)."""
    approved = approved_applications(programme)
    if unmatched_only:
        approved = phases.unmatched(approved, programme)
    applications = list(approved if only is None else approved.filter(pk__in=only))
    for application in applications:
        application.programme = programme  # one programme: no query per row
    chains = manager_chains([a.employee for a in applications])
    trained = trained_employee_ids([a.employee_id for a in applications if a.wants_to_mentor])
    mentees, mentors, everyone = [], [], []
    for application in applications:
        managers = chains[application.employee_id]
        as_mentee = participant(application, managers, False, True)
        everyone.append(as_mentee)
        if application.role in (Application.MENTEE, Application.BOTH):
            mentees.append(as_mentee)
        if application.wants_to_mentor:
            mentors.append(participant(application, managers, True, application.employee_id in trained))
    return Cohort(mentees, mentors, everyone, {str(a.pk): a for a in applications})
