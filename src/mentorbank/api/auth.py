from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from mentorbank.accounts.models import ApiToken
from mentorbank.core.tokens import note_use


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mb_…` with a token made on the account's API tokens page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.find(token)
        if found is None:
            return None
        note_use(found, every_seconds=300)
        request.user = found.user
        return found.user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
