"""The matching committee's review: runs as tasks, locks, rejections, swaps, hand-picks, publishing."""

import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.matching.models import Match, MatchingRun, PairDecision, ProposedMatch
from mentorbank.programmes.models import Theme

from ..factories import EmployeeFactory, ProgrammeFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def apply(programme, employee, role, **fields):
    fields.setdefault("goals", "Haluan oppia muutosjohtamista ja työhyvinvointia")
    return Application.objects.create(
        programme=programme,
        employee=employee,
        role=role,
        consent_at=timezone.now(),
        supervisor_decision=Application.APPROVED,
        languages=fields.pop("languages", ["fi"]),
        **fields,
    )


@pytest.fixture
def programme(world):
    programme = ProgrammeFactory(owner=world.org, state="matching")
    member = EmployeeFactory(organisation=world.org, unit=world.employee.unit, first_name="Kaisa", last_name="Komitea")
    programme.committee_members.add(member.user)
    programme.member = member
    change = Theme.objects.create(programme=programme, name="Change leadership")
    mentee = apply(programme, world.employee, "mentee")
    mentee.themes.add(change)
    other_mentee = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Toinen")
    apply(programme, other_mentee, "mentee", goals="Asiakastyö ja vuorovaikutus")
    # the employee's own supervisor offers to mentor: never to be proposed for them
    boss = apply(programme, world.supervisor, "mentor", goals="Muutosjohtaminen on vahvuuteni", experience_years=20)
    boss.themes.add(change)
    apply(programme, world.colleague, "mentor", goals="Asiakastyön vuorovaikutus", experience_years=12)
    return programme


def url(name, programme, *args):
    return reverse(f"matching:{name}", args=[programme.owner.slug, programme.pk, *args])


def start_run(client, programme, run_tasks, objective="max_matched_then_score", run_format="pair", **weights):
    data = {"objective": objective, "format": run_format, "weight_themes": 3, "weight_text": 2}
    for name in ("competences", "experience", "values", "interests", "unit_profession", "meeting", "preferred"):
        data[f"weight_{name}"] = 1
    data.update({f"weight_{k}": v for k, v in weights.items()})
    with run_tasks():
        response = client.post(url("runs", programme), data)
    assert response.status_code == 302
    return programme.matching_runs.get(number=int(response.url.rstrip("/").split("/")[-1]))


def pairs(run):
    return {(p.mentee.employee_id, p.mentor.employee_id) for p in run.proposals.filter(mentor__isnull=False)}


def test_a_run_proposes_pairs_in_the_background_and_explains_them(world, programme, login, run_tasks):
    client = login(world.hr)
    run = start_run(client, programme, run_tasks)
    run.refresh_from_db()
    assert run.state == MatchingRun.DONE and run.progress == 100
    assert run.matched == 2 and run.mentee_count == 2 and run.mentor_count == 2
    # the supervisor shares the theme, but is above the employee in the chain
    assert (world.employee.pk, world.supervisor.pk) not in pairs(run)
    page = client.get(url("run", programme, run.number), **EN).content.decode()
    assert "Eero Työntekijä" in page and "Kalle Kollega" in page
    assert "The mentor has clearly more experience" in page
    assert run.proven_optimal is True and run.pairs_left_out == 0
    assert "Every allowed pair was considered." in page
    table = client.get(url("run", programme, run.number) + "?view=mentors", **EN).content.decode()
    assert "Sari Esihenkilö" in table


def test_a_pruned_run_says_whether_the_pairs_left_out_were_proven_unable_to_help(world, programme, login, run_tasks):
    client = login(world.hr)
    run = start_run(client, programme, run_tasks)
    run.refresh_from_db()
    run.pairs_left_out, run.proven_optimal = 3, True
    run.save()
    page = client.get(url("run", programme, run.number), **EN).content.decode()
    assert "the 3 allowed pairs left out were shown (by reduced costs) unable to improve the result" in page
    run.proven_optimal = False
    run.save()
    page = client.get(url("run", programme, run.number), **EN).content.decode()
    assert "Not proven: 3 allowed pairs were left out" in page


