"""The API fuzzed from its own OpenAPI schema (Schemathesis): for any input the schema allows, and
many it does not, no server error and no answer that breaks the schema — as HR and as an employee."""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from mentorbank.accounts.models import ApiToken

from ..factories import ProgrammeFactory, colleague_mentors_employee


@pytest.fixture
def keys(world):
    """Bearer keys for HR and for an employee in a mentorship, with a programme to find."""
    colleague_mentors_employee(world, ProgrammeFactory(owner=world.org, state="open"))
    return {who: ApiToken.issue(user=getattr(world, who).user, name="fuzz")[1] for who in ("hr", "employee")}


EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))  # per endpoint and role; more for a deeper run


def call_and_check(case, key, world):
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = world.org.slug  # mostly the real organisation, so checks run deep
    response = case.call(headers={"Authorization": f"Bearer {key}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
    case.validate_response(response, checks=[response_schema_conformance])


@pytest.fixture
def wsgi_app():
    """The application called straight, as the test client does it: without closing the test's database
    connection at the end of each request."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("who", ["hr", "employee"])
def test_no_server_error_and_no_schema_violation(keys, world, who, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25  # every endpoint, not an empty schema

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case):  # noqa: ANN001
            call_and_check(case, keys[who], world)

        fuzz()


def test_ids_and_pages_past_the_database_are_answered_cleanly(world, client):
    client.force_login(world.hr.user)
    base = f"/api/v1/organisations/{world.org.slug}"
    assert client.get(f"{base}/units/{2**63}").status_code == 404
    assert client.get(f"{base}/bank", {"competence": 2**64}).status_code == 404
    assert client.get(f"{base}/units", {"page": 10**17}).status_code == 422
    assert client.get(f"{base}/units/{2**63 - 1}").status_code == 404  # the largest ID: simply not there
