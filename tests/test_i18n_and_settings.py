import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_string_is_translated_with_the_same_placeholders(language):
    po = polib.pofile(str(ROOT / f"src/mentorbank/locale/{language}/LC_MESSAGES/django.po"))
    assert len(po) > 100
    untranslated = [e.msgid for e in po if not e.translated()]
    assert untranslated == []
    for entry in po:
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert set(PLACEHOLDER.findall(text)) <= wanted | {"counter"}, entry.msgid
            if not entry.msgid_plural:
                assert set(PLACEHOLDER.findall(text)) == wanted, entry.msgid


def test_the_message_catalogue_is_up_to_date_with_the_code(tmp_path):
    """Every translatable string in the code is in the catalogue (makemessages needs GNU gettext).

    makemessages runs on a copy of the source, so the catalogue it rewrites is the copy's."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src", copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "mentorbank.settings", "PYTHONPATH": str(copy)}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "fi", "--no-obsolete", "--ignore", "*/migrations/*"],
        cwd=copy / "mentorbank",
        env=env,
        check=True,
        capture_output=True,
    )
    before = {e.msgid for e in polib.pofile(str(ROOT / "src/mentorbank/locale/fi/LC_MESSAGES/django.po"))}
    after = {e.msgid for e in polib.pofile(str(copy / "mentorbank/locale/fi/LC_MESSAGES/django.po"))}
    assert after - before == set(), "run makemessages and translate these"


def test_production_settings_pass_the_deploy_check():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "z9" * 25,
            "ALLOWED_HOSTS": "mentors.example.fi",
            "DJANGO_SETTINGS_MODULE": "mentorbank.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = "mentorbank.settings"
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), "check"], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("env", "site_url"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://0.0.0.0:9000"),
        ({"PORT": "8123", "SITE_URL": "https://mentor.example.fi"}, "https://mentor.example.fi"),
    ],
)
def test_the_development_servers_email_links_follow_its_host_and_port(env, site_url):
    """Issue 15 (11): script/server on another port sent links to port 8000."""
    root = Path(__file__).resolve().parent.parent
    clean = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT", "SITE_URL")}
    printed = subprocess.run(
        ["sh", "-c", '. script/server-env && echo "$SITE_URL"'],
        cwd=root,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert printed == site_url


@pytest.mark.django_db
def test_postgresql_runs_our_queries_without_jit_compilation():
    """JIT compiled the reports' grouped sums for 130–170 ms to save a few (bench/reports.py)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
