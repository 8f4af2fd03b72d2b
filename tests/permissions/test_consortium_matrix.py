"""The consortium's part of the permission matrix: the pages of a programme shared by an owner and
an accepted partner, as the owner's HR, the partner's HR and a third organisation's HR — each
visiting through their own organisation's address, as they would."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.mentorships.models import Approval
from mentorbank.organisations.models import OrganisationRole
from mentorbank.programmes.models import Partnership, Programme

from ..factories import EmployeeFactory, OrganisationFactory, RoleFactory, mentorship_of
from .probe import allowed

pytestmark = pytest.mark.django_db

OWNER, PARTNER, THIRD = "owner_hr", "partner_hr", "third_hr"

# page -> who of the three is let in (each with their own organisation in the address)
CONSORTIUM_MATRIX = {
    "programmes:detail": {OWNER, PARTNER},
    "programmes:partners": {OWNER},  # only the owner's coordinators invite
    "programmes:edit": {OWNER},
    "applications:applications": {OWNER, PARTNER},  # the partner: its own staff's only
    "applications:application/own_staff": {OWNER},  # the owner's employee's application
    "applications:application/partner_staff": {OWNER, PARTNER},
    "programmes:invitation": {PARTNER},  # the partnership is the partner's to answer
    "mentorships:detail/partner_staff": {OWNER, PARTNER},  # a pair with the partner's employee in it
    "mentorships:detail/own_staff": {OWNER},  # a pair of the owner's staff only
    "mentorships:approve/partner": {PARTNER},  # the HR approval for the partner's staff
}


@pytest.fixture
def consortium(world):
    third = OrganisationFactory(name="Kolmas", slug="kolmas")
    third_hr = EmployeeFactory(organisation=third)
    RoleFactory(organisation=third, user=third_hr.user, role=OrganisationRole.HR)
    programme = Programme.objects.create(
        owner=world.org, name_fi="Konsortio", formats=["pair"], state="running", hr_approves_participation=True
    )
    partnership = Partnership.objects.create(programme=programme, organisation=world.other_org, state="accepted")
    programme.participating_organisations.add(world.other_org)
    partner_employee = EmployeeFactory(organisation=world.other_org, last_name="Naapuri")
    now = timezone.now()
    own_application = Application.objects.create(
        programme=programme, employee=world.employee, role="mentee", goals="x", consent_at=now
    )
    partner_application = Application.objects.create(
        programme=programme, employee=partner_employee, role="mentee", goals="x", consent_at=now
    )
    shared_pair = mentorship_of(world.org, partner_employee, world.colleague, programme=programme)
    own_pair = mentorship_of(world.org, world.employee, world.colleague, programme=programme)
    agreement = shared_pair.agreements.get()
    agreement.state = "approving"
    agreement.save(update_fields=["state"])
    partner_approval = Approval.objects.create(agreement=agreement, kind=Approval.HR, organisation=world.other_org)
    visitors = {OWNER: (world.hr, world.org.slug), PARTNER: (world.other_hr, world.other_org.slug)}
    visitors[THIRD] = (third_hr, third.slug)
    pages = {
        "programmes:detail": ("programmes:detail", [programme.pk]),
        "programmes:partners": ("programmes:partners", [programme.pk]),
        "programmes:edit": ("programmes:edit", [programme.pk]),
        "applications:applications": ("applications:applications", [programme.pk]),
        "applications:application/own_staff": ("applications:application", [programme.pk, own_application.pk]),
        "applications:application/partner_staff": (
            "applications:application",
            [programme.pk, partner_application.pk],
        ),
        "programmes:invitation": ("programmes:invitation", [partnership.pk]),
        "mentorships:detail/partner_staff": ("mentorships:detail", [shared_pair.pk]),
        "mentorships:detail/own_staff": ("mentorships:detail", [own_pair.pk]),
        "mentorships:approve/partner": ("mentorships:approve", [shared_pair.pk, partner_approval.pk]),
    }
    return visitors, pages, partner_approval


def test_every_consortium_page_has_an_entry(consortium):
    _visitors, pages, _approval = consortium
    assert set(pages) == set(CONSORTIUM_MATRIX)


@pytest.mark.parametrize("page", sorted(CONSORTIUM_MATRIX))
def test_who_is_let_in_to_a_consortium_page(consortium, page):
    visitors, pages, partner_approval = consortium
    name, args = pages[page]
    let_in = set()
    for who, (employee, slug) in visitors.items():
        client = Client()
        client.force_login(employee.user)
        url = reverse(name, args=[slug, *args])
        response = client.post(url) if name == "mentorships:approve" else client.get(url)
        if allowed(response):
            let_in.add(who)
    assert let_in == CONSORTIUM_MATRIX[page]
    if name == "mentorships:approve":
        partner_approval.refresh_from_db()
        assert partner_approval.state == Approval.APPROVED
