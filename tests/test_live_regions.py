"""Issue 16 (4): what htmx updates is announced. A live region must stay in the page while its content
changes: htmx replaces the polled element, so the role="status" region is the element around it."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from mentorbank.matching.models import MatchingRun
from mentorbank.organisations.models import ImportBatch

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


class Regions(HTMLParser):
    """For each polled element: whether it is itself a live region and whether one holds it."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[dict[str, str | None]] = []
        self.polled: list[tuple[bool, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "hx-get" in found:
            inside = any(a.get("role") == "status" or a.get("aria-live") for a in self.open)
            self.polled.append((found.get("role") == "status", inside))
        if tag not in {"input", "br", "img", "meta", "link"}:
            self.open.append(found)

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()


def polled_regions(html: str) -> list[tuple[bool, bool]]:
    parser = Regions()
    parser.feed(html)
    return parser.polled


def test_the_matching_progress_and_the_import_status_are_announced_as_they_change(world, login):
    programme = ProgrammeFactory(owner=world.org, state="matching")
    programme.committee_members.add(world.hr.user)
    MatchingRun.objects.create(programme=programme, number=1, state=MatchingRun.RUNNING, progress=40)
    client = login(world.hr)
    run_page = client.get(reverse("matching:run", args=[world.org.slug, programme.pk, 1])).content.decode()
    batch = ImportBatch.objects.create(organisation=world.org, kind="employees", filename="h.csv")
    import_page = client.get(reverse("organisations:import_batch", args=[world.org.slug, batch.pk])).content.decode()
    for html in (run_page, import_page):
        assert polled_regions(html) == [(False, True)], "a polled element inside a live region that stays"
