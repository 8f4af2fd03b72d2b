"""Matching: the pure engine (`engine`, no Django) and, later, the committee's review in the app."""
