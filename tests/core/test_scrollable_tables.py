"""Every table of a page sits in a keyboard-reachable region named by its caption (issue 16)."""

from django.http import HttpResponse
from django.test import RequestFactory

from mentorbank.core.middleware import ScrollableTables


def through(html: str, content_type: str = "text/html; charset=utf-8") -> str:
    middleware = ScrollableTables(lambda request: HttpResponse(html, content_type=content_type))
    return middleware(RequestFactory().get("/")).content.decode()


def test_each_table_is_wrapped_once_and_named_by_its_caption():
    page = through(
        "<table>\n <caption class='visually-hidden'>Rooli<span>t</span></caption><tr><td>1</td></tr></table>"
        "<p>väli</p><table><tr><td>2</td></tr></table>"
    )
    assert page.count('<div class="table-wrap" tabindex="0" role="group"') == 2
    assert 'aria-label="Roolit">' in page and page.count("</table></div>") == 2
    assert "<p>väli</p>" in page


def test_other_responses_and_other_tables_are_left_alone():
    assert through("<table><tr><td>1</td></tr></table>", "text/csv") == "<table><tr><td>1</td></tr></table>"
    assert through('<table class="x"><tr><td>1</td></tr></table>') == '<table class="x"><tr><td>1</td></tr></table>'
