"""The production settings, with what a test run needs instead."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "k" * 20)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from mentorbank.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405 - WhiteNoise warns when it is missing
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405 - the live server's thread must not keep the test database open
