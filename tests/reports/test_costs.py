"""The cost report: entered costs, compensation, working time and substitutes valued at each profession
group's hourly cost; entering costs and hourly costs, and who may."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorbank.core.models import AuditEvent
from mentorbank.mentorships.models import Mentorship, SubstituteRequest
from mentorbank.reports.models import ProgrammeCost

from ..factories import ProfessionGroupFactory, ProgrammeFactory
from .helpers import pair_in

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def programme(world):
    return ProgrammeFactory(owner=world.org, compensation="per_meeting", compensation_euros=Decimal("50"))


@pytest.fixture
def priced(world, programme):
    """The employee (a nurse, 40 €/h) is mentored by the colleague (a teacher, no hourly cost) for 90 minutes,
    with a substitute arranged for the employee; 1,200.50 € entered for the period, 99 € before it."""
    nurses = ProfessionGroupFactory(organisation=world.org, name="Sairaanhoitajat", hourly_cost=Decimal("40"))
    teachers = ProfessionGroupFactory(organisation=world.org, name="Opettajat")
    world.employee.profession_group = nurses
    world.employee.save()
    world.colleague.profession_group = teachers
    world.colleague.save()
    mentorship = pair_in(world, programme, world.colleague, world.employee)
    SubstituteRequest.objects.create(
        meeting=mentorship.meetings.get(),
        employee=world.employee,
        supervisor=world.supervisor,
        state=SubstituteRequest.ARRANGED,
    )
    today = timezone.localdate()
    ProgrammeCost.objects.create(programme=programme, kind="trainers", description="Kouluttaja", amount=1000)
    ProgrammeCost.objects.create(programme=programme, kind="materials", description="Kirjat", amount="200.50")
    ProgrammeCost.objects.create(
        programme=programme,
        kind="other",
        description="Viime vuonna",
        amount=99,
        spent_on=today.replace(month=1, day=1) - datetime.timedelta(days=1),
    )
    return nurses


def test_costs_add_up(world, priced, login):
    data = login(world.hr).get(reverse("reports:section", args=[world.org.slug, "costs"]), **EN).context["data"]
    assert data["entered"]["total"] == Decimal("1200.50")
    assert [(str(r["kind"]), r["amount"]) for r in data["entered"]["rows"]] == [
        ("Trainers", Decimal("1000")),
        ("Materials", Decimal("200.50")),
    ]
    assert data["compensation"]["total"] == Decimal("50.00")  # one meeting held × 50 €
    assert data["working_time"]["total"] == Decimal("60.00")  # the nurse's 1.5 h × 40 €
    assert data["working_time"]["unpriced_hours"] == Decimal("1.5")  # the teacher's hours have no price
    assert data["substitutes"]["total"] == Decimal("60.00")
    assert data["total"] == Decimal("1370.50") and data["people"] == 2 and data["per_person"] == Decimal("685.25")


def test_entered_costs_are_left_out_when_a_unit_is_chosen(world, priced, login):
    url = reverse("reports:section", args=[world.org.slug, "costs"])
    response = login(world.hr).get(url, {"unit": world.employee.unit_id}, **EN)
    assert response.context["data"]["entered"]["not_divided"]
    assert "not divided by unit or profession group" in response.content.decode()


def test_a_coordinator_enters_and_removes_a_cost(world, programme, login):
    client = login(world.hr)
    url = reverse("reports:programme_costs", args=[world.org.slug, programme.pk])
    bad = client.post(url, {"kind": "trainers", "description": "Kouluttaja", "amount": "-5", "spent_on": ""}, **EN)
    assert bad.status_code == 200 and not ProgrammeCost.objects.exists()
    assert "Ensure this value is greater than or equal to 0." in bad.content.decode()
    client.post(url, {"kind": "trainers", "description": "Kouluttaja", "amount": "850", "spent_on": "2026-03-01"})
    cost = ProgrammeCost.objects.get()
    assert cost.amount == 850 and cost.created_by == world.hr.user
    assert AuditEvent.objects.filter(action="cost.added").exists()
    remove = reverse("reports:remove_programme_cost", args=[world.org.slug, programme.pk, cost.pk])
    asked = client.post(remove, **EN)
    assert "Remove the cost?" in asked.content.decode() and ProgrammeCost.objects.exists()
    client.post(remove, {"confirm": "yes"})
    assert not ProgrammeCost.objects.exists() and AuditEvent.objects.filter(action="cost.removed").exists()


def test_only_the_coordinators_enter_costs(world, programme, login):
    ProgrammeCost.objects.create(programme=programme, kind="trainers", description="x", amount=1)
    cost = ProgrammeCost.objects.get()
    urls = [
        reverse("reports:programme_costs", args=[world.org.slug, programme.pk]),
        reverse("reports:hourly_costs", args=[world.org.slug]),
    ]
    remove = reverse("reports:remove_programme_cost", args=[world.org.slug, programme.pk, cost.pk])
    for person, status in ((world.admin, 403), (world.supervisor, 403), (world.employee, 403), (world.other_hr, 404)):
        client = login(person)
        for url in urls:
            assert client.get(url).status_code == status, (person, url)
        assert client.post(remove, {"confirm": "yes"}).status_code == status
    assert ProgrammeCost.objects.exists()


def test_hr_sets_hourly_costs_and_bad_input_saves_nothing(world, login):
    nurses = ProfessionGroupFactory(organisation=world.org, name="Sairaanhoitajat")
    cooks = ProfessionGroupFactory(organisation=world.org, name="Kokit")
    ProfessionGroupFactory(organisation=world.other_org, name="Muualla")
    client = login(world.hr)
    url = reverse("reports:hourly_costs", args=[world.org.slug])
    page = client.get(url, **EN)
    assert [form.instance for form in page.context["formset"]] == [cooks, nurses]
    management = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    bad = client.post(
        url,
        {
            **management,
            "form-0-id": cooks.pk,
            "form-0-hourly_cost": "31",
            "form-1-id": nurses.pk,
            "form-1-hourly_cost": "-1",
        },
        **EN,
    )
    assert "greater than or equal to 0" in bad.content.decode()
    cooks.refresh_from_db()
    assert cooks.hourly_cost is None
    client.post(
        url,
        {
            **management,
            "form-0-id": cooks.pk,
            "form-0-hourly_cost": "31",
            "form-1-id": nurses.pk,
            "form-1-hourly_cost": "42.50",
        },
    )
    nurses.refresh_from_db()
    assert nurses.hourly_cost == Decimal("42.50")
    assert AuditEvent.objects.filter(action="hourly_costs.changed").exists()


def test_lump_sums_and_group_fees_follow_each_programme_policy(world, login):
    lump = ProgrammeFactory(owner=world.org, name_fi="Könttä", compensation="lump_sum", compensation_euros=100)
    groups = ProgrammeFactory(owner=world.org, name_fi="Ryhmät", compensation="per_group", compensation_euros=70)
    pair_in(world, lump, world.colleague, world.employee)
    pair_in(world, lump, world.colleague, world.supervisor)
    pair_in(world, groups, world.hr, world.admin)  # a pair: no group fee
    group = pair_in(world, groups, world.hr, world.employee)
    Mentorship.objects.filter(pk=group.pk).update(format="group")
    data = login(world.hr).get(reverse("reports:section", args=[world.org.slug, "costs"]), **EN).context["data"]
    assert data["compensation"]["rows"] == [
        {"programme": "Könttä", "amount": Decimal("200.00")},
        {"programme": "Ryhmät", "amount": Decimal("70.00")},
    ]


@pytest.mark.parametrize(
    ("typed", "saved"), [("3450,50", "3450.50"), ("3 450,50", "3450.50"), ("3\u00a0450,5", "3450.50")]
)
def test_money_takes_the_decimal_comma_and_spaces(world, programme, login, typed, saved):
    """Issue 15 (9): "3450,50" was saved as 345 050,00 €."""
    from decimal import Decimal

    from mentorbank.reports.models import ProgrammeCost

    client = login(world.hr)
    url = reverse("reports:programme_costs", args=[world.org.slug, programme.pk])
    data = {"kind": "trainers", "description": "Kouluttaja", "amount": typed, "spent_on": "2026-11-30"}
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 302
    assert ProgrammeCost.objects.get().amount == Decimal(saved)


def test_hourly_costs_take_the_decimal_comma_and_spaces_between_thousands(world, login):
    """Issue 15 (9), everywhere money is typed: the hourly costs too."""
    nurses = ProfessionGroupFactory(organisation=world.org, name="Sairaanhoitajat")
    url = reverse("reports:hourly_costs", args=[world.org.slug])
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": nurses.pk}
    client = login(world.hr)
    client.post(url, {**data, "form-0-hourly_cost": "1 045,50"}, HTTP_ACCEPT_LANGUAGE="fi")
    nurses.refresh_from_db()
    assert nurses.hourly_cost == Decimal("1045.50")
    client.post(url, {**data, "form-0-hourly_cost": "42,5"}, HTTP_ACCEPT_LANGUAGE="sv")
    nurses.refresh_from_db()
    assert nurses.hourly_cost == Decimal("42.50")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert 'value="42,50"' in page and 'inputmode="decimal"' in page, "shown as the reader writes it"


@pytest.mark.parametrize(
    ("cell", "number"),
    [("3 450,50", "3450.50"), ("3450.50", "3450.50"), ("1\u00a0200", "1200"), ("12 vuotta", "12"), ("2,5", "2.5")],
)
def test_numbers_in_imported_files_are_read_as_people_write_them(cell, number):
    from mentorbank.core.forms import leading_number

    assert leading_number(cell) == Decimal(number)
    assert leading_number("noin kymmenen") is None


def test_the_costs_and_activity_sections_show_mentors_hours_apart_from_mentees(world, priced, login):
    """Issue 15 (13): the colleague mentors (no hourly cost), the nurse is mentored (40 €/h), 1.5 h each."""
    client = login(world.hr)
    costs = client.get(reverse("reports:section", args=[world.org.slug, "costs"]), **EN)
    by_role = {
        str(r["role"]): (r["hours"], r["value"], r["unpriced"])
        for r in costs.context["data"]["working_time"]["by_role"]
    }
    assert by_role == {
        "Mentor": (Decimal("1.5"), Decimal("0"), Decimal("1.5")),
        "Mentee": (Decimal("1.5"), Decimal("60.00"), Decimal("0")),
    }
    assert "Working time by role in the mentorship" in costs.content.decode()
    activity = client.get(reverse("reports:section", args=[world.org.slug, "activity"]), **EN)
    assert [(str(r["role"]), r["hours"]) for r in activity.context["data"]["hours_by_role"]] == [
        ("Mentor", 1.5),
        ("Mentee", 1.5),
    ]
    assert "mentor: 1.5" in activity.content.decode() and "mentee: 1.5" in activity.content.decode()
    download = client.get(
        reverse("reports:section", args=[world.org.slug, "activity"]), {"format": "csv"}, **EN
    ).content.decode()
    assert "Hours of working time: Mentor" in download


def test_hours_by_role_follow_the_role_recorded_with_the_time_else_the_membership(world, priced, login):
    """Times recorded with a role are summed by it (no lookup per row); older rows by the membership."""
    from mentorbank.mentorships.models import Meeting, MeetingTime, Member

    client = login(world.hr)
    activity_url = reverse("reports:section", args=[world.org.slug, "activity"])

    def hours_by_role():
        data = client.get(activity_url, **EN).context["data"]
        return [(str(r["role"]), r["hours"], r["people"]) for r in data["hours_by_role"]]

    assert hours_by_role() == [("Mentor", 1.5, 1), ("Mentee", 1.5, 1)], "looked up: no role was recorded"
    MeetingTime.objects.filter(employee=world.colleague).update(role=Member.MENTOR)
    MeetingTime.objects.filter(employee=world.employee).update(role=Member.MENTEE)
    Member.objects.filter(employee=world.colleague).update(role=Member.MENTEE)  # the pair's roles change later
    assert hours_by_role() == [("Mentor", 1.5, 1), ("Mentee", 1.5, 1)], "as recorded at the meeting"
    MeetingTime.objects.filter(employee=world.colleague).update(role="")
    assert hours_by_role() == [("Mentee", 3.0, 2)], "a row without its role: the membership's today"
    assert Meeting.objects.count() == 1
