"""Sign-in throttling: django-axes counts failed sign-ins and refuses a locked-out one."""

from typing import Any

from axes.backends import AxesStandaloneBackend


class ThrottledSignIn(AxesStandaloneBackend):
    """Every sign-in through a page carries its request and is throttled. Without a request (Django's
    test client, management commands) there is no address to count by, so there is nothing to throttle."""

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
