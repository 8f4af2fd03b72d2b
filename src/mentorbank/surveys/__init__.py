"""Surveys: ready templates, invitations by the programme's schedule, anonymous answers."""
