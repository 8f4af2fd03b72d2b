import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.core.models import AuditEvent

from ..factories import EmployeeFactory, ProfessionGroupFactory, ProgrammeFactory, UnitFactory

pytestmark = pytest.mark.django_db

GOALS = "I want to learn to lead change in a daycare."


def application_data(**changes):
    data = {
        "role": "mentee",
        "goals": GOALS,
        "competences_offered_text": "",
        "competences_sought_text": "Muutosjohtaminen, perehdytys",
        "experience_years": 2,
        "career_stage": "early",
        "languages": ["fi"],
        "meeting_mode": "either",
        "location": "Pikkulintu",
        "interests": "Suunnistus",
        "cross_unit": "fine",
        "mentor_capacity": 1,
        "consent": "on",
        **{f"value_{key}": 4 for key in ["listening", "reflection", "openness", "change", "wellbeing", "structure"]},
    }
    data.update(changes)
    return data


@pytest.fixture
def programme(world):
    today = timezone.localdate()
    return ProgrammeFactory(
        owner=world.org,
        state="open",
        application_opens=today - datetime.timedelta(days=1),
        application_closes=today + datetime.timedelta(days=10),
    )


def apply_url(world, programme):
    return reverse("applications:apply", args=[world.org.slug, programme.pk])


def test_employee_applies_and_the_supervisor_is_asked(world, client, programme, run_tasks, mailoutbox):
    world.supervisor.user.language = "sv"
    world.supervisor.user.save()
    client.force_login(world.employee.user)
    with run_tasks():
        response = client.post(apply_url(world, programme), application_data())
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.employee == world.employee and application.role == "mentee"
    assert application.supervisor_decision == "pending" and application.hr_decision == "not_needed"
    assert [c.name for c in application.competences_sought.all()] == ["Muutosjohtaminen", "perehdytys"]
    assert application.values["listening"] == 4 and application.consent_at is not None
    recipients = {m.to[0]: m for m in mailoutbox}
    assert set(recipients) == {world.employee.email, world.supervisor.email}
    assert "ber om ditt godkännande" in recipients[world.supervisor.email].subject
    assert GOALS not in recipients[world.supervisor.email].body, "the supervisor never gets the free text"
    assert AuditEvent.objects.filter(action="application.submitted", subject=world.employee).exists()


def test_consent_and_answers_are_required(world, client, programme):
    client.force_login(world.employee.user)
    data = application_data()
    del data["consent"]
    del data["value_listening"]
    response = client.post(apply_url(world, programme), data)
    assert {"consent", "value_listening"} <= set(response.context["form"].errors)
    assert not Application.objects.exists()