def test_only_coordinators_and_the_committee_see_matching(world, programme, login, run_tasks):
    run = start_run(login(world.hr), programme, run_tasks)
    assert login(programme.member).get(url("run", programme, run.number)).status_code == 200
    for person in (world.employee, world.supervisor, world.colleague, world.admin):
        client = login(person)
        assert client.get(url("runs", programme)).status_code == 403, person
        assert client.get(url("run", programme, run.number)).status_code == 403, person
    assert login(world.other_hr).get(url("runs", programme)).status_code == 404


def test_rejected_pairs_never_come_back_and_locked_pairs_stay(world, programme, login, run_tasks):
    client = login(programme.member)
    first = start_run(client, programme, run_tasks)
    row = first.proposals.get(mentee__employee=world.employee)
    response = client.post(url("decide", programme, first.number), {"proposal": row.pk, "kind": "reject"})
    assert response.status_code == 302
    second = start_run(client, programme, run_tasks)
    assert (world.employee.pk, row.mentor.employee_id) not in pairs(second)
    assert second.proposals.get(mentee__employee=world.employee).unmatched_reason == "excluded_by_rules"
    other = second.proposals.filter(mentor__isnull=False).first()
    client.post(url("decide", programme, second.number), {"proposal": other.pk, "kind": "lock"})
    third = start_run(client, programme, run_tasks, themes=0, text=0)
    kept = third.proposals.get(mentee=other.mentee)
    assert kept.mentor_id == other.mentor_id and kept.locked


def test_a_hand_picked_pair_that_breaks_a_rule_is_refused_with_the_reason(world, programme, login):
    client = login(world.hr)
    mentee = programme.applications.get(employee=world.employee)
    boss = programme.applications.get(employee=world.supervisor)
    response = client.post(url("pick", programme), {"mentee": mentee.pk, "mentor": boss.pk}, **EN)
    assert response.status_code == 200
    assert "The mentor is the mentee's supervisor or above them." in html.unescape(response.content.decode())
    assert not PairDecision.objects.exists()
    colleague = programme.applications.get(employee=world.colleague)
    assert client.post(url("pick", programme), {"mentee": mentee.pk, "mentor": colleague.pk}).status_code == 302
    assert PairDecision.objects.get().kind == PairDecision.LOCK


def test_swapping_two_pairs_locks_both_with_each_others_mentors(world, programme, login, run_tasks):
    client = login(world.hr)
    mentee = programme.applications.get(employee=world.employee)
    mentee.themes.clear()
    third_mentor = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Kolmas")
    apply(programme, third_mentor, "mentor")
    run = start_run(client, programme, run_tasks)
    rows = list(run.proposals.filter(mentor__isnull=False))
    assert len(rows) == 2
    client.post(url("swap", programme, run.number), {"swap": [rows[0].pk, rows[1].pk]})
    locks = set(PairDecision.objects.values_list("mentee_id", "mentor_id"))
    swapped = {(rows[0].mentee_id, rows[1].mentor_id), (rows[1].mentee_id, rows[0].mentor_id)}
    if any(row.mentor.employee_id == world.supervisor.pk for row in rows):
        assert locks == set()  # the swap would give the employee their own supervisor: refused whole
    else:
        assert locks == swapped


def test_publishing_creates_the_pairs_and_tells_everyone_in_their_language(world, programme, login, run_tasks):
    world.employee.user.language = "sv"
    world.employee.user.save()
    run = start_run(login(world.hr), programme, run_tasks)
    assert login(programme.member).post(url("publish", programme, run.number), {"confirm": "yes"}).status_code == 403
    client = login(world.hr)
    client.post(url("publish", programme, run.number))  # no confirmation: nothing happens
    assert not Match.objects.exists()
    with run_tasks():
        client.post(url("publish", programme, run.number), {"confirm": "yes"})
    assert Match.objects.count() == 2
    from mentorbank.mentorships.models import Mentorship

    for mentorship in Mentorship.objects.all():
        assert sorted(mentorship.members.values_list("role", flat=True)) == ["mentee", "mentor"]
        assert mentorship.agreements.get().version == 1 and mentorship.source == "matching"
    assert Mentorship.objects.count() == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[world.employee.email].startswith("Du har en mentor")
    mentor_emails = {m.mentor.employee.email for m in Match.objects.select_related("mentor__employee")}
    assert mentor_emails and all(subjects[email].startswith("Mentoroitavasi") for email in mentor_emails)
    client.post(url("publish", programme, run.number), {"confirm": "yes"})
    assert Match.objects.count() == 2
    response = client.post(url("runs", programme), {"objective": "max_matched_then_score"}, **EN)
    assert response.status_code == 200


