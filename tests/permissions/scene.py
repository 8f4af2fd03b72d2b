"""One organisation with something of everything, and the ten kinds of visitor the matrix checks."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mentorbank.accounts.models import ApiToken, User
from mentorbank.applications.models import Application, ApplicationImport
from mentorbank.bank.models import GuestInvitation, MentorProfile, MentorRequest
from mentorbank.core.models import AccessibilityFeedback
from mentorbank.events.models import Material, ProgrammeEvent
from mentorbank.library.models import LibraryItem
from mentorbank.matching.models import MatchingRun, PairDecision
from mentorbank.mentorships import notes
from mentorbank.mentorships.models import Approval, Insight, Meeting, SubstituteRequest
from mentorbank.organisations.models import ImportBatch
from mentorbank.programmes.models import Partnership, ProgrammeGuest
from mentorbank.provisioning import tokens as provisioning_tokens
from mentorbank.reports.models import ProgrammeCost
from mentorbank.surveys import services as surveys

from ..factories import EmployeeFactory, ProgrammeFactory, colleague_mentors_employee

ROLES = [
    "anonymous",
    "employee",
    "mentee",
    "mentor",
    "supervisor",
    "other_supervisor",
    "hr",
    "other_hr",
    "committee",
    "admin",
]


@dataclass
class Scene:
    people: dict[str, Any]  # role -> Employee (None for anonymous)
    values: dict[str, Any]  # URL argument name -> value


def build(world) -> Scene:  # type: ignore[no-untyped-def]
    org = world.org
    plain = EmployeeFactory(organisation=org, unit=world.employee.unit, first_name="Tavallinen")
    other_supervisor = EmployeeFactory(organisation=org, unit=world.hr.unit, first_name="Toinen")
    EmployeeFactory(organisation=org, unit=world.hr.unit, supervisor=other_supervisor)
    committee = EmployeeFactory(organisation=org, unit=world.hr.unit, first_name="Toimikunta")
    programme = ProgrammeFactory(owner=org, state="running", matching_method="mixed", substitutes_arranged=True)
    programme.committee_members.add(committee.user)
    now = timezone.now()
    mentee_application = Application.objects.create(
        programme=programme, employee=world.employee, role="mentee", goals="x", consent_at=now
    )
    mentor_application = Application.objects.create(
        programme=programme, employee=world.colleague, role="mentor", goals="x", consent_at=now
    )
    mentorship = colleague_mentors_employee(world, programme)
    agreement = mentorship.agreements.get()
    agreement.state = "approving"  # both accepted: the supervisor's approval is waiting
    agreement.save(update_fields=["state"])
    approval = Approval.objects.create(
        agreement=agreement,
        kind=Approval.SUPERVISOR,
        participant=world.employee,
        approver=world.supervisor,
        organisation=org,
    )
    meeting = Meeting.objects.create(mentorship=mentorship, starts_at=now + datetime.timedelta(days=2), minutes=60)
    substitute = SubstituteRequest.objects.create(meeting=meeting, employee=world.employee, supervisor=world.supervisor)
    note = notes.add(mentorship=mentorship, author=world.employee, text="oma")
    insight = Insight.objects.create(mentorship=mentorship, author=world.employee, text="idea")
    insight.units.add(world.employee.unit)
    run = MatchingRun.objects.create(programme=programme, number=1, state="done", matched=1)
    decision = PairDecision.objects.create(
        programme=programme, mentee=mentee_application, mentor=mentor_application, kind="lock"
    )
    profile = MentorProfile.objects.create(employee=world.colleague, introduction="Hei", search_text="hei")
    mentor_request = MentorRequest.objects.create(mentee=world.employee, mentor=profile, message="Hei")
    event = ProgrammeEvent.objects.create(
        programme=programme,
        title="Työpaja",
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
    )
    material = Material.objects.create(programme=programme, title="Opas", link="https://example.fi/opas")
    question = programme.questions.create(text="Vuorotyö?", kind="text")
    application_import = ApplicationImport.objects.create(
        programme=programme, filename="lomake.csv", content=b"email\n", mapping={}
    )
    guest = GuestInvitation.objects.create(
        mentee=world.employee, name="Ulla", email="ulla@example.org", employer="Naapuri", reason="Kokemus"
    )
    survey = surveys.surveys_of(programme)[4]
    cost = ProgrammeCost.objects.create(programme=programme, kind="trainers", description="x", amount=1)
    feedback = AccessibilityFeedback.objects.create(organisation=org, message="x")
    batch = ImportBatch.objects.create(organisation=org, kind="units", filename="u.csv", status="invalid")
    token, _key = ApiToken.issue(user=world.hr.user, name="t")
    provisioning_token, _key = provisioning_tokens.issue(organisation=org, name="Entra ID", actor=world.admin.user)
    # another organisation's programme that invites this one (its HR answers; consortium_matrix has more)
    elsewhere = ProgrammeFactory(owner=world.other_org, state="open")
    partnership = Partnership.objects.create(programme=elsewhere, organisation=org)
    library_item = LibraryItem.objects.create(organisation=org, title="Opas", link="https://example.fi/opas")
    coach = User.objects.create(email="coach@valmennus.example")
    outside_coach = ProgrammeGuest.objects.create(
        programme=programme, user=coach, name="Coach", employer="Valmennus Oy"
    )
    # the organisation admin is also the installation's admin here: the matrix proves nobody else is
    world.admin.user.is_installation_admin = True
    world.admin.user.save(update_fields=["is_installation_admin"])
    people = {
        "anonymous": None,
        "employee": plain,
        "mentee": world.employee,
        "mentor": world.colleague,
        "supervisor": world.supervisor,
        "other_supervisor": other_supervisor,
        "hr": world.hr,
        "other_hr": world.other_hr,
        "committee": committee,
        "admin": world.admin,
    }
    values = {
        "org_slug": org.slug,
        "slug": org.slug,
        "programme_id": programme.pk,
        "application_id": mentee_application.pk,
        "mentorship_id": mentorship.pk,
        "approval_id": approval.pk,
        "meeting_id": meeting.pk,
        "member_id": mentorship.members.get(employee=world.employee).pk,
        "note_id": note.pk,
        "substitute_id": substitute.pk,
        "number": run.number,
        "decision_id": decision.pk,
        "profile_id": profile.pk,
        "request_id": mentor_request.pk,
        "event_id": event.pk,
        "material_id": material.pk,
        "question_id": question.pk,
        "import_id": application_import.pk,
        "invitation_id": guest.pk,
        "survey_id": survey.pk,
        "cost_id": cost.pk,
        "feedback_id": feedback.pk,
        "insight_id": insight.pk,  # not in a URL: what a supervisor posts to mark it discussed
        "batch_id": batch.pk,
        "role_id": org.roles.get(user=world.hr.user).pk,
        "employee_id": world.employee.pk,
        "unit_id": world.employee.unit_id,
        "token_id": token.pk,
        "provisioning_token_id": provisioning_token.pk,
        "path": "Users",
        "partnership_id": partnership.pk,
        "item_id": library_item.pk,
        "guest_id": outside_coach.pk,
        "token": "no-such-token",
        "uidb64": "MQ",
        "section": "coverage",
        "action": "pause",
        "kind": "units",
        "extension": "csv",
    }
    return Scene(people, values)
