"""Matching: the pure engine (`engine`, no Django) and the matching committee's review in the app."""
