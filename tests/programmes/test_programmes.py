import pytest
from django.urls import reverse

from mentorbank.core.models import AuditEvent
from mentorbank.programmes.models import Programme

from ..factories import EmployeeFactory, ProgrammeFactory, RoleFactory

pytestmark = pytest.mark.django_db


def valid_form(world, **changes):
    data = {
        "name_fi": "Vaasan mentorointi",
        "name_sv": "Mentorskap i Vasa",
        "eligibility": "all",
        "formats": ["pair", "peer"],
        "group_min_mentees": 3,
        "group_max_mentees": 6,
        "co_mentoring_max_mentees": 6,
        "application_opens": "2026-12-01",
        "application_closes": "2027-01-31",
        "matching_method": "mentee_choice",
        "duration_kind": "months",
        "duration_months": 12,
        "meeting_every_weeks": 4,
        "meeting_minutes": 90,
        "working_time_minutes": 90,
        "working_time_period": "month",
        "compensation": "none",
        "hr_approves_participation": "on",
        "follow_up_after_months": 6,
        "final_survey": "on",
        "quiet_after_weeks": 6,
        "waiting_after_days": 7,
        "themes": "Hiljainen tieto\nPerehdytys\nHiljainen tieto",
        "committee_emails": world.admin.email.upper(),
    }
    data.update(changes)
    return data


def test_hr_creates_a_programme_as_a_draft(world, client):
    client.force_login(world.hr.user)
    response = client.post(reverse("programmes:create", args=[world.org.slug]), valid_form(world))
    programme = Programme.objects.get()
    assert response.url == reverse("programmes:detail", args=[world.org.slug, programme.pk])
    assert programme.state == Programme.DRAFT and programme.owner == world.org
    assert programme.formats == ["pair", "peer"] and programme.working_time_minutes == 90
    assert [t.name for t in programme.themes.all()] == ["Hiljainen tieto", "Perehdytys"]
    assert list(programme.committee_members.all()) == [world.admin.user]
    assert AuditEvent.objects.filter(action="programme.created", details__programme=programme.pk).exists()
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Mentorskap i Vasa" in page and "högst 90 minuter per månad" in page


