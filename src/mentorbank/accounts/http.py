"""The request type of pages behind sign-in."""

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user has signed in (the view is behind `login_required`)."""

    user: User
