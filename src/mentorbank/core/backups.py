"""Backing up and restoring the whole database: PostgreSQL with pg_dump / pg_restore (custom format,
no owners, so it restores into any role's database), SQLite with its online backup API (safe while
the service runs)."""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection


def backup(target: Path) -> None:
    if connection.vendor == "postgresql":
        run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target)])
    else:
        with closing(sqlite3.connect(target)) as copy:
            source().backup(copy)


def restore(archive: Path) -> None:
    if not archive.exists():
        raise FileNotFoundError(archive)
    if connection.vendor == "postgresql":
        run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(archive)])
    else:
        connection.close()  # nothing of ours may hold the database while it is replaced
        with closing(sqlite3.connect(archive)) as saved:
            saved.backup(source())


def source() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def run(command: list[str]) -> None:
    """pg_dump / pg_restore against the configured database, the password passed in the environment."""
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    target = [
        "--dbname",
        settings["NAME"],
        "--host",
        settings.get("HOST") or "localhost",
        "--port",
        str(settings.get("PORT") or 5432),
    ]
    if settings.get("USER"):
        target += ["--username", settings["USER"]]
    # the command and its arguments come from the settings, never from a request
    subprocess.run([*command, *target], env=env, check=True, capture_output=True, text=True)  # noqa: S603
