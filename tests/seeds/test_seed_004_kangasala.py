"""Seed 004 (Kangasala's early childhood education): a programme for teachers, childcarers and
directors with several formats. A co-mentoring group of two mentors and six mentees is formed by the
engine and published; peer groups within each profession group follow in the next publish of the
same programme (one publish per kind of run); each meeting held earns the mentors their compensation; about 30 % of the
teachers take part."""

import datetime

from django.db import connection
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.matching import services as matching
from mentorbank.mentorships import meetings
from mentorbank.mentorships.models import Meeting, Mentorship

from ..browser import assert_accessible, browser_marks, sign_in
from ..factories import EmployeeFactory, ProfessionGroupFactory, ProgrammeFactory

pytestmark = browser_marks()


def apply(programme, employee, role):
    return Application.objects.create(
        programme=programme,
        employee=employee,
        role=role,
        goals="Pedagoginen johtaminen ja yhteistyö",
        consent_at=timezone.now(),
        supervisor_decision="approved",
        experience_years=20 if role == "mentor" else 3,
    )


def test_kangasala_co_mentoring_peer_groups_compensation_and_coverage(transactional_db, world, live_server, page):
    groups = {
        name: ProfessionGroupFactory(organisation=world.org, name=name)
        for name in ("Opettajat", "Lastenhoitajat", "Johtajat")
    }
    staff = {
        name: [
            EmployeeFactory(
                organisation=world.org, unit=world.employee.unit, profession_group=group, first_name=f"{name[:4]}{k}"
            )
            for k in range(10)
        ]
        for name, group in groups.items()
    }
    programme = ProgrammeFactory(
        owner=world.org,
        name_fi="Varhaiskasvatuksen mentorointi",
        state="matching",
        eligibility="profession_groups",
        formats=["peer", "group", "co_mentoring", "individual"],
        matching_method="mixed",
        duration_kind="meetings",
        duration_meetings=7,
        co_mentoring_max_mentees=6,
        compensation="per_meeting",
        compensation_euros=50,
    )
    programme.eligible_profession_groups.set(groups.values())
    for director in staff["Johtajat"][:2]:
        apply(programme, director, "mentor")
    for person in staff["Opettajat"][:3] + staff["Lastenhoitajat"][:3]:
        apply(programme, person, "mentee")
    connection.close()

    # the coordinator runs the engine for a co-mentoring group and publishes it
    sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/matching/")
    page.locator("input[name=format][value=co_mentoring]").check()
    page.get_by_role("button", name="Aloita ajo").click()
    page.wait_for_url("**/runs/1/")
    assert_accessible(page, "the co-mentoring proposal")
    page.get_by_label("Olen käynyt ehdotuksen läpi ja haluan julkaista sen").check()
    page.get_by_role("button", name="Julkaise tämä ajo").click()
    page.wait_for_load_state()
    group = Mentorship.objects.get(programme=programme, format="co_mentoring")
    roles = sorted(group.members.values_list("role", flat=True))
    assert group.format == "co_mentoring" and roles == ["mentee"] * 6 + ["mentor"] * 2, "2 + 6"

    # peer groups within each profession group: the next publish of the same programme; the people of
    # the co-mentoring group are left out of it
    programme.groups_within_profession, programme.group_min_mentees = True, 2
    programme.save()
    for name in ("Opettajat", "Lastenhoitajat"):
        apply(programme, staff[name][5], "mentor")
        for person in staff[name][6:9]:
            apply(programme, person, "mentee")
    run = matching.start_run(
        programme=programme, objective="max_matched_then_score", weights={}, actor=world.hr.user, run_format="group"
    )
    run.refresh_from_db()
    assert run.mentee_count == 6, "the co-mentoring group's mentees are already matched"
    matching.publish(run=run, actor=world.hr.user)
    peer_groups = Mentorship.objects.filter(programme=programme, format="group")
    for peer_group in peer_groups:
        professions = {m.employee.profession_group_id for m in peer_group.members.select_related("employee")}
        assert len(professions) == 1, "each group within one profession group"
    assert peer_groups.count() == 2

    # a meeting of the co-mentoring group is held: each mentor earns the compensation
    from mentorbank.mentorships import services as mentorship_services

    mentorship_services.finish_approval(mentorship_services.current_agreement(group))
    group.refresh_from_db()
    mentor = group.members.filter(role="mentor").first().employee
    meeting, _skipped = meetings.plan(
        mentorship=group, first=timezone.now() - datetime.timedelta(hours=3), minutes=90, place="", actor=mentor.user
    )
    members = {m.employee_id: 90 for m in group.members.all()}
    meetings.record(meeting=meeting[0], minutes=members, actor=mentor.user)
    assert Meeting.objects.get(mentorship=group).state == "held"
    connection.close()
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/compensation/")
    assert_accessible(page, "mentor compensation")
    assert page.get_by_text("50,00").first.is_visible()

    # coverage: 7 of the 10 teachers took part (3 in the co-mentoring group, 4 in a peer group)
    page.goto(f"{live_server.url}/o/{world.org.slug}/reports/coverage/?programme={programme.pk}")
    assert page.get_by_role("row", name="Opettajat").first.inner_text().split() == ["Opettajat", "10", "7", "70,0", "%"]
    page.goto(f"{live_server.url}/o/{world.org.slug}/reports/coverage/")
    assert page.get_by_role("row", name="Opettajat").first.inner_text().split() == ["Opettajat", "10", "7", "70,0", "%"]
    assert_accessible(page, "coverage by profession group")
    connection.close()