def test_two_runs_can_be_compared(world, programme, login, run_tasks):
    client = login(world.hr)
    first = start_run(client, programme, run_tasks)
    row = first.proposals.filter(mentor__isnull=False).first()
    client.post(url("decide", programme, first.number), {"proposal": row.pk, "kind": "reject"})
    second = start_run(client, programme, run_tasks)
    page = client.get(url("compare", programme), {"first": first.number, "second": second.number}, **EN)
    text = page.content.decode()
    assert f"Only in run {first.number}" in text
    assert row.mentee.employee.full_name in text


def test_progress_is_polled_until_the_run_is_done(world, programme, login):
    client = login(world.hr)
    run = MatchingRun.objects.create(programme=programme, number=1, state=MatchingRun.RUNNING, progress=40)
    response = client.get(url("progress", programme, 1), HTTP_HX_REQUEST="true", **EN)
    assert b'value="40"' in response.content and b'hx-trigger="every 1s"' in response.content
    run.state = MatchingRun.DONE
    run.save()
    response = client.get(url("progress", programme, 1), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_the_proposal_page_makes_the_same_queries_for_any_number_of_pairs(world, programme, login, run_tasks):
    client = login(world.hr)
    small = start_run(client, programme, run_tasks)
    for k in range(30):
        mentee = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name=f"Lisä{k}")
        apply(programme, mentee, "mentee")
        mentor = EmployeeFactory(organisation=world.org, unit=world.colleague.unit, last_name=f"Mentori{k}")
        apply(programme, mentor, "mentor")
    large = start_run(client, programme, run_tasks)
    assert ProposedMatch.objects.filter(run=large).count() > 30
    counts = []
    for run in (small, large):
        for view in ("", "?view=mentors"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url("run", programme, run.number) + view).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3]


def test_groups_and_peer_pairs_are_formed_where_the_programme_has_those_formats(world, programme, login, run_tasks):
    programme.formats = ["group", "peer"]
    programme.group_min_mentees = 2
    programme.save()
    for k in range(3):
        apply(
            programme,
            EmployeeFactory(organisation=world.org, unit=world.colleague.unit, last_name=f"Ryhmä{k}"),
            "mentee",
        )
    client = login(world.hr)
    page = client.get(url("runs", programme), **EN).content.decode()
    assert "Small groups around a mentor" in page and "Peer pairs" in page and 'value="pair"' not in page
    groups = start_run(client, programme, run_tasks, run_format="group")
    groups.refresh_from_db()
    assert groups.state == MatchingRun.DONE, groups.error
    rows = list(groups.proposals.filter(mentor__isnull=False))
    assert groups.matched == 5 and groups.upper_bound >= groups.total_score
    sizes = {}
    for row in rows:
        sizes[row.group] = sizes.get(row.group, 0) + 1
        assert (row.mentee.employee_id, row.mentor.employee_id) != (world.employee.pk, world.supervisor.pk)
    assert all(2 <= size <= 6 for size in sizes.values())
    assert "Group 1" in client.get(url("run", programme, groups.number) + "?view=mentors", **EN).content.decode()
    peers = start_run(client, programme, run_tasks, run_format="peer")
    peers.refresh_from_db()
    assert peers.state == MatchingRun.DONE and peers.matched == 3 and peers.mentee_count == 7
    paired = [(r.mentee.employee_id, r.mentor.employee_id) for r in peers.proposals.filter(mentor__isnull=False)]
    assert all({world.employee.pk, world.supervisor.pk} != set(pair) for pair in paired)
    mail.outbox.clear()  # the committee's "run ready" e-mails
    with run_tasks():
        client.post(url("publish", programme, peers.number), {"confirm": "yes"})
    assert Match.objects.count() == 3
    assert all(m.subject.startswith("Vertaismentorointiparisi") for m in mail.outbox)
    from mentorbank.mentorships.models import Mentorship

    peers_formed = Mentorship.objects.filter(format="peer")
    assert peers_formed.count() == 3
    assert all(list(m.members.values_list("role", flat=True)) == ["peer", "peer"] for m in peers_formed)


