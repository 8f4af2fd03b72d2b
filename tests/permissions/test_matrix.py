"""Every URL pattern and API endpoint as every kind of visitor: who is let in and who is refused
(a sign-in redirect, 401, 403 or 404) — looking, and for the pages also posting. A URL that has
no entry here fails the test, so a new page cannot be added without deciding who may use it.

Each call runs in its own savepoint, rolled back after it, so one visitor's action (leaving a
mentorship, revoking a token) never changes what the next one finds."""

import pytest
from django.db import transaction
from django.test import Client

from .probe import allowed, call, patterns, url_of
from .scene import ROLES, build

SIGNED_IN = set(ROLES) - {"anonymous"}
EVERYONE = set(ROLES)
MEMBERS = SIGNED_IN - {"other_hr"}  # people of the organisation in the URL
HR_ADMIN = {"hr", "admin"}
COORDINATORS = {"hr"}  # HR of the programme's owner
COMMITTEE = {"hr", "committee"}
PARTICIPANTS = {"mentee", "mentor"}
NOBODY: set[str] = set()

MATRIX = {
    # public pages and the account's own pages
    "home:start": SIGNED_IN,
    "home:switch": SIGNED_IN,
    "home:accessibility": EVERYONE,
    "accounts:login": EVERYONE,
    "accounts:logout": EVERYONE,
    "accounts:password_reset": EVERYONE,
    "accounts:password_reset_done": EVERYONE,
    "accounts:password_reset_confirm": EVERYONE,  # shows "the link is not valid" for a wrong token
    "accounts:password_reset_complete": EVERYONE,
    "accounts:set_language": EVERYONE,
    "accounts:api_tokens": SIGNED_IN,
    "accounts:api_token_revoke": {"hr"},  # only the token's owner
    "accounts:two_factor": {"hr", "other_hr", "admin"},  # people with an HR or admin role anywhere
    "accounts:two_factor_verify": SIGNED_IN,
    "privacy:my_data": SIGNED_IN,
    "sso:start": NOBODY,  # the scene's organisation has no single sign-on
    "sso:callback": NOBODY,
    "bank:guest_home": SIGNED_IN,
    "surveys:answer": NOBODY,  # only with a real invitation's secret
    "mentorships:calendar_feed": NOBODY,  # only with a real feed's secret
    # the installation's organisations: installation admins only
    "installation:organisations": {"admin"},
    "installation:organisation_create": {"admin"},
    "installation:organisation": {"admin"},
    # the organisation
    "home:home": MEMBERS,
    "home:feedback": {"admin"},
    "home:feedback_answered": {"admin"},
    "home:audit": {"admin"},
    "home:audit_export": {"admin"},
    "organisations:people": {"supervisor", "other_supervisor", "hr", "admin"},
    "organisations:person": {"mentee", "supervisor", "hr", "admin"},  # oneself, one's supervisor, HR
    "organisations:units": HR_ADMIN,
    "organisations:import": HR_ADMIN,
    "organisations:import_batch": HR_ADMIN,
    "organisations:import_confirm": HR_ADMIN,
    "organisations:import_template": HR_ADMIN,
    "organisations:roles": {"admin"},
    "organisations:role_revoke": {"admin"},
    "sso:settings": {"admin"},
    "provisioning:tokens": {"admin"},
    "provisioning:revoke": {"admin"},
    "provisioning:scim_root": NOBODY,  # only the identity provider, with a provisioning token
    "provisioning:scim": NOBODY,
    "organisations:settings": {"admin"},
    "privacy:remove": HR_ADMIN,
    # programmes
    "programmes:list": HR_ADMIN,
    "programmes:create": COORDINATORS,
    "programmes:detail": {"hr", "committee", "admin"},
    "programmes:edit": COORDINATORS,
    "programmes:advance": COORDINATORS,
    "programmes:copy": COORDINATORS,
    "programmes:partners": COORDINATORS,
    "programmes:guests": COORDINATORS,
    "programmes:guest_remove": COORDINATORS,
    "applications:announce": COORDINATORS,
    "home:new_starters": {"hr"},
    "home:alumni": {"hr"},
    "accounts:preferences": SIGNED_IN,
    "library:library": MEMBERS,  # everyone of the organisation (what each sees depends on the audience)
    "library:download": MEMBERS,  # the scene's item is for everyone
    "library:delete": COORDINATORS,
    "programmes:partner_withdraw": NOBODY,  # the scene's partnership is an invitation of the org to another's
    "programmes:invitations": {"hr"},  # HR of the organisation invited (the URL's)
    "programmes:invitation": {"hr"},
    "applications:applications": COMMITTEE,
    "applications:application": COMMITTEE,
    "applications:apply": NOBODY,  # the scene's programme is running: applications are closed
    "applications:mentoring": MEMBERS,
    "applications:withdraw": {"mentee"},  # one's own application
    "home:approvals": {"supervisor", "other_supervisor", "hr"},  # supervisors and HR decide
    "applications:decide": {"supervisor"},
    "bank:bank_request_decide": {"supervisor"},
    "events:events": COORDINATORS,  # and the programme's outside trainers (tests/programmes/test_outside_guests)
    "events:event_detail": COORDINATORS,
    "events:event_delete": COORDINATORS,
    "events:event_register": MEMBERS,
    "events:materials": COORDINATORS,
    "events:material_delete": COORDINATORS,
    "events:material_download": {"mentee", "mentor", "hr"},  # participants and coordinators
    "events:participant": {"mentee", "mentor", "supervisor", "hr"},
    "applications:application_import": COORDINATORS,
    "applications:application_import_map": COORDINATORS,
    "applications:application_import_confirm": COORDINATORS,
    "programmes:questions": COORDINATORS,
    "programmes:question_delete": COORDINATORS,
    "bank:bank": MEMBERS,
    "bank:bank_me": MEMBERS,
    "bank:bank_ask_outside": MEMBERS,
    "bank:bank_ask_colleague": MEMBERS,
    "bank:bank_requests": MEMBERS,
    "bank:bank_answer": {"mentor"},  # the asked mentor
    "bank:bank_cancel": {"mentee"},  # the asking mentee
    "bank:bank_propose": {"supervisor", "other_supervisor"},  # supervisors suggest mentors to their staff
    "bank:proposal_answer": {"mentee"},  # the staff member the suggestion is for
    "bank:bank_profile": MEMBERS - {"mentor"},  # the mentor's own profile is under "me"
    "bank:guest_requests": COORDINATORS,
    "bank:guest_decide": COORDINATORS,
    # matching
    "matching:runs": COMMITTEE,
    "matching:run": COMMITTEE,
    "matching:progress": COMMITTEE,
    "matching:decide": NOBODY,  # needs a proposal in the run
    "matching:swap": COMMITTEE,
    "matching:publish": COORDINATORS,
    "matching:compare": COMMITTEE,
    "matching:pick": COMMITTEE,
    "matching:undo": COMMITTEE,
    "matching:staff": {"supervisor"},
    # mentorships
    "mentorships:list": MEMBERS,
    "mentorships:detail": {"mentee", "mentor", "supervisor", "hr"},
    "mentorships:print": {"mentee", "mentor", "supervisor", "hr"},
    "mentorships:agreement_edit": PARTICIPANTS,
    "mentorships:accept": PARTICIPANTS,
    "mentorships:send_back": PARTICIPANTS | {"supervisor"},  # anyone who accepts or approves
    "mentorships:approve": {"supervisor"},
    "mentorships:state": PARTICIPANTS | COORDINATORS,
    "mentorships:continue": PARTICIPANTS | COORDINATORS,
    "mentorships:member_add": COORDINATORS,
    "mentorships:leave": {"mentee", "hr"},  # oneself, or the coordinator
    "mentorships:meeting_plan": PARTICIPANTS,
    "mentorships:meeting_move": PARTICIPANTS,
    "mentorships:meeting_cancel": PARTICIPANTS,
    "mentorships:meeting_record": PARTICIPANTS,
    "mentorships:time_exception": {"supervisor"},
    "mentorships:note_add": PARTICIPANTS,
    "mentorships:note_delete": {"mentee"},  # its author
    "mentorships:checkpoint": PARTICIPANTS,
    "mentorships:insight_share": PARTICIPANTS,
    "mentorships:insights": {"supervisor", "other_supervisor"},
    "mentorships:compensation": COORDINATORS,
    "mentorships:substitute": {"supervisor"},
    "mentorships:calendar": MEMBERS,
    # surveys and reports
    "surveys:list": COORDINATORS,
    "surveys:edit": COORDINATORS,
    "surveys:results": COORDINATORS,
    "surveys:remind": COORDINATORS,
    "reports:reports": HR_ADMIN,
    "reports:section": HR_ADMIN,
    "reports:print": HR_ADMIN,
    "reports:hourly_costs": COORDINATORS,
    "reports:programme_costs": COORDINATORS,
    "reports:remove_programme_cost": COORDINATORS,
    "reports:remind": COORDINATORS,
    # the API
    "api-v1:openapi-json": EVERYONE,
    "api-v1:openapi-view": EVERYONE,
    "api-v1:api-root": NOBODY,
    "api-v1:list_organisations": SIGNED_IN,
    "api-v1:list_units": HR_ADMIN,
    "api-v1:create_unit": HR_ADMIN,
    "api-v1:get_unit": HR_ADMIN,
    "api-v1:update_unit": HR_ADMIN,
    "api-v1:list_employees": {"supervisor", "other_supervisor", "hr", "admin"},
    "api-v1:create_employee": HR_ADMIN,
    "api-v1:get_employee": {"mentee", "supervisor", "hr", "admin"},
    "api-v1:update_employee": HR_ADMIN,
    "api-v1:list_programmes": HR_ADMIN,
    "api-v1:get_programme": {"hr", "committee", "admin"},
    "api-v1:list_applications": COMMITTEE,
    "api-v1:my_applications": MEMBERS,
    "api-v1:search_bank": MEMBERS,
    "api-v1:request_mentor": MEMBERS - {"mentor"},  # not oneself
    "api-v1:list_runs": COMMITTEE,
    "api-v1:start_run": COMMITTEE,
    "api-v1:get_run": COMMITTEE,
    "api-v1:list_proposals": COMMITTEE,
    "api-v1:list_mentorships": MEMBERS,
    "api-v1:get_mentorship": {"mentee", "mentor", "supervisor", "hr"},
    "api-v1:list_agreements": {"mentee", "mentor", "supervisor", "hr"},
    "api-v1:list_meetings": {"mentee", "mentor", "supervisor", "hr"},
    "api-v1:plan_meetings": PARTICIPANTS,
    "api-v1:accept_agreement": PARTICIPANTS,
    "api-v1:get_reports": HR_ADMIN,
    "api-v1:get_report_section": HR_ADMIN,
    "api-v1:get_survey_results": COORDINATORS,
}

