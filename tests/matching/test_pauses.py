"""The engine pauses Python's cycle collector for a run, and leaves it as it found it."""

import gc

import pytest

from mentorbank.matching.engine.pairing import match_pairs
from mentorbank.matching.engine.participants import Participant


def cohort() -> tuple[list[Participant], list[Participant]]:
    mentees = [Participant(id=f"e{i}", person=f"pe{i}", themes=frozenset({"leadership"})) for i in range(3)]
    mentors = [Participant(id=f"m{i}", person=f"pm{i}", themes=frozenset({"leadership"}), capacity=2) for i in range(2)]
    return mentees, mentors


def test_the_collector_is_paused_during_a_run_and_on_again_after():
    seen = []
    match_pairs(*cohort(), progress=lambda _fraction: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_failed_run_turns_the_collector_back_on():
    with pytest.raises(ValueError):
        match_pairs(*cohort(), objective="no such objective")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off():
    gc.disable()
    try:
        match_pairs(*cohort())
        assert not gc.isenabled()
    finally:
        gc.enable()