def test_a_supervisor_forms_pairs_among_their_staff_from_the_engines_suggestions(world, login, run_tasks):
    programme = ProgrammeFactory(owner=world.org, state="matching", matching_method="supervisor")
    staff = [
        EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor, last_name=n)
        for n in ("Uusi", "Konkari")
    ]
    newcomer = apply(programme, staff[0], "mentee", goals="Perehdytys ja asiakastyö")
    veteran = apply(programme, staff[1], "mentor", goals="Perehdytän uusia asiakastyöhön", experience_years=25)
    own = apply(programme, world.employee, "mentee")
    outsider = apply(programme, world.colleague, "mentor")  # not the supervisor's staff
    client = login(world.supervisor)
    approvals = client.get(reverse("home:approvals", args=[world.org.slug]), **EN).content.decode()
    assert url("staff", programme) in approvals
    page = client.get(url("staff", programme), **EN).content.decode()
    assert f'Form this pair<span class="visually-hidden"> – {staff[0].full_name}, {staff[1].full_name}' in page
    assert world.colleague.full_name not in page
    response = client.post(url("staff", programme), {"mentee": own.pk, "mentor": outsider.pk}, **EN)
    assert response.status_code == 200 and not Match.objects.exists()  # not their staff: not a choice
    with run_tasks():
        client.post(url("staff", programme), {"mentee": newcomer.pk, "mentor": veteran.pk})
    match = Match.objects.get()
    assert (match.mentee, match.mentor, match.run) == (newcomer, veteran, None)
    from mentorbank.mentorships.models import Mentorship

    assert Mentorship.objects.get().source == "supervisor"
    assert {m.to[0] for m in mail.outbox} == {staff[0].email, staff[1].email}
    client.post(url("staff", programme), {"mentee": own.pk, "mentor": veteran.pk})
    assert Match.objects.count() == 1  # the mentor has room for one
    for person in (world.colleague, world.hr, world.employee):
        assert login(person).get(url("staff", programme)).status_code == 403


def test_the_whole_supervisor_chain_is_loaded_for_the_rules(world):
    from mentorbank.matching.cohort import manager_chains

    director = EmployeeFactory(organisation=world.org, unit=world.supervisor.unit, last_name="Johtaja")
    world.supervisor.supervisor = director
    world.supervisor.save()
    chains = manager_chains([world.employee, world.colleague])
    assert chains[world.employee.pk] == {str(world.supervisor.pk), str(director.pk)}
    assert chains[world.colleague.pk] == frozenset()


def test_a_run_that_cannot_keep_a_lock_fails_with_the_reason_shown(world, programme, login, run_tasks):
    mentee = programme.applications.get(employee=world.employee)
    colleague = programme.applications.get(employee=world.colleague)
    PairDecision.objects.create(programme=programme, mentee=mentee, mentor=colleague, kind="lock")
    colleague.languages = ["sv"]  # changed after the lock: the pair no longer shares a language
    colleague.save()
    client = login(world.hr)
    run = start_run(client, programme, run_tasks)
    run.refresh_from_db()
    assert run.state == MatchingRun.FAILED and "no_common_language" in run.error
    page = client.get(url("run", programme, run.number), **EN).content.decode()
    assert "The run failed:" in page and 'role="alert"' in page


def test_a_committee_member_finds_their_work_and_is_told_when_a_run_is_ready(world, programme, login, run_tasks):
    """A run ready: each member gets an e-mail linking to it; the home page lists the programme and the
    proposal waiting, linking to the matching page; once published, nothing waits."""
    member = programme.member
    home = reverse("home:home", args=[world.org.slug])
    page = login(member).get(home, **EN).content.decode()
    assert "Matching committee" in page and url("runs", programme) in page and "waits for review" not in page
    mail.outbox.clear()
    run = start_run(login(world.hr), programme, run_tasks)
    told = [m for m in mail.outbox if m.to == [member.user.email]]
    assert len(told) == 1 and url("run", programme, run.number) in told[0].body
    assert "1 proposal waits for review" in login(member).get(home, **EN).content.decode()
    start_run(login(world.hr), programme, run_tasks)
    assert "2 proposals wait for review" in login(member).get(home, **EN).content.decode()
    run.published_at = timezone.now()
    run.save()
    assert "waits for review" not in login(member).get(home, **EN).content.decode(), "the other pair run is moot"
    assert "Matching committee" not in login(world.colleague).get(home, **EN).content.decode()