URLS = [(name, route) for name, route in patterns() if not name.startswith("admin:")]


def test_every_url_has_an_entry():
    missing = sorted({name for name, _route in URLS} - MATRIX.keys())
    assert missing == [], f"decide who may use these: {missing}"
    assert sorted(MATRIX.keys() - {name for name, _route in URLS}) == []  # and no entry for a URL that is gone


@pytest.mark.parametrize(("name", "route"), URLS, ids=[name for name, _route in URLS])
def test_who_is_let_in(world, name, route):
    scene = build(world)
    let_in = set()
    for role in ROLES:
        client = Client()
        if scene.people[role] is not None:
            client.force_login(scene.people[role].user)
        with transaction.atomic():
            if allowed(call(client, name, route, scene.values)):
                let_in.add(role)
            transaction.set_rollback(True)
    assert let_in == MATRIX[name], f"{name}: let in {sorted(let_in)}, expected {sorted(MATRIX[name])}"


# where posting is for fewer people than looking
POST_MATRIX: dict[str, set[str]] = {
    "applications:application": NOBODY,  # a decision, for coordinators, on a pending one; the scene's is decided
    "bank:guest_home": NOBODY,  # answers an invitation addressed to the account; nobody here has one
    "mentorships:insights": {"supervisor"},  # marks discussed an idea shared with one's own unit
    "library:library": COORDINATORS,  # adds a material: HR only; everyone else reads
}
# what a page needs posted to get as far as the permission check
POST_DATA = {
    "mentorships:substitute": lambda values: {"state": "arranged"},
    "mentorships:insights": lambda values: {"insight": values["insight_id"]},
}
PAGES = [(name, route) for name, route in URLS if not name.startswith("api-v1:")]


@pytest.mark.parametrize(("name", "route"), PAGES, ids=[name for name, _route in PAGES])
def test_who_may_post(world, name, route):
    """The same pages posted to (with nothing filled in): a view must check who posts as it
    checks who looks. Pages that only show something answer 405 and are left out."""
    scene = build(world)
    let_in, statuses = set(), set()
    for role in ROLES:
        client = Client()
        if scene.people[role] is not None:
            client.force_login(scene.people[role].user)
        with transaction.atomic():
            data = POST_DATA[name](scene.values) if name in POST_DATA else {}
            response = client.post(url_of(name, route, scene.values), data)
            statuses.add(response.status_code)
            if allowed(response) and response.status_code != 405:
                let_in.add(role)
            transaction.set_rollback(True)
    if not let_in and 405 in statuses:
        pytest.skip("not posted to")
    expected = POST_MATRIX.get(name, MATRIX[name])
    assert let_in == expected, f"{name}: let in {sorted(let_in)}, expected {sorted(expected)}"


def test_the_operators_admin_is_for_operators_only(world, client):
    for person in (world.hr, world.admin, world.employee):
        client.force_login(person.user)
        response = client.get("/operators/")
        assert response.status_code == 302 and "/operators/login/" in response["Location"]
