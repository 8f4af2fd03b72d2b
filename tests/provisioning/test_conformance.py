"""An outside SCIM conformance suite, scim2-tester, run over HTTP against the running test server: it
discovers what the service publishes, then creates, reads, lists, searches, replaces, patches (add,
remove, replace of every attribute) and deletes users. Every check must pass; the table of checks and
results is printed (pytest -s) for the closing note."""

from collections import Counter

import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

from mentorbank.provisioning import tokens

from ..factories import EmployeeFactory, OrganisationFactory, UnitFactory


@pytest.mark.django_db(transaction=True)
def test_scim2_tester_passes_against_the_running_server(live_server):
    organisation = OrganisationFactory(slug="konformi")
    UnitFactory(organisation=organisation, code="KAIKKI", name="Koko kunta")
    EmployeeFactory.create_batch(3, organisation=organisation)
    _token, key = tokens.issue(organisation=organisation, name="scim2-tester", actor=None)
    http = httpx2.Client(
        base_url=f"{live_server.url}/scim/konformi/v2", headers={"Authorization": f"Bearer {key}"}, timeout=30
    )
    results = check_server(SyncSCIMClient(http))
    print(f"\nscim2-tester against {live_server.url}/scim/konformi/v2:")
    for result in results:
        print(f"  {result.status.name:8} {result.title}: {result.reason or ''}".rstrip())
    counts = Counter(result.status.name for result in results)
    print("  totals:", dict(counts))
    failed = [f"{r.title}: {r.reason}" for r in results if r.status not in (Status.SUCCESS, Status.SKIPPED)]
    assert not failed, "\n".join(failed)
    assert counts["SUCCESS"] >= 50  # the suite ran, not skipped
