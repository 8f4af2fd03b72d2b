"""A consortium programme across organisations (seeds 000 and 003): the owner invites, the partner's
HR accepts (nothing shared before), eligibility covers the partner's own units, each organisation's
HR sees and approves its own staff only, a partner may leave before the programme runs — and a
third organisation sees nothing at all."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorbank.applications.models import Application
from mentorbank.mentorships import services as mentorship_services
from mentorbank.mentorships.models import Approval
from mentorbank.organisations.models import OrganisationRole
from mentorbank.programmes import partnerships
from mentorbank.programmes.models import Partnership, Programme

from ..applications.test_applications import application_data
from ..factories import EmployeeFactory, OrganisationFactory, RoleFactory, UnitFactory, mentorship_of
from .test_programmes import valid_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def consortium(world):
    """Esimerkkilä owns a programme; Muualla (world.other_org) is invited; Kolmas is a third organisation."""
    partner = world.other_org
    partner_daycares = UnitFactory(organisation=partner, code="VAKA-M", name="Muualan varhaiskasvatus")
    partner_kitchen = UnitFactory(organisation=partner, code="RUOKA-M", name="Muualan ruokapalvelut")
    little = UnitFactory(organisation=partner, code="PESA", name="Päiväkoti Pesä", parent=partner_daycares)
    nurse = EmployeeFactory(organisation=partner, unit=little, first_name="Niina", last_name="Naapuri")
    cook = EmployeeFactory(organisation=partner, unit=partner_kitchen, first_name="Kaisa", last_name="Kokki")
    third = OrganisationFactory(name="Kolmas", slug="kolmas")
    third_hr = EmployeeFactory(organisation=third, first_name="Kolmas", last_name="HR")
    RoleFactory(organisation=third, user=third_hr.user, role=OrganisationRole.HR)
    return {"partner_daycares": partner_daycares, "nurse": nurse, "cook": cook, "third": third, "third_hr": third_hr}


def signed_in(employee):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(employee.user)
    return client


def create_and_invite(world, mailoutbox, run_tasks):
    owner_hr = signed_in(world.hr)
    owner_hr.post(reverse("programmes:create", args=[world.org.slug]), valid_form(world, committee_emails=""))
    programme = Programme.objects.get()
    with run_tasks():
        response = owner_hr.post(
            reverse("programmes:partners", args=[world.org.slug, programme.pk]), {"organisation": world.other_org.pk}
        )
    assert response.status_code == 302
    assert world.other_hr.email in {m.to[0] for m in mailoutbox}, "the partner's HR is told by e-mail"
    return programme, owner_hr


def test_nothing_is_shared_before_the_partner_accepts(world, consortium, mailoutbox, run_tasks):
    programme, _owner_hr = create_and_invite(world, mailoutbox, run_tasks)
    partner_hr = signed_in(world.other_hr)
    detail = reverse("programmes:detail", args=[world.other_org.slug, programme.pk])
    assert partner_hr.get(detail).status_code == 404
    assert (
        programme.name_fi
        not in partner_hr.get(reverse("programmes:list", args=[world.other_org.slug])).content.decode()
    )
    nurse = signed_in(consortium["nurse"])
    apply = reverse("applications:apply", args=[world.other_org.slug, programme.pk])
    assert nurse.post(apply, application_data()).status_code == 404
    invitations = partner_hr.get(reverse("programmes:invitations", args=[world.other_org.slug])).content.decode()
    assert programme.name_fi in invitations
    partnership = Partnership.objects.get()
    third = signed_in(consortium["third_hr"])
    third_url = reverse("programmes:invitation", args=["kolmas", partnership.pk])
    assert third.get(third_url).status_code == 404
    assert third.post(third_url, {"decision": "accept"}).status_code == 404
    with run_tasks():
        partner_hr.post(
            reverse("programmes:invitation", args=[world.other_org.slug, partnership.pk]), {"decision": "accept"}
        )
    assert list(programme.participating_organisations.all()) == [world.other_org]
    assert world.hr.email in {m.to[0] for m in mailoutbox}, "the owner's HR hears the answer"
    assert partner_hr.get(detail).status_code == 200
    assert third.get(reverse("programmes:detail", args=["kolmas", programme.pk])).status_code == 404


def test_each_organisation_sees_and_approves_its_own_staff(world, consortium, mailoutbox, run_tasks):
    programme, owner_hr = create_and_invite(world, mailoutbox, run_tasks)
    partnerships.answer(partnership=Partnership.objects.get(), accept=True, actor=world.other_hr.user)
    form = owner_hr.get(reverse("programmes:edit", args=[world.org.slug, programme.pk])).content.decode()
    assert "Muualan varhaiskasvatus (Muualla)" in form, "the partner's own units can be chosen"
    data = valid_form(
        world,
        committee_emails="",
        eligibility="units",
        eligible_units=[world.org.units.get(code="VAKA").pk, consortium["partner_daycares"].pk],
        application_opens="2026-11-01",
    )
    assert owner_hr.post(reverse("programmes:edit", args=[world.org.slug, programme.pk]), data).status_code == 302
    programme.refresh_from_db()
    programme.state = Programme.OPEN
    programme.save()
    partner_apply = reverse("applications:apply", args=[world.other_org.slug, programme.pk])
    assert signed_in(consortium["cook"]).post(partner_apply, application_data()).status_code == 403, "not her unit"
    assert signed_in(consortium["nurse"]).post(partner_apply, application_data()).status_code == 302, "a unit below"
    own_apply = reverse("applications:apply", args=[world.org.slug, programme.pk])
    assert signed_in(world.employee).post(own_apply, application_data()).status_code == 302
    nurse_application = Application.objects.get(employee=consortium["nurse"])
    own_application = Application.objects.get(employee=world.employee)
    assert nurse_application.hr_decision == own_application.hr_decision == "pending"

    partner_hr = signed_in(world.other_hr)
    listing = partner_hr.get(reverse("applications:applications", args=[world.other_org.slug, programme.pk]))
    page = listing.content.decode()
    assert "Naapuri" in page and world.employee.last_name not in page, "the partner's HR sees its own staff only"
    own_url = reverse("applications:application", args=[world.other_org.slug, programme.pk, own_application.pk])
    assert partner_hr.get(own_url).status_code == 404
    decision = {"decision": "approved", "reason": ""}
    nurse_url = reverse("applications:application", args=[world.org.slug, programme.pk, nurse_application.pk])
    assert owner_hr.post(nurse_url, decision).status_code == 403, "the owner does not approve a partner's staff"
    partner_nurse_url = reverse(
        "applications:application", args=[world.other_org.slug, programme.pk, nurse_application.pk]
    )
    assert partner_hr.post(partner_nurse_url, decision).status_code == 302
    nurse_application.refresh_from_db()
    assert nurse_application.hr_decision == "approved"

    third = signed_in(consortium["third_hr"])
    for url in (
        reverse("applications:applications", args=["kolmas", programme.pk]),
        reverse("applications:application", args=["kolmas", programme.pk, nurse_application.pk]),
    ):
        assert third.get(url).status_code == 404


def test_an_agreement_across_organisations_is_approved_by_each_organisations_hr(world, consortium):
    programme = Programme.objects.create(
        owner=world.org, name_fi="Konsortio", formats=["pair"], hr_approves_participation=True, state="running"
    )
    programme.participating_organisations.add(world.other_org)
    mentorship = mentorship_of(world.org, consortium["nurse"], world.colleague, programme=programme)
    agreement = mentorship.agreements.get()
    agreement.goals = {str(consortium["nurse"].pk): ["Tavoite"]}
    agreement.save()
    for person in (consortium["nurse"], world.colleague):
        mentorship_services.accept(agreement=agreement, employee=person, actor=person.user)
    hr_approvals = agreement.approvals.filter(kind=Approval.HR)
    assert {a.organisation_id for a in hr_approvals} == {world.org.pk, world.other_org.pk}
    partner_hr = signed_in(world.other_hr)
    detail = reverse("mentorships:detail", args=[world.other_org.slug, mentorship.pk])
    assert partner_hr.get(detail).status_code == 200, "its own staff member's mentorship"
    own = hr_approvals.get(organisation=world.org)
    give = reverse("mentorships:approve", args=[world.other_org.slug, mentorship.pk, own.pk])
    partner_hr.post(give)
    own.refresh_from_db()
    assert own.state == "waiting", "the partner's HR cannot approve for the owner's staff"
    third = signed_in(consortium["third_hr"])
    assert third.get(reverse("mentorships:detail", args=["kolmas", mentorship.pk])).status_code == 404
    other_pair = mentorship_of(world.org, world.employee, world.colleague, programme=programme)
    assert partner_hr.get(reverse("mentorships:detail", args=[world.other_org.slug, other_pair.pk])).status_code == 404


def test_a_partner_leaves_before_the_programme_runs_and_not_after(world, consortium, mailoutbox, run_tasks):
    programme = Programme.objects.create(owner=world.org, name_fi="Konsortio", formats=["pair"], state="open")
    partnership = partnerships.invite(programme=programme, organisation=world.other_org, actor=world.hr.user)
    partnerships.answer(partnership=partnership, accept=True, actor=world.other_hr.user)
    programme.committee_members.add(world.other_hr.user, world.admin.user)
    application = Application.objects.create(
        programme=programme, employee=consortium["nurse"], role="mentee", goals="x", consent_at=programme.created_at
    )
    partner_hr = signed_in(world.other_hr)
    url = reverse("programmes:invitation", args=[world.other_org.slug, partnership.pk])
    assert "Leave the programme" in partner_hr.get(url).content.decode()
    with run_tasks():
        partner_hr.post(url, {"decision": "leave"})
    application.refresh_from_db()
    assert application.is_withdrawn and consortium["nurse"].email in {m.to[0] for m in mailoutbox}
    assert not programme.participating_organisations.exists()
    assert list(programme.committee_members.all()) == [world.admin.user], "its people leave the committee"
    assert partner_hr.get(reverse("programmes:detail", args=[world.other_org.slug, programme.pk])).status_code == 404
    again = partnerships.invite(programme=programme, organisation=world.other_org, actor=world.hr.user)
    partnerships.answer(partnership=again, accept=True, actor=world.other_hr.user)
    programme.state = Programme.RUNNING
    programme.save()
    with pytest.raises(partnerships.PartnershipRefused) as refused:
        partnerships.leave(partnership=again, actor=world.other_hr.user)
    assert refused.value.code == "started"


def test_the_owner_withdraws_an_invitation_and_cannot_invite_twice(world, consortium):
    programme = Programme.objects.create(owner=world.org, name_fi="Konsortio", formats=["pair"])
    partnership = partnerships.invite(programme=programme, organisation=world.other_org, actor=world.hr.user)
    with pytest.raises(partnerships.PartnershipRefused):
        partnerships.invite(programme=programme, organisation=world.other_org, actor=world.hr.user)
    with pytest.raises(partnerships.PartnershipRefused):
        partnerships.invite(programme=programme, organisation=world.org, actor=world.hr.user)
    owner_hr = signed_in(world.hr)
    owner_hr.post(reverse("programmes:partner_withdraw", args=[world.org.slug, programme.pk, partnership.pk]))
    partnership.refresh_from_db()
    assert partnership.state == Partnership.WITHDRAWN
    with pytest.raises(partnerships.PartnershipRefused):
        partnerships.answer(partnership=partnership, accept=True, actor=world.other_hr.user)
    assert not programme.participating_organisations.exists()
    assert (
        signed_in(world.other_hr)
        .get(reverse("programmes:partners", args=[world.other_org.slug, programme.pk]))
        .status_code
        == 404
    )


def test_a_copied_programme_invites_the_partners_again(world, consortium):
    from mentorbank.programmes.services import programme_copy

    programme = Programme.objects.create(owner=world.org, name_fi="Kohortti 1", formats=["pair"])
    partnership = partnerships.invite(programme=programme, organisation=world.other_org, actor=world.hr.user)
    partnerships.answer(partnership=partnership, accept=True, actor=world.other_hr.user)
    copy = programme_copy(programme=programme, organisation=world.org, name_fi="Kohortti 2", actor=world.hr.user)
    assert not copy.participating_organisations.exists()
    assert copy.partnerships.get().state == Partnership.INVITED


def test_each_organisations_report_counts_its_own_staff_in_the_shared_programme(world, consortium):
    programme = Programme.objects.create(owner=world.org, name_fi="Konsortio", formats=["pair"], state="running")
    programme.participating_organisations.add(world.other_org)
    mentorship_of(world.org, consortium["nurse"], world.colleague, programme=programme, state="active")
    mentorship_of(world.org, world.employee, world.supervisor, programme=programme, state="active")
    url = "/o/{}/reports/coverage/?programme=" + str(programme.pk)
    partner = signed_in(world.other_hr).get(url.format(world.other_org.slug)).content.decode()
    staff = world.other_org.employees.count()
    assert f"1 of {staff} employees took part" in partner, "the partner counts its own nurse only"
    owner = signed_in(world.hr).get(url.format(world.org.slug)).content.decode()
    assert f"3 of {world.org.employees.count()} employees took part" in owner
    assert consortium["nurse"].full_name not in owner + partner, "figures, not people"
    third = signed_in(consortium["third_hr"]).get(url.format("kolmas")).content.decode()
    assert "0 of 1 employee took part" in third, "the third sees its own (one) staff member, nothing of the programme"
