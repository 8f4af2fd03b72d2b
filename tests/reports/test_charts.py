"""Report charts (issue 16, item 2): drawn on the server as SVG from the same figures as the tables,
named by a title and a summary in words, readable without colour, and never showing a group the
tables hide."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mentorbank.core.charts import PALETTE, Bar, bar_chart
from mentorbank.surveys import services
from mentorbank.surveys.models import Response

from ..factories import ProgrammeFactory
from .helpers import pair_in
from .test_anonymity import FOLLOW_UP, answer

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def section(world, name):
    return reverse("reports:section", args=[world.org.slug, name])


def figures(html):
    """Each chart on a page: (title, the svg tag's opening, summary)."""
    found = []
    for match in re.finditer(r'<figure class="chart">(.*?)</figure>', html, re.S):
        inner = match.group(1)
        title = re.search(r'<figcaption id="([\w-]+)-title">(.*?)</figcaption>', inner, re.S)
        summary = re.search(r'<p id="([\w-]+)-summary" class="chart-summary">(.*?)</p>', inner, re.S)
        svg = re.search(r"<svg [^>]*>", inner).group(0)
        assert title.group(1) == summary.group(1)
        assert f'aria-labelledby="{title.group(1)}-title {title.group(1)}-summary"' in svg and 'role="img"' in svg
        assert "<script" not in inner and " style=" not in inner  # the content security policy holds
        found.append((title.group(2), inner, summary.group(2)))
    return found


@pytest.fixture
def programme(world):
    return ProgrammeFactory(owner=world.org, state="running", working_time_minutes=120, working_time_period="month")


def test_each_section_draws_its_figures_with_a_title_a_summary_and_the_table_beside(world, programme, login):
    pair_in(world, programme, world.colleague, world.employee)
    client = login(world.hr)
    page = client.get(section(world, "coverage"), **EN).content.decode()
    (title, inner, summary), *_ = figures(page)
    assert title == "Coverage over time"
    staff = world.org.employees.count()
    assert f"{round(200 / staff, 1):g} % by " in summary
    # the data table follows the chart
    assert page.index("Coverage over time") < page.index("Over time: people reached since the start of the period")
    activity = figures(client.get(section(world, "activity"), **EN).content.decode())
    assert [t for t, _i, _s in activity] == [
        "Mentorships by state",
        "Working time per person against the limit, in the period",
    ]
    # each bar carries its value in words; two series also carry their names, so colour is not needed
    working_time = activity[1][1]
    assert "Used per person: 1.5" in working_time and "The most the limit allows: " in working_time
    assert f"{programme.name}: 1.5 h per person of the " in activity[1][2]


def test_a_section_with_nothing_to_draw_says_so_in_its_table_only(world, login):
    client = login(world.hr)
    assert figures(client.get(section(world, "activity"), **EN).content.decode()) == []
    assert figures(client.get(section(world, "supply"), **EN).content.decode()) == []


def test_charts_leave_out_the_cohorts_the_tables_leave_out(world, login):
    small, large = (ProgrammeFactory(owner=world.org, name_fi=f"Kohortti {name}") for name in ("Pieni", "Suuri"))
    for cohort, count in ((small, 2), (large, 5)):
        for audience in FOLLOW_UP:
            survey = services.surveys_of(cohort)[FOLLOW_UP[audience]]
            for _k in range(count):
                answer(survey, world.employee.unit_id, 4 if audience == "mentee" else 3)
    assert Response.objects.count() == 14
    page = login(world.hr).get(section(world, "outcomes"), **EN).content.decode()
    page = page[page.index('id="outcomes"') :]  # the filter form above lists every programme
    charts = figures(page)
    assert charts, "the outcomes are drawn"
    drawn = " ".join(inner for _t, inner, _s in charts)
    assert "Mentees: 4" in drawn and "Mentors: 3" in drawn
    assert "Kohortti Pieni" not in page  # below the threshold: not in a table, not in a chart


def test_the_printable_report_holds_the_charts(world, programme, login):
    pair_in(world, programme, world.colleague, world.employee)
    html = login(world.hr).get(reverse("reports:print", args=[world.org.slug]), **EN).content.decode()
    titles = [t for t, _i, _s in figures(html)]
    assert "Coverage over time" in titles and "Costs by kind" not in titles  # no costs: nothing to draw
    assert "Mentorships by state" in titles


def contrast_on_white(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_every_colour_of_the_palette_stands_out_from_white():
    """WCAG 1.4.11: graphical objects at least 3:1 against their background."""
    assert all(contrast_on_white(colour) >= 3 for colour in PALETTE)


def test_bars_of_several_series_are_told_apart_by_their_labels_not_only_colour():
    bars = [Bar("Goal", 4.25, "Mentees"), Bar("Goal", 3.5, "Mentors")]
    with translation.override("en"):
        chart = bar_chart("k", "Title", "Summary", bars, "Mean", domain_max=5)
    text = re.findall(r"<text[^>]*>([^<]*)</text>", str(chart.svg))
    assert "Mentees: 4.25" in text and "Mentors: 3.5" in text
    fills = set(re.findall(r'fill="(#[0-9A-Fa-f]{6})"', str(chart.svg)))
    assert {PALETTE[0], PALETTE[1]} <= fills


def test_names_in_a_chart_are_written_as_text_never_as_markup():
    with translation.override("en"):
        chart = bar_chart("k", "Title", "Summary", [Bar('<script>alert("x")</script> & co', 3)], "Value")
    assert "<script" not in str(chart.svg) and "&lt;script&gt;" in str(chart.svg)
