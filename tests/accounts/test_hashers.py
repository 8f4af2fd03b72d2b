"""Issue 18 (3): passwords are hashed with Argon2id at OWASP's minimum parameters, and an older hash
(PBKDF2) is upgraded when its owner signs in."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from mentorbank import settings as production

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db
ARGON2ID_OWASP = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)
def test_a_new_password_is_hashed_with_argon2id(world):
    user = world.employee.user
    user.set_password("uusi-salasana-2026")
    assert user.password.startswith(ARGON2ID_OWASP)
    assert user.check_password("uusi-salasana-2026") and not user.check_password("väärä")


@override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)
def test_an_older_hash_is_upgraded_when_its_owner_signs_in(world, client):
    user = world.employee.user
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(ARGON2ID_OWASP)
