"""A request made in the mentor bank belongs to a programme, whose rules the pair then follows exactly
as a matched pair would (seed 001: mentees choose from the bank, HR also approves, 90 min a month)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorbank.bank import banking
from mentorbank.bank.models import MentorRequest
from mentorbank.mentorships import meetings, services
from mentorbank.mentorships.meetings import OverLimit
from mentorbank.mentorships.models import Approval, Mentorship
from mentorbank.organisations.models import Unit
from mentorbank.programmes.models import Programme

from ..factories import EmployeeFactory, MentorProfileFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def continuous(world, **fields):
    defaults = {
        "state": Programme.RUNNING,
        "matching_method": "mentee_choice",
        "takes_bank_requests": True,
        "formats": ["pair", "peer"],
        "working_time_minutes": 90,
        "working_time_period": "month",
        "hr_approves_participation": True,
        "follow_up_after_months": 6,
    }
    return ProgrammeFactory(owner=world.org, **{**defaults, **fields})


def approved_pair(world, programme):
    world.colleague.supervisor = world.supervisor
    world.colleague.save()
    mentor = MentorProfileFactory(employee=world.colleague)
    item = banking.request_send(mentee=world.employee, mentor=mentor, message="Hei", programme=programme, actor=None)
    banking.request_answer(mentor_request=item, accept=True, answer="", actor=None)
    banking.request_supervisor_decide(
        mentor_request=item, supervisor=world.supervisor, approve=True, actor=world.supervisor.user
    )
    return item, Mentorship.objects.get(bank_request=item)


def test_a_bank_pair_of_a_programme_follows_its_rules(world):
    programme = continuous(world)
    item, mentorship = approved_pair(world, programme)
    assert mentorship.programme == programme and mentorship.format == "pair"
    agreement = services.current_agreement(mentorship)
    assert "90" in agreement.working_time, "the programme's limit is written into the agreement"
    agreement.goals = {str(world.employee.pk): ["Tavoite"]}
    agreement.save()
    for person in (world.employee, world.colleague):
        services.accept(agreement=agreement, employee=person, actor=person.user)
    approvals = {a.kind: a.state for a in agreement.approvals.all()}
    assert approvals == {"supervisor": "approved", "hr": "waiting"}, "the supervisors' yes carries; HR must approve"
    services.approve(approval=agreement.approvals.get(kind=Approval.HR), actor=world.hr.user)
    mentorship.refresh_from_db()
    assert mentorship.state == Mentorship.ACTIVE
    start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=40), datetime.time(9))
    )
    meetings.plan(mentorship=mentorship, first=start, minutes=60, place="", actor=world.employee.user)
    with pytest.raises(OverLimit):
        meetings.plan(
            mentorship=mentorship,
            first=start + datetime.timedelta(days=1),
            minutes=60,
            place="",
            actor=world.employee.user,
        )


def test_a_bank_pair_outside_programmes_keeps_the_general_rules(world):
    item, mentorship = approved_pair(world, None)
    assert mentorship.programme is None and mentorship.format == "individual"
    start = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=40), datetime.time(9))
    )
    services.finish_approval(services.current_agreement(mentorship))
    meetings.plan(
        mentorship=mentorship, first=start, minutes=60, every_weeks=1, count=3, place="", actor=world.employee.user
    )


def test_requests_outside_programmes_only_where_the_organisation_allows(world):
    world.org.bank_requests_outside_programmes = False
    world.org.save()
    mentor = MentorProfileFactory(employee=world.colleague)
    with pytest.raises(banking.BankRefused) as refused:
        banking.request_send(mentee=world.employee, mentor=mentor, message="a", actor=None)
    assert refused.value.code == "programme_required"
    programme = continuous(world)
    assert banking.chosen_programme(world.employee, None) == programme, "the one open programme by default"
    item = banking.request_send(mentee=world.employee, mentor=mentor, message="a", programme=programme, actor=None)
    assert item.programme == programme


def test_a_programme_must_be_open_to_the_mentee_and_the_mentor(world):
    mentor = MentorProfileFactory(employee=world.colleague)
    draft = continuous(world, state=Programme.DRAFT)
    elsewhere = Unit.objects.create(organisation=world.org, code="MUU", name="Muu yksikkö")
    others_only = continuous(world, eligibility=Programme.ELIGIBLE_UNITS)
    others_only.eligible_units.set([elsewhere])
    for programme in (draft, others_only):
        with pytest.raises(banking.BankRefused) as refused:
            banking.request_send(mentee=world.employee, mentor=mentor, message="a", programme=programme, actor=None)
        assert refused.value.code == "programme_closed"
    with pytest.raises(banking.BankRefused):
        banking.chosen_programme(world.employee, draft.pk)
    partner_mentor = MentorProfileFactory(employee=world.other_hr, visibility="shared")
    shared = continuous(world, cross_organisation_pairs=False)
    shared.participating_organisations.add(world.other_org)
    with pytest.raises(banking.BankRefused) as refused:
        banking.request_send(mentee=world.employee, mentor=partner_mentor, message="a", programme=shared, actor=None)
    assert refused.value.code == "mentor_outside_programme"
    assert not MentorRequest.objects.exists()


def test_the_request_page_offers_the_programmes_and_says_their_rules(world, client):
    first = continuous(world, name_fi="Jatkuva mentorointi")
    second = continuous(world, name_fi="Hiljaisen tiedon ohjelma", hr_approves_participation=False)
    mentor = MentorProfileFactory(employee=world.colleague)
    client.force_login(world.employee.user)
    url = reverse("bank:bank_profile", args=[world.org.slug, mentor.pk])
    page = client.get(url, **EN).content.decode()
    assert "Jatkuva mentorointi" in page and "Hiljaisen tiedon ohjelma" in page and "Outside any programme" in page
    assert "Both supervisors and HR approve the agreement." in page
    assert "at most 90 minutes of working time per month" in page
    response = client.post(url, {"programme": str(second.pk), "message": "Hei"})
    assert response.status_code == 302
    assert MentorRequest.objects.get().programme == second
    assert first.pk != second.pk


def test_where_only_one_programme_takes_requests_the_page_names_it_without_a_choice(world, client):
    world.org.bank_requests_outside_programmes = False
    world.org.save()
    programme = continuous(world, name_fi="Jatkuva mentorointi")
    mentor = MentorProfileFactory(employee=world.colleague)
    client.force_login(world.employee.user)
    url = reverse("bank:bank_profile", args=[world.org.slug, mentor.pk])
    page = client.get(url, **EN).content.decode()
    assert "Your request belongs to: Jatkuva mentorointi" in page and 'name="programme"' not in page
    client.post(url, {"message": "Hei"})
    assert MentorRequest.objects.get().programme == programme
    programme.state = Programme.CLOSED
    programme.save()
    page = client.get(url, **EN).content.decode()
    assert "only under a programme, and none is open to you now" in page and "<textarea" not in page


def test_the_api_request_belongs_to_the_default_programme_or_outside(world, client):
    from mentorbank.accounts.models import ApiToken

    programme = continuous(world)
    mentor = MentorProfileFactory(employee=world.colleague)
    other = MentorProfileFactory(employee=EmployeeFactory(organisation=world.org, unit=world.employee.unit))
    token = ApiToken.issue(user=world.employee.user, name="t")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    base = f"/api/v1/organisations/{world.org.slug}/bank"
    response = client.post(
        f"{base}/{mentor.pk}/requests", {"message": "Hei"}, content_type="application/json", **headers
    )
    assert response.status_code == 201 and response.json()["programme_id"] == programme.pk
    response = client.post(
        f"{base}/{other.pk}/requests",
        {"message": "Hei", "outside_programmes": True},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201 and response.json()["programme_id"] is None


def test_the_organisation_admin_decides_whether_requests_may_be_outside_programmes(world, client):
    url = reverse("organisations:settings", args=[world.org.slug])
    client.force_login(world.hr.user)
    assert client.get(url).status_code == 403
    client.force_login(world.admin.user)
    response = client.post(url, {"default_language": "fi", "training_day_minutes": 459})
    assert response.status_code == 302
    world.org.refresh_from_db()
    assert world.org.bank_requests_outside_programmes is False


def test_a_supervisor_suggests_a_mentor_and_the_staff_member_confirms(world, client, run_tasks, mailoutbox):
    """Seed 003: the bank as a supervisor's tool."""
    programme = continuous(world)
    mentor = MentorProfileFactory(employee=world.colleague)
    client.force_login(world.supervisor.user)
    profile_page = client.get(reverse("bank:bank_profile", args=[world.org.slug, mentor.pk]), **EN).content.decode()
    assert "Suggest this mentor to a staff member" in profile_page and world.employee.full_name in profile_page
    with run_tasks():
        client.post(
            reverse("bank:bank_propose", args=[world.org.slug, mentor.pk]),
            {"staff_member": world.employee.pk, "message": "Kalle osaa perehdytyksen."},
        )
    proposal = MentorRequest.objects.get()
    assert proposal.state == MentorRequest.PROPOSED and proposal.proposed_by == world.supervisor
    assert proposal.programme == programme
    assert [m.to[0] for m in mailoutbox] == [world.employee.email], "the mentor hears nothing yet"
    assert not MentorRequest.objects.open().exists(), "a suggestion holds no request slot"
    client.force_login(world.colleague.user)  # not the staff member
    url = reverse("bank:proposal_answer", args=[world.org.slug, proposal.pk])
    assert client.post(url, {"decision": "confirm"}).status_code == 404
    client.force_login(world.employee.user)
    assert (
        "Mentors suggested by your supervisor"
        in client.get(reverse("bank:bank_requests", args=[world.org.slug]), **EN).content.decode()
    )
    with run_tasks():
        client.post(url, {"decision": "confirm"})
    proposal.refresh_from_db()
    assert proposal.state == MentorRequest.PENDING
    assert mailoutbox[-1].to == [world.colleague.email], "now the mentor is asked"


def test_only_ones_own_staff_get_suggestions(world):
    mentor = MentorProfileFactory(employee=world.hr)
    with pytest.raises(banking.BankRefused) as refused:
        banking.request_propose(
            supervisor=world.supervisor,
            mentee=world.colleague,  # not the supervisor's staff
            mentor=mentor,
            message="x",
            programme=None,
            actor=world.supervisor.user,
        )
    assert refused.value.code == "not_staff"
