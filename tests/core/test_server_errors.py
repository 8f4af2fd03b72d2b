"""When the database goes away under a request (a restart), the visitor gets a clean "try again
in a moment" (503 with Retry-After) in their language, pages and API alike; other errors a 500."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_away(monkeypatch):
    def refuse(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", refuse)


@pytest.fixture
def visitor():
    visitor = Client(raise_request_exception=False)
    visitor.cookies["sessionid"] = "x" * 32  # a session to load: the first thing that needs the database
    return visitor


def test_a_page_while_the_database_is_away_says_try_again_in_finnish(database_away, visitor):
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    page = response.content.decode()
    assert "Palvelu ei ole hetkeen käytettävissä" in page and 'lang="fi"' in page


def test_the_api_while_the_database_is_away_answers_json(database_away, visitor):
    response = visitor.get("/api/v1/organisations", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Tjänsten är inte tillgänglig" in response.json()["detail"]


def test_another_error_is_a_plain_server_error(monkeypatch, visitor):
    def crash(self):
        raise ZeroDivisionError

    monkeypatch.setattr(SessionStore, "load", crash)
    response = visitor.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500 and "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()