def test_people_added_to_the_committee_are_told_by_email(world, client, mailoutbox, run_tasks):
    client.force_login(world.hr.user)
    with run_tasks():
        client.post(reverse("programmes:create", args=[world.org.slug]), valid_form(world))
    programme = Programme.objects.get()
    runs = reverse("matching:runs", args=[world.org.slug, programme.pk])
    added = [m for m in mailoutbox if m.to == [world.admin.email]]
    assert len(added) == 1 and runs in added[0].body and "Vaasan mentorointi" in added[0].subject
    mailoutbox.clear()
    data = valid_form(world, committee_emails=f"{world.admin.email}\n{world.colleague.email}")
    with run_tasks():
        client.post(reverse("programmes:edit", args=[world.org.slug, programme.pk]), data)
    assert [m.to for m in mailoutbox] == [[world.colleague.email]], "only the newly added member is told"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"application_closes": "2026-11-01"}, "application_closes"),
        ({"eligibility": "units"}, "eligible_units"),
        ({"eligibility": "profession_groups"}, "eligible_profession_groups"),
        ({"working_time_period": ""}, "working_time_period"),
        ({"compensation": "per_meeting"}, "compensation_euros"),
        ({"formats": []}, "formats"),
        ({"group_min_mentees": 7}, "group_max_mentees"),
        ({"duration_kind": "meetings"}, "duration_meetings"),
        ({"committee_emails": "stranger@example.org"}, "committee_emails"),
        ({"name_fi": ""}, "name_fi"),
    ],
)
def test_bad_programme_settings_are_refused_with_a_reason(world, client, changes, field):
    client.force_login(world.hr.user)
    response = client.post(reverse("programmes:create", args=[world.org.slug]), valid_form(world, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Programme.objects.exists()


def test_committee_members_of_other_organisations_are_refused(world, client):
    client.force_login(world.hr.user)
    response = client.post(
        reverse("programmes:create", args=[world.org.slug]), valid_form(world, committee_emails=world.other_hr.email)
    )
    assert "committee_emails" in response.context["form"].errors
    client.post(reverse("programmes:create", args=[world.org.slug]), valid_form(world))
    programme = Programme.objects.get()
    programme.participating_organisations.add(world.other_org)  # an accepted partner
    data = valid_form(world, committee_emails=world.other_hr.email)
    client.post(reverse("programmes:edit", args=[world.org.slug, programme.pk]), data)
    assert list(programme.committee_members.all()) == [world.other_hr.user]


def test_states_move_forward_in_order_only(world, client):
    programme = ProgrammeFactory(owner=world.org)
    client.force_login(world.hr.user)
    url = reverse("programmes:advance", args=[world.org.slug, programme.pk])
    seen = []
    for expected in ["open", "matching", "running", "closed"]:
        state = Programme.objects.get(pk=programme.pk).state
        client.post(url, {"from": state})
        seen.append(Programme.objects.get(pk=programme.pk).state)
    assert seen == ["open", "matching", "running", "closed"]
    client.post(url, {"from": "closed"})
    assert Programme.objects.get(pk=programme.pk).state == "closed"
    assert AuditEvent.objects.filter(action="programme.state_changed").count() == 4


def test_a_stale_page_moves_nothing(world, client):
    programme = ProgrammeFactory(owner=world.org, state="open")
    client.force_login(world.hr.user)
    client.post(reverse("programmes:advance", args=[world.org.slug, programme.pk]), {"from": "draft"})
    assert Programme.objects.get(pk=programme.pk).state == "open"


def test_a_programme_without_formats_does_not_open(world, client):
    programme = ProgrammeFactory(owner=world.org, formats=[])
    client.force_login(world.hr.user)
    client.post(reverse("programmes:advance", args=[world.org.slug, programme.pk]), {"from": "draft"})
    assert Programme.objects.get(pk=programme.pk).state == "draft"


def test_a_closed_programme_is_not_changed(world, client):
    programme = ProgrammeFactory(owner=world.org, state="closed")
    client.force_login(world.hr.user)
    response = client.post(reverse("programmes:edit", args=[world.org.slug, programme.pk]), valid_form(world))
    assert response.status_code == 302
    assert Programme.objects.get(pk=programme.pk).name_fi == programme.name_fi


def test_copy_as_the_next_cohort_keeps_the_configuration_but_no_people(world, client):
    programme = ProgrammeFactory(
        owner=world.org, state="closed", eligibility="units", working_time_minutes=90, working_time_period="month"
    )
    programme.eligible_units.add(world.employee.unit)
    programme.committee_members.add(world.admin.user)
    programme.themes.create(name="Urasuunnittelu")
    client.force_login(world.hr.user)
    response = client.post(
        reverse("programmes:copy", args=[world.org.slug, programme.pk]),
        {"organisation": world.org.pk, "name_fi": "Kohortti 6"},
    )
    copy = Programme.objects.exclude(pk=programme.pk).get()
    assert response.url == reverse("programmes:detail", args=[world.org.slug, copy.pk])
    assert copy.state == "draft" and copy.copied_from == programme and copy.name_fi == "Kohortti 6"
    assert copy.working_time_minutes == 90 and list(copy.eligible_units.all()) == [world.employee.unit]
    assert [t.name for t in copy.themes.all()] == ["Urasuunnittelu"]
    assert not copy.committee_members.exists()


def test_copy_into_another_organisation_where_one_is_hr(world, client):
    programme = ProgrammeFactory(owner=world.org, eligibility="units")
    programme.eligible_units.add(world.employee.unit)
    url = reverse("programmes:copy", args=[world.org.slug, programme.pk])
    client.force_login(world.hr.user)
    client.post(url, {"organisation": world.other_org.pk, "name_fi": "Kopio"})
    assert not Programme.objects.filter(owner=world.other_org).exists(), "not HR there: the choice is refused"
    EmployeeFactory(organisation=world.other_org, email=world.hr.email, user=world.hr.user)
    RoleFactory(organisation=world.other_org, user=world.hr.user, role="hr")
    client.post(url, {"organisation": world.other_org.pk, "name_fi": "Kopio"})
    copy = Programme.objects.get(owner=world.other_org)
    assert copy.eligibility == "all" and not copy.eligible_units.exists()


def test_programme_names_fall_back_to_finnish(world):
    from django.utils import translation

    programme = ProgrammeFactory(owner=world.org, name_fi="Mentorointi", name_sv="", name_en="Mentoring")
    with translation.override("sv"):
        assert programme.name == "Mentorointi"
    with translation.override("en"):
        assert programme.name == "Mentoring"


# (url name, who may) — anonymous is sent to sign in; HR of an organisation outside the programme gets 404.
PROGRAMME_PAGES = [
    ("programmes:list", [], {"hr", "admin"}),
    ("programmes:create", [], {"hr"}),
    ("programmes:detail", ["programme"], {"hr", "admin", "committee"}),
    ("programmes:edit", ["programme"], {"hr"}),
    ("programmes:advance", ["programme"], {"hr"}),
    ("programmes:copy", ["programme"], {"hr"}),
]


@pytest.mark.parametrize(("name", "extra", "allowed"), PROGRAMME_PAGES)
def test_programme_pages_by_role(world, client, name, extra, allowed):
    programme = ProgrammeFactory(owner=world.org)
    programme.committee_members.add(world.colleague.user)
    url = reverse(name, args=[world.org.slug, *[programme.pk for _ in extra]])
    assert client.get(url).status_code == 302
    client.force_login(world.other_hr.user)
    assert client.get(url).status_code == 404
    people = {
        "hr": world.hr,
        "admin": world.admin,
        "supervisor": world.supervisor,
        "employee": world.employee,
        "committee": world.colleague,
    }
    for who, employee in people.items():
        client.force_login(employee.user)
        expected = 200 if who in allowed else 403
        assert client.get(url).status_code == expected, who


def test_participating_organisation_reads_but_does_not_manage(world, client):
    programme = ProgrammeFactory(owner=world.org)
    programme.participating_organisations.add(world.other_org)
    client.force_login(world.other_hr.user)
    assert client.get(reverse("programmes:detail", args=[world.other_org.slug, programme.pk])).status_code == 200
    assert programme.name_fi in client.get(reverse("programmes:list", args=[world.other_org.slug])).content.decode()
    assert client.get(reverse("programmes:edit", args=[world.other_org.slug, programme.pk])).status_code == 403
    response = client.post(reverse("programmes:advance", args=[world.other_org.slug, programme.pk]), {"from": "draft"})
    assert response.status_code == 403 and Programme.objects.get(pk=programme.pk).state == "draft"


def test_programme_list_does_a_constant_number_of_queries(world, client, django_assert_max_num_queries):
    client.force_login(world.hr.user)
    url = reverse("programmes:list", args=[world.org.slug])
    client.get(url)
    ProgrammeFactory.create_batch(3, owner=world.org)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ProgrammeFactory.create_batch(20, owner=world.org)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
