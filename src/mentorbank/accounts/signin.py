"""What the apps above add to signing in with a password. Single sign-on registers here in its
AppConfig.ready(): it refuses passwords to people whose organisations sign them in themselves, and
puts a button per organisation on the sign-in page."""

from collections.abc import Callable

from .models import User

# Each answers True when this person may not sign in (or reset a password) with a password.
PASSWORD_REFUSERS: list[Callable[[User], bool]] = []
# Each gives the sign-in page's other ways in: (organisation's name, address to start from).
OTHER_WAYS_IN: list[Callable[[], list[tuple[str, str]]]] = []


def passwords_refused(user: User) -> bool:
    return any(refuses(user) for refuses in PASSWORD_REFUSERS)


def other_ways_in() -> list[tuple[str, str]]:
    return [way for ways in OTHER_WAYS_IN for way in ways()]
