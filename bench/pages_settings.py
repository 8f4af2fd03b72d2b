"""`bench/pages.py`: the production settings, plus a bare Django view (the yardstick) and a header with
each response's number of database queries."""

from mentorbank.settings import *  # noqa: F403

ROOT_URLCONF = "pages_urls"
MIDDLEWARE = ["pages_urls.count_queries", *MIDDLEWARE]  # noqa: F405
