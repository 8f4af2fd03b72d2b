"""A throw-away database for a benchmark: SQLite in a temporary folder by default, or the
test_ copy of DATABASE_URL (created and dropped, as in the test suite)."""

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


@contextmanager
def benchmark_database(keep: bool = False) -> Iterator[None]:
    """With `keep`, the PostgreSQL test_ copy is kept after the run and used again by the next one
    (the caller decides whether its data is already there)."""
    tmp = tempfile.mkdtemp(prefix="mentorbank-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["DJANGO_SETTINGS_MODULE"] = "mentorbank.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    postgresql = connection.vendor == "postgresql"
    old = setup_databases(verbosity=0, interactive=False, keepdb=keep, serialized_aliases=[]) if postgresql else None
    if old is None:
        call_command("migrate", verbosity=0)
    try:
        yield
    finally:
        if old is not None and not keep:
            teardown_databases(old, verbosity=0)
