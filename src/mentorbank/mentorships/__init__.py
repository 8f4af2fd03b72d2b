"""Mentorships: the pairs and groups after matching, their written agreements and goals."""