def test_changes_are_kept_until_the_window_closes(world, client, programme):
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    client.post(apply_url(world, programme), application_data(goals="Better goals"))
    assert Application.objects.get().goals == "Better goals"
    programme.application_closes = timezone.localdate() - datetime.timedelta(days=1)
    programme.save()
    response = client.post(apply_url(world, programme), application_data(goals="Too late"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "The application period closed on" in response.content.decode()
    assert Application.objects.get().goals == "Better goals"


def test_a_closed_window_refuses_new_applications(world, client, programme):
    programme.application_opens = timezone.localdate() + datetime.timedelta(days=3)
    programme.save()
    client.force_login(world.employee.user)
    response = client.post(apply_url(world, programme), application_data())
    assert response.status_code == 403 and not Application.objects.exists()
    assert "Haku alkaa" in response.content.decode()


def test_withdrawn_application_leaves_the_list_and_can_be_sent_again(world, client, programme):
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    application = Application.objects.get()
    client.post(reverse("applications:withdraw", args=[world.org.slug, application.pk]))
    application.refresh_from_db()
    assert application.is_withdrawn
    assert not programme.applications.active().exists()
    client.force_login(world.hr.user)
    page = client.get(reverse("applications:applications", args=[world.org.slug, programme.pk])).content.decode()
    assert world.employee.last_name not in page
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    application.refresh_from_db()
    assert not application.is_withdrawn and application.supervisor_decision == "pending"


def test_someone_elses_application_cannot_be_withdrawn(world, client, programme):
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    application = Application.objects.get()
    client.force_login(world.colleague.user)
    assert client.post(reverse("applications:withdraw", args=[world.org.slug, application.pk])).status_code == 404
    assert not Application.objects.get().is_withdrawn


def test_staff_of_an_organisation_outside_the_programme_are_refused(world, client, programme):
    client.force_login(world.other_hr.user)
    url = reverse("applications:apply", args=[world.other_org.slug, programme.pk])
    assert client.post(url, application_data()).status_code == 404
    programme.participating_organisations.add(world.other_org)
    client.post(url, application_data())
    assert Application.objects.get().employee == world.other_hr


def test_unit_eligibility_includes_the_units_below(world, client, programme):
    programme.eligibility = "units"
    programme.save()
    programme.eligible_units.add(world.org.units.get(code="VAKA"))
    outside = EmployeeFactory(organisation=world.org, unit=UnitFactory(organisation=world.org, code="TEK"))
    client.force_login(outside.user)
    assert client.post(apply_url(world, programme), application_data()).status_code == 403
    client.force_login(world.employee.user)  # in PIKKU, below VAKA
    assert client.post(apply_url(world, programme), application_data()).status_code == 302


def test_profession_group_eligibility(world, client, programme):
    teachers = ProfessionGroupFactory(organisation=world.org, name="Opettajat")
    programme.eligibility = "profession_groups"
    programme.save()
    programme.eligible_profession_groups.add(teachers)
    client.force_login(world.employee.user)
    assert client.post(apply_url(world, programme), application_data()).status_code == 403
    world.employee.profession_group = teachers
    world.employee.save()
    assert client.post(apply_url(world, programme), application_data()).status_code == 302


def test_supervisor_approves_and_declines_with_a_reason(world, client, programme, run_tasks, mailoutbox):
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    application = Application.objects.get()
    client.force_login(world.supervisor.user)
    inbox = client.get(reverse("home:approvals", args=[world.org.slug])).content.decode()
    assert world.employee.last_name in inbox and GOALS not in inbox
    decide = reverse("applications:decide", args=[world.org.slug, application.pk])
    assert GOALS not in client.get(decide).content.decode()
    response = client.post(decide, {"decision": "declined", "reason": ""})
    assert "reason" in response.context["form"].errors
    with run_tasks():
        client.post(decide, {"decision": "declined", "reason": "Busy autumn; apply in spring"})
    application.refresh_from_db()
    assert application.supervisor_decision == "declined" and application.status == "declined"
    assert application.supervisor_decided_by == world.supervisor.user
    assert mailoutbox[-1].to == [world.employee.email] and "Busy autumn" in mailoutbox[-1].body
    assert client.post(decide, {"decision": "approved"}).status_code == 404, "decided once"


def test_only_the_own_supervisor_decides(world, client, programme):
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    application = Application.objects.get()
    other_supervisor = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=other_supervisor)
    client.force_login(other_supervisor.user)
    decide = reverse("applications:decide", args=[world.org.slug, application.pk])
    assert client.post(decide, {"decision": "approved"}).status_code == 404
    client.force_login(world.colleague.user)
    assert client.get(decide).status_code == 403
    assert Application.objects.get().supervisor_decision == "pending"


def test_hr_approves_where_the_programme_says_so(world, client, programme):
    programme.hr_approves_participation = True
    programme.save()
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    application = Application.objects.get()
    assert application.hr_decision == "pending"
    url = reverse("applications:application", args=[world.org.slug, programme.pk, application.pk])
    client.force_login(world.hr.user)
    assert GOALS in client.get(url).content.decode()
    client.post(url, {"decision": "approved"})
    application.refresh_from_db()
    assert application.hr_decision == "approved" and application.status == "waiting"


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr", 200), ("committee", 200), ("supervisor", 403), ("employee", 403), ("admin", 403), ("other_hr", 404)],
)
def test_only_coordinators_and_the_committee_see_applications(world, client, programme, who, status):
    programme.committee_members.add(world.colleague.user)
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    application = Application.objects.get()
    person = {"committee": world.colleague}.get(who) or getattr(world, who)
    client.force_login(person.user)
    slug = world.other_org.slug if who == "other_hr" else world.org.slug
    for url in [
        reverse("applications:applications", args=[slug, programme.pk]),
        reverse("applications:application", args=[slug, programme.pk, application.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        if status == 200:
            assert world.employee.last_name in response.content.decode()


def test_applications_list_does_a_constant_number_of_queries(world, client, programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def apply_as(employee):
        client.force_login(employee.user)
        client.post(apply_url(world, programme), application_data())

    programme.themes.create(name="Perehdytys")
    apply_as(world.employee)
    client.force_login(world.hr.user)
    url = reverse("applications:applications", args=[world.org.slug, programme.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(12):
        apply_as(EmployeeFactory(organisation=world.org, unit=world.employee.unit))
    client.force_login(world.hr.user)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_new_employees_are_invited_to_mentoring(world, client, programme):
    world.employee.start_date = timezone.localdate() - datetime.timedelta(days=20)
    world.employee.save()
    client.force_login(world.employee.user)
    home = client.get(reverse("home:home", args=[world.org.slug]))
    page = home.content.decode()
    assert "Uusi työntekijä? Kokeile mentorointia" in page
    assert apply_url(world, programme) in page
    world.employee.start_date = timezone.localdate() - datetime.timedelta(days=400)
    world.employee.save()
    assert "Kokeile mentorointia" not in client.get(reverse("home:home", args=[world.org.slug])).content.decode()


def test_programme_questions_join_the_form_and_the_copy(world, client, programme):
    client.force_login(world.hr.user)
    url = reverse("programmes:questions", args=[world.org.slug, programme.pk])
    response = client.post(url, {"text": "Vuorotyö?", "kind": "choice", "choices": "Kyllä"})
    assert "choices" in response.context["form"].errors
    client.post(url, {"text": "Vuorotyö?", "kind": "choice", "choices": "Kyllä\nEi", "required": "on"})
    client.post(url, {"text": "Kuinka tärkeää?", "kind": "scale"})
    choice, scale = programme.questions.all()
    client.force_login(world.employee.user)
    response = client.post(apply_url(world, programme), application_data())
    assert f"question_{choice.pk}" in response.context["form"].errors, "required"
    client.post(
        apply_url(world, programme), application_data(**{f"question_{choice.pk}": "Ei", f"question_{scale.pk}": "5"})
    )
    application = Application.objects.get()
    assert application.answers == {str(choice.pk): "Ei", str(scale.pk): 5}
    client.force_login(world.hr.user)
    detail = client.get(reverse("applications:application", args=[world.org.slug, programme.pk, application.pk]))
    assert "Vuorotyö?" in detail.content.decode()
    client.post(
        reverse("programmes:copy", args=[world.org.slug, programme.pk]),
        {"organisation": world.org.pk, "name_fi": "Seuraava"},
    )
    copy = programme.copies.get()
    assert [q.text for q in copy.questions.all()] == ["Vuorotyö?", "Kuinka tärkeää?"]


def test_closing_a_cohort_invites_its_mentees_to_the_bank(world, client, programme, run_tasks, mailoutbox):
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    client.force_login(world.colleague.user)
    client.post(apply_url(world, programme), application_data(role="mentor"))
    Application.objects.update(supervisor_decision="approved")
    programme.state = "running"
    programme.save()
    mailoutbox.clear()
    client.force_login(world.hr.user)
    with run_tasks():
        client.post(reverse("programmes:advance", args=[world.org.slug, programme.pk]), {"from": "running"})
    assert [m.to for m in mailoutbox] == [[world.employee.email]]
    assert "mentoriksi" in mailoutbox[0].subject


def test_changing_an_application_shows_what_was_sent(world, client, programme):
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    page = client.get(apply_url(world, programme)).content.decode()
    assert 'value="Muutosjohtaminen, perehdytys"' in page


def test_programme_page_links_its_applications_for_coordinators_and_committee_only(world, client, programme):
    programme.committee_members.add(world.colleague.user)
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    link = reverse("applications:applications", args=[world.org.slug, programme.pk])
    detail = reverse("programmes:detail", args=[world.org.slug, programme.pk])
    for person, shown in [(world.hr, True), (world.colleague, True), (world.admin, False)]:
        client.force_login(person.user)
        page = client.get(detail).content.decode()
        assert (link in page) is shown, person
    client.force_login(world.hr.user)
    assert "1 hakemus" in client.get(detail).content.decode()


def test_each_reader_sees_the_state_written_for_them(world, client, programme):
    """The applicant waits for *their* supervisor; the supervisor is asked for *their* approval; HR reads
    it in the third person, and HR's own decisions are on HR's Approvals page."""
    programme.hr_approves_participation = True
    programme.save()
    client.force_login(world.employee.user)
    client.post(apply_url(world, programme), application_data())
    en = {"HTTP_ACCEPT_LANGUAGE": "en"}
    own = client.get(reverse("applications:mentoring", args=[world.org.slug]), **en).content.decode()
    assert "Waiting for your supervisor's approval" in own
    client.force_login(world.supervisor.user)
    page = client.get(reverse("home:approvals", args=[world.org.slug]), **en).content.decode()
    assert "Waiting for your approval" in page and "your supervisor's" not in page
    client.force_login(world.hr.user)
    listed = client.get(reverse("applications:applications", args=[world.org.slug, programme.pk]), **en)
    assert "Waiting for the supervisor's approval" in listed.content.decode()
    assert "your supervisor" not in listed.content.decode()
    page = client.get(reverse("home:approvals", args=[world.org.slug]), **en).content.decode()
    assert f"Decide on {world.employee.full_name}" in page
