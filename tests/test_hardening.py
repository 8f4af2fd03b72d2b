"""Hardening: the content security policy on every page, and no inline script or style to break it."""

import re
from pathlib import Path

from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "mentorbank"


def test_every_page_carries_a_strict_content_security_policy(world, client):
    client.force_login(world.hr.user)
    for url in (reverse("accounts:login"), reverse("home:home", args=[world.org.slug]), "/api/v1/docs"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_no_template_has_an_inline_script_style_or_event_handler():
    offenders = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text()
        # executable inline scripts (a JSON data block is not executed), style blocks and attributes, on* handlers
        for pattern in (
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>",
            r"<style\b",
            r'\sstyle="',
            r"\son[a-z]+=",
        ):
            if re.search(pattern, text):
                offenders.append(f"{template.relative_to(TEMPLATES)}: {pattern}")
    assert offenders == []
