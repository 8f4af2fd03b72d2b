import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorbank.core import audit
from mentorbank.core.models import AccessibilityFeedback, AuditEvent

from ..factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_hr_viewing_a_person_is_in_the_audit_log_admins_read(world, client):
    client.force_login(world.hr.user)
    client.get(reverse("organisations:person", args=[world.org.slug, world.employee.pk]))
    client.force_login(world.admin.user)
    page = client.get(
        reverse("home:audit", args=[world.org.slug]), {"action": "employee.viewed"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert world.hr.user.email in page and world.employee.personal_id in page
    client.get(reverse("organisations:person", args=[world.org.slug, world.admin.pk]))
    assert not AuditEvent.objects.filter(action="employee.viewed", subject=world.admin).exists(), (
        "looking at yourself is not a read of another person's data"
    )


def test_audit_log_filters_and_hides_other_organisations(world, client):
    audit.record(
        actor=world.other_hr.user, action="employee.viewed", organisation=world.other_org, subject=world.other_hr
    )
    audit.record(actor=world.hr.user, action="role.granted", organisation=world.org)
    client.force_login(world.admin.user)
    url = reverse("home:audit", args=[world.org.slug])
    page = client.get(url).content.decode()
    assert world.other_hr.user.email not in page
    assert world.hr.user.email in page
    filtered = client.get(url, {"who": "nobody-like-this"}).content.decode()
    assert world.hr.user.email not in filtered


def test_sign_ins_of_own_people_are_visible_to_the_admin(world, client):
    audit.record(actor=world.employee.user, action="auth.signed_in")
    audit.record(actor=world.other_hr.user, action="auth.signed_in")
    client.force_login(world.admin.user)
    page = client.get(reverse("home:audit", args=[world.org.slug]), {"action": "auth.signed_in"}).content.decode()
    assert world.employee.user.email in page and world.other_hr.user.email not in page


def test_audit_export_is_csv_of_the_filtered_events_and_is_itself_audited(world, client):
    audit.record(actor=world.hr.user, action="role.granted", organisation=world.org, details={"role": "hr"})
    audit.record(actor=world.hr.user, action="employee.viewed", organisation=world.org, subject=world.employee)
    client.force_login(world.admin.user)
    response = client.get(
        reverse("home:audit_export", args=[world.org.slug]), {"action": "role.granted"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Time,Who,Action")
    assert len(lines) == 2 and "Granted a role" in lines[1]
    assert AuditEvent.objects.filter(action="audit.exported", actor=world.admin.user).exists()


def test_audit_log_page_does_a_constant_number_of_queries(world, client):
    client.force_login(world.admin.user)
    url = reverse("home:audit", args=[world.org.slug])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # the first visit also remembers the organisation on the account
    for _ in range(5):
        audit.record(actor=world.hr.user, action="employee.viewed", organisation=world.org, subject=world.employee)
    few = count()
    for _ in range(60):
        audit.record(actor=world.hr.user, action="employee.viewed", organisation=world.org, subject=world.employee)
    assert count() == few


def test_people_list_does_a_constant_number_of_queries_and_paginates(world, client):
    client.force_login(world.hr.user)
    url = reverse("organisations:people", args=[world.org.slug])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # the first visit also remembers the organisation on the account
    few = count()
    EmployeeFactory.create_batch(70, organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor)
    assert count() == few
    second = client.get(url, {"page": 2}).content.decode()
    assert "2 / 2" in second or "2 of 2" in second or "2 av 2" in second


def test_people_search_finds_by_name_and_personal_id(world, client):
    client.force_login(world.hr.user)
    url = reverse("organisations:people", args=[world.org.slug])
    page = client.get(url, {"q": world.employee.personal_id}).content.decode()
    assert world.employee.last_name in page and world.colleague.last_name not in page
    page = client.get(url, {"q": world.colleague.first_name.lower()}).content.decode()
    assert world.colleague.last_name in page


def test_feedback_reaches_the_organisations_admins_with_its_age(world, client, run_tasks, mailoutbox):
    world.admin.user.language = "sv"
    world.admin.user.save()
    with run_tasks():
        response = client.post(
            reverse("home:accessibility"),
            {
                "organisation": world.org.pk,
                "message": "The table headers are not read out.",
                "email": "a@example.fi",
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[world.admin.user.email]], "only the organisation's admins are told"
    assert mailoutbox[0].subject == f"Ny respons om tillgängligheten för {world.org.name}"
    assert "The table headers are not read out." in mailoutbox[0].body
    feedback = AccessibilityFeedback.objects.get()
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(created_at=timezone.now() - datetime.timedelta(days=16))
    client.force_login(world.admin.user)
    page = client.get(reverse("home:feedback", args=[world.org.slug]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The table headers are not read out." in page and "16 dagar" in page and "försenad" in page
    home = client.get(reverse("home:home", args=[world.org.slug]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 meddelande väntar på svar." in home
    client.post(reverse("home:feedback_answered", args=[world.org.slug, feedback.pk]))
    feedback.refresh_from_db()
    assert feedback.answered_by == world.admin.user


def test_feedback_is_not_shown_to_another_organisations_admin(world, client):
    from ..factories import RoleFactory

    AccessibilityFeedback.objects.create(organisation=world.org, message="Secret complaint")
    RoleFactory(organisation=world.other_org, user=world.other_hr.user, role="admin")
    client.force_login(world.other_hr.user)
    page = client.get(reverse("home:feedback", args=[world.other_org.slug])).content.decode()
    assert "Secret complaint" not in page


def test_empty_feedback_is_refused_with_a_message(world, client):
    response = client.post(
        reverse("home:accessibility"), {"organisation": world.org.pk, "message": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_accessibility_statement_has_what_the_law_requires(client, language, db):
    page = client.get(reverse("home:accessibility"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for required in {
        "fi": [
            "Saavutettavuuden tila",
            "Ei-saavutettava sisältö",
            "laadittu",
            "Etelä-Suomen aluehallintovirasto",
            "saavutettavuus@avi.fi",
            "Lähetä palaute",
        ],
        "sv": [
            "Tillgänglighetsstatus",
            "Innehåll som inte är tillgängligt",
            "utarbetats",
            "Regionförvaltningsverket i Södra Finland",
            "saavutettavuus@avi.fi",
            "Skicka respons",
        ],
        "en": [
            "Compliance status",
            "Non-accessible content",
            "prepared on",
            "Regional State Administrative Agency for Southern Finland",
            "saavutettavuus@avi.fi",
            "Send feedback",
        ],
    }[language]:
        assert required in page


def test_every_page_links_to_the_accessibility_statement(world, client):
    client.force_login(world.employee.user)
    for url in [reverse("accounts:login"), reverse("home:home", args=[world.org.slug]), reverse("accounts:api_tokens")]:
        client.logout() if url == reverse("accounts:login") else client.force_login(world.employee.user)
        assert f'href="{reverse("home:accessibility")}"' in client.get(url).content.decode()


def test_audit_details_read_in_the_readers_language(world, client):
    audit.record(
        actor=world.hr.user,
        action="employee.updated",
        organisation=world.org,
        subject=world.employee,
        details={"source": "import", "fields": ["job_title", "unit_id"]},
    )
    client.force_login(world.admin.user)
    page = client.get(reverse("home:audit", args=[world.org.slug])).content.decode()
    assert "lähde: HR-tuonti; kentät: tehtävänimike, yksikkö" in page
    assert "Muutti henkilön tietoja" in page


def test_the_accessibility_statement_says_what_was_tested_and_when(client, db):
    page = client.get(reverse("home:accessibility"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    checked = ["320, 375 and 1280 pixels", "400 % zoom", "WCAG 1.4.12", "HTML_CodeSniffer", "target size of WCAG 2.2"]
    assert all(what in page for what in checked)
    assert "with the keyboard alone" in page and "last reviewed on 30 November 2026" in page
    assert "not yet been tested by users of screen readers" in page
