"""The load mix for bench/load.py (a locustfile): employees browse the mentor bank, open their
mentorship, apply to the open programme, plan meetings and record held ones; HR coordinators
open the reports. Each virtual user signs in as its own account from the plan that load.py
wrote (LOAD_PLAN); each step uses other accounts (LOAD_OFFSET), so no two users share meetings.

Every write counts as a success only when the application answered "saved" (a redirect), so
load.py can compare the successes with the rows in the database afterwards."""

import itertools
import json
import os
import random
import re
import uuid
from html.parser import HTMLParser

from locust import HttpUser, between, constant, task

PLAN = json.load(open(os.environ["LOAD_PLAN"]))  # noqa: SIM115
ORG = PLAN["organisation"]
WORDS = ["hoitotyö", "opetus", "johtaminen", "perehdytys", "talous", "digi", "asiakaspalvelu", "kieli"]
SECTIONS = ["coverage", "supply", "activity", "costs", "outcomes", "insights"]
accounts = itertools.count(int(os.environ.get("LOAD_OFFSET", "0")))
THINK = float(os.environ.get("LOAD_THINK_SECONDS", "0"))


class FormFields(HTMLParser):
    """The fields of the page's form with action `action` (or its first POST form) and their defaults."""

    def __init__(self, action: str = "") -> None:
        super().__init__()
        self.action, self.inside, self.done = action, False, False
        self.fields: dict[str, list[str]] = {}
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("method", "").lower() == "post"):
            target = a.get("action") or ""
            self.inside = not self.action or not target or target.endswith(self.action)
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if name not in self.fields and a.get("value", "on"):  # the first real choice of a group
                    self.fields[name] = [a.get("value", "on")]
            elif kind != "submit":
                self.fields.setdefault(name, [a.get("value") or ""])
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and self.select not in self.fields and a.get("value"):
            self.fields[self.select] = [a["value"]]
        elif tag == "textarea" and name:
            self.fields.setdefault(name, [""])

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "select":
            self.select = None
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_of(html: str, action: str = "") -> dict[str, list[str]]:
    parser = FormFields(action)
    parser.feed(html)
    return parser.fields


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(THINK, THINK * 2) if THINK else constant(0)

    def sign_in(self, email: str) -> None:
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        with self.client.post(
            "/accounts/login/", name="sign in",
            data={"csrfmiddlewaretoken": token, "username": email, "password": PLAN["password"]},
            allow_redirects=False, catch_response=True,
        ) as answer:  # fmt: skip
            if answer.status_code != 302:
                answer.failure(f"sign-in refused ({answer.status_code})")

    def submit(self, url: str, name: str, changes: dict[str, str], key: str) -> None:
        """GET the form, POST it with `changes`; a success is a redirect (the change was saved),
        written to LOAD_LOG as `name<TAB>key` for load.py's count check."""
        page = self.client.get(url, name=f"{name} (form)")
        if page.status_code != 200:
            return
        data = {**form_of(page.text, url), **changes}
        with self.client.post(url, data=data, name=name, allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 302:
                answer.failure(f"not saved ({answer.status_code})")
                return
        with open(os.environ["LOAD_LOG"], "a") as log:
            log.write(f"{name}\t{key}\n")


class Employee(SignedIn):
    weight = 8

    def on_start(self) -> None:
        self.account = PLAN["accounts"][next(accounts) % len(PLAN["accounts"])]
        self.meetings = list(self.account["meetings"])
        self.sign_in(self.account["email"])

    @task(2)
    def home(self) -> None:
        self.client.get(f"/o/{ORG}/", name="home")

    @task(4)
    def browse_bank(self) -> None:
        self.client.get(f"/o/{ORG}/bank/?q={random.choice(WORDS)}", name="bank search")  # noqa: S311

    @task(2)
    def mentorship(self) -> None:
        self.client.get(f"/o/{ORG}/mentorships/{self.account['mentorship']}/", name="mentorship page")

    @task(1)
    def apply(self) -> None:
        self.submit(
            f"/o/{ORG}/programmes/{PLAN['open_programme']}/apply/", "apply",
            {"role": "mentee", "goals": "Kuormitustesti: haluan oppia uutta.", "consent": "on"}, self.account["email"],
        )  # fmt: skip

    @task(2)
    def record_meeting(self) -> None:
        if not self.meetings:
            return self.mentorship()
        meeting = self.meetings.pop()
        url = f"/o/{ORG}/mentorships/{self.account['mentorship']}/meetings/{meeting}/held/"
        self.submit(url, "record meeting", {}, str(meeting))

    @task(1)
    def plan_meeting(self) -> None:
        day = f"2027-{random.randint(9, 10):02d}-{random.randint(1, 30):02d}"  # noqa: S311 - no public holidays
        self.submit(
            f"/o/{ORG}/mentorships/{self.account['mentorship']}/meetings/new/", "plan meeting",
            {"day": day, "time": "10:00", "minutes": "60", "count": "1", "every_weeks": "4", "place": "Kirjasto"},
            uuid.uuid4().hex,
        )  # fmt: skip


class Coordinator(SignedIn):
    weight = 1

    def on_start(self) -> None:
        self.sign_in(PLAN["hr_email"])

    @task(3)
    def report(self) -> None:
        section = random.choice(SECTIONS)  # noqa: S311
        self.client.get(f"/o/{ORG}/reports/{section}/", name=f"report: {section}")

    @task(1)
    def programme(self) -> None:
        self.client.get(f"/o/{ORG}/programmes/{PLAN['open_programme']}/", name="programme page")
