import re

import pytest
from django.urls import reverse

from mentorbank.accounts.models import User
from mentorbank.bank.models import GuestInvitation

pytestmark = pytest.mark.django_db


def wish(client, world):
    client.force_login(world.employee.user)
    return client.post(
        reverse("bank:bank_ask_outside", args=[world.org.slug]),
        {
            "name": "Ulla Ulkopuolinen",
            "email": "Ulla@Naapuri.example",
            "employer": "Naapurin kunta",
            "reason": "Hän johti samanlaisen muutoksen.",
        },
    )


def test_hr_approves_and_the_guest_sees_only_the_request(world, client, run_tasks, mailoutbox):
    with run_tasks():
        assert wish(client, world).status_code == 302
    invitation = GuestInvitation.objects.get()
    assert invitation.email == "ulla@naapuri.example" and invitation.state == "waiting"
    assert [m.to for m in mailoutbox] == [[world.hr.email]], "HR is asked"
    client.force_login(world.hr.user)
    with run_tasks():
        client.post(reverse("bank:guest_decide", args=[world.org.slug, invitation.pk]), {"decision": "approved"})
    invitation.refresh_from_db()
    guest = User.objects.get(email="ulla@naapuri.example")
    assert invitation.state == "approved" and invitation.guest == guest and not guest.has_usable_password()
    invite = next(m for m in mailoutbox if m.to == [guest.email])
    link = re.search(r"https?://\S+", invite.body).group(0)
    client.logout()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "guest-password-123", "new_password2": "guest-password-123"})
    assert client.login(username=guest.email, password="guest-password-123")
    assert client.get("/").url == reverse("bank:guest_home")
    page = client.get(reverse("bank:guest_home")).content.decode()
    assert world.employee.full_name in page and "Hän johti" in page
    for url in [
        reverse("home:home", args=[world.org.slug]),
        reverse("bank:bank", args=[world.org.slug]),
        reverse("organisations:people", args=[world.org.slug]),
    ]:
        assert client.get(url).status_code == 404, "a guest account sees nothing of the organisation"
    with run_tasks():
        client.post(reverse("bank:guest_home"), {"invitation": invitation.pk, "decision": "accept"})
    assert GuestInvitation.objects.get().state == "accepted"
    assert mailoutbox[-1].to == [world.employee.email]


def test_only_hr_of_the_mentees_organisation_decides(world, client):
    wish(client, world)
    invitation = GuestInvitation.objects.get()
    url = reverse("bank:guest_decide", args=[world.org.slug, invitation.pk])
    for person, status in [(world.supervisor, 403), (world.admin, 403), (world.other_hr, 404)]:
        client.force_login(person.user)
        assert client.post(url, {"decision": "approved"}).status_code == status
    client.force_login(world.hr.user)
    client.post(url, {"decision": "declined", "reason": ""})
    assert GuestInvitation.objects.get().state == "waiting", "a decline needs a reason"
    client.post(url, {"decision": "declined", "reason": "Löytyy omasta kunnasta"})
    assert (
        GuestInvitation.objects.get().state == "declined"
        and not User.objects.filter(email="ulla@naapuri.example").exists()
    )


def test_another_user_cannot_answer_a_guest_invitation(world, client):
    wish(client, world)
    invitation = GuestInvitation.objects.get()
    client.force_login(world.hr.user)
    client.post(reverse("bank:guest_decide", args=[world.org.slug, invitation.pk]), {"decision": "approved"})
    client.force_login(world.colleague.user)
    assert (
        client.post(reverse("bank:guest_home"), {"invitation": invitation.pk, "decision": "accept"}).status_code == 404
    )
    assert GuestInvitation.objects.get().state == "approved"