def test_pairs_and_groups_are_published_once_each_and_the_matched_leave_later_runs(world, programme, login, run_tasks):
    """Seed 003's second track and seed 004's mixed formats: pairs first, then groups of the rest."""
    programme.formats = ["pair", "group"]
    programme.group_min_mentees = 2
    programme.group_max_mentees = 4
    programme.save()
    for k in range(4):
        person = EmployeeFactory(organisation=world.org, unit=world.colleague.unit, last_name=f"Ryhmä{k}")
        apply(programme, person, "mentee")
    for k in range(2):
        person = EmployeeFactory(organisation=world.org, unit=world.colleague.unit, last_name=f"Vetäjä{k}")
        apply(programme, person, "mentor", goals="Muutosjohtaminen ja työhyvinvointi", experience_years=15)
    client = login(world.hr)
    early_groups = start_run(client, programme, run_tasks, run_format="group")
    pairs = start_run(client, programme, run_tasks, run_format="pair")
    with run_tasks():
        response = client.post(url("publish", programme, pairs.number), {"confirm": "yes"}, follow=True, **EN)
    paired = {pk for pair in Match.objects.values_list("mentee_id", "mentor_id") for pk in pair}
    assert Match.objects.count() == 4 and "Published: 4 pairs" in response.content.decode()
    # a group run from before the publish would match people twice: refused
    response = client.post(url("publish", programme, early_groups.number), {"confirm": "yes"}, follow=True, **EN)
    assert "were matched by a publish after the run started" in response.content.decode()
    page = client.get(url("runs", programme), **EN).content.decode()
    assert "Published so far:" in page and 'value="pair"' not in page and 'value="group"' in page
    leader = EmployeeFactory(organisation=world.org, unit=world.colleague.unit, last_name="Myöhäinen")
    apply(programme, leader, "mentor", goals="Muutosjohtaminen ja työhyvinvointi", mentor_capacity=3)
    groups = start_run(client, programme, run_tasks, run_format="group")
    groups.refresh_from_db()
    assert groups.state == MatchingRun.DONE and groups.mentee_count == 2 and groups.mentor_count == 1
    assert not {p.mentee_id for p in groups.proposals.all()} & paired
    page = client.get(url("run", programme, groups.number), **EN).content.decode()
    assert "Publishing creates 1 group" in page and "at most 1 group per mentor" in page
    with run_tasks():
        response = client.post(url("publish", programme, groups.number), {"confirm": "yes"}, follow=True, **EN)
    assert "Published: 1 group." in response.content.decode() and Match.objects.count() == 6
    page = client.get(url("runs", programme), **EN).content.decode()
    assert "The matching of this programme is published" in page and "Start a run" not in page


def test_the_committee_run_compares_goals_by_their_finnish_base_forms(world):
    """Issue 17 (1): the cohort hands the engine analysed text, so "muutoksen johtamisessa" meets
    "muutosjohtaminen" in the same base forms."""
    from mentorbank.matching.cohort import load_cohort

    programme = ProgrammeFactory(owner=world.org, state="matching")
    for employee, role, goals in (
        (world.employee, "mentee", "Haluan oppia muutoksen johtamisessa."),
        (world.colleague, "mentor", "Muutosjohtaminen on vahvuuteni."),
    ):
        Application.objects.create(
            programme=programme, employee=employee, role=role, goals=goals, consent_at=timezone.now(),
            supervisor_decision="approved",
        )  # fmt: skip
    cohort = load_cohort(programme)
    mentee, mentor = cohort.mentees[0], cohort.mentors[0]
    assert "muutos" in mentee.text.split() and "johtaa" in mentee.text.split()
    assert {"muutos", "johtaa"} <= set(mentor.text.split())
