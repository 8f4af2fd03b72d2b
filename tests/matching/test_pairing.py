"""Participants to pairs: hard rules never broken, scores explained, stable option stable."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorbank.matching.engine.pairing import LockError, match_pairs
from mentorbank.matching.engine.participants import Participant, Rules, Weights
from mentorbank.matching.engine.rules import broken_rules
from mentorbank.matching.engine.scoring import Scorer
from mentorbank.matching.engine.stable import deferred_acceptance_ranked

PEOPLE = [f"p{k}" for k in range(6)]


@st.composite
def participant(draw, prefix, k):
    person = draw(st.sampled_from(PEOPLE))
    return Participant(
        id=f"{prefix}{k}",
        person=person,
        organisation=draw(st.sampled_from(["o1", "o2"])),
        unit=draw(st.sampled_from(["u1", "u2", ""])),
        languages=frozenset(draw(st.lists(st.sampled_from(["fi", "sv", "en"]), min_size=1, max_size=2))),
        managers=frozenset(draw(st.lists(st.sampled_from(PEOPLE), max_size=2))) - {person},
        excluded=frozenset(draw(st.lists(st.sampled_from(PEOPLE), max_size=1))),
        themes=frozenset(draw(st.lists(st.sampled_from(["change", "career", "wellbeing"]), max_size=2))),
        text=draw(st.sampled_from(["muutosjohtaminen", "johtamisesta ja jaksamisesta", "kokki", ""])),
        experience_years=draw(st.integers(0, 30)),
        values=tuple(draw(st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=3))),
        meeting_mode=draw(st.sampled_from(["in_person", "remote", "either"])),
        location=draw(st.sampled_from(["", "Espoo", "Turku"])),
        capacity=draw(st.integers(0, 2)),
        may_mentor=draw(st.booleans()),
    )


@st.composite
def cohorts(draw):
    mentees = [draw(participant("e", k)) for k in range(draw(st.integers(0, 4)))]
    mentors = [draw(participant("m", k)) for k in range(draw(st.integers(0, 3)))]
    pairs = list(itertools.product([e.id for e in mentees], [m.id for m in mentors]))
    rejected = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=2))) if pairs else frozenset()
    rules = Rules(cross_organisation=draw(st.booleans()), rejected=rejected)
    return mentees, mentors, rules


def brute_force_best(mentees, mentors, rules, scores):
    """(matched, total) of the best assignment that keeps every rule."""
    options = []
    for mentee in mentees:
        options.append([None] + [m for m in mentors if not broken_rules(mentee, m, rules)])
    best = (0, 0.0)
    for choice in itertools.product(*options):
        load = {}
        for mentor in choice:
            if mentor is not None:
                load[mentor.id] = load.get(mentor.id, 0) + 1
        if any(load[m.id] > m.capacity for m in mentors if m.id in load):
            continue
        total = sum(scores[(e.id, m.id)] for e, m in zip(mentees, choice, strict=True) if m is not None)
        matched = sum(m is not None for m in choice)
        best = max(best, (matched, round(total, 5)))
    return best


@settings(max_examples=250, deadline=None)
@given(cohorts())
def test_no_hard_rule_is_ever_broken_and_the_result_is_optimal(cohort):
    mentees, mentors, rules = cohort
    proposal = match_pairs(mentees, mentors, rules=rules)
    by_id = {p.id: p for p in [*mentees, *mentors]}
    load = {}
    for pair in proposal.pairs:
        assert broken_rules(by_id[pair.mentee], by_id[pair.mentor], rules) == []
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
    assert all(load[m] <= by_id[m].capacity for m in load)
    assert len({pair.mentee for pair in proposal.pairs}) == proposal.matched
    assert set(proposal.unmatched) == {m.id for m in mentees} - {p.mentee for p in proposal.pairs}
    if mentees and mentors:
        scorer = Scorer(mentees, mentors)
        matrix = scorer.scores(np.arange(len(mentees)))
        scores = {
            (e.id, m.id): round(float(matrix[i, j]), 6) for i, e in enumerate(mentees) for j, m in enumerate(mentors)
        }
        matched, total = brute_force_best(mentees, mentors, rules, scores)
        assert proposal.matched == matched
        assert proposal.total_score == pytest.approx(total, abs=1e-4)


@settings(max_examples=150, deadline=None)
@given(cohorts())
def test_same_input_gives_the_same_proposal(cohort):
    mentees, mentors, rules = cohort
    first, second = match_pairs(mentees, mentors, rules=rules), match_pairs(mentees, mentors, rules=rules)
    assert [(p.mentee, p.mentor, p.score) for p in first.pairs] == [(p.mentee, p.mentor, p.score) for p in second.pairs]
    assert first.unmatched == second.unmatched


def person(id, **fields):
    return Participant(id=id, person=fields.pop("person", id), **fields)


def test_a_mentor_above_the_mentee_in_the_supervisor_chain_is_never_proposed():
    mentee = person("e", managers=frozenset({"boss", "bosses_boss"}))
    mentors = [person("boss"), person("bosses_boss"), person("m", capacity=0)]
    proposal = match_pairs([mentee], mentors)
    assert proposal.pairs == []
    assert proposal.unmatched == {"e": "excluded_by_rules"}


def test_unmatched_mentees_are_told_why():
    mentees = [
        person("swede", languages=frozenset({"sv"})),
        person("first"),
        person("second"),
        person("excluder", excluded=frozenset({"m"})),
    ]
    proposal = match_pairs(mentees, [person("m", capacity=1)])
    assert proposal.matched == 1
    assert proposal.unmatched["swede"] == "no_common_language"
    assert proposal.unmatched["excluder"] == "excluded_by_rules"
    assert "mentors_full" in proposal.unmatched.values()
    no_mentors = match_pairs([person("e")], [person("m", may_mentor=False)])
    assert no_mentors.unmatched == {"e": "no_mentors"}
    other_org = match_pairs(
        [person("e", organisation="a")], [person("m", organisation="b")], rules=Rules(cross_organisation=False)
    )
    assert other_org.unmatched == {"e": "no_mentor_in_organisation"}


def test_exclusions_hold_in_both_directions():
    mentee = person("e")
    mentor = person("m", excluded=frozenset({"e"}))
    assert match_pairs([mentee], [mentor]).pairs == []
    assert broken_rules(mentee, mentor, Rules()) == ["excluded"]


def test_locked_pairs_are_kept_and_rejected_pairs_never_come_back():
    mentees = [person("e1", themes=frozenset({"x"})), person("e2")]
    mentors = [person("m1", themes=frozenset({"x"})), person("m2")]
    free = match_pairs(mentees, mentors)
    assert {(p.mentee, p.mentor) for p in free.pairs} == {("e1", "m1"), ("e2", "m2")}
    rules = Rules(locked=(("e2", "m1"),), rejected=frozenset({("e1", "m2")}))
    ruled = match_pairs(mentees, mentors, rules=rules)
    assert [(p.mentee, p.mentor, p.locked) for p in ruled.pairs] == [("e2", "m1", True)]
    assert ruled.unmatched == {"e1": "excluded_by_rules"}


def test_a_lock_that_breaks_a_rule_is_refused():
    with pytest.raises(LockError, match="no_common_language"):
        match_pairs([person("e", languages=frozenset({"sv"}))], [person("m")], rules=Rules(locked=(("e", "m"),)))


def test_goals_text_similarity_survives_finnish_inflection_and_compounds():
    mentee = person("e", text="Haluan oppia muutosjohtamista")
    mentors = [
        person("a", text="Muutoksen johtaminen ja johtamisesta puhuminen"),
        person("b", text="Keittiön hygienia"),
    ]
    values = Scorer([mentee], mentors).criteria(np.array([0]))["text"][0]
    assert values[0] > 0.3 > values[1]


def test_each_score_is_explained_in_reasons_that_add_up_to_at_most_the_score():
    mentee = person(
        "e", themes=frozenset({"change leadership"}), profession_group="nurses", cross_unit="same", interests="kuoro"
    )
    mentor = person(
        "m",
        themes=frozenset({"change leadership"}),
        profession_group="nurses",
        interests="kuorolaulu",
        experience_years=9,
    )
    score, reasons = Scorer([mentee], [mentor]).explain(0, 0, top=10)
    codes = {reason.code: reason.details for reason in reasons}
    assert codes["shared_themes"] == ["change leadership"]
    assert codes["same_unit_or_profession"] == ["nurses"]
    assert codes["experience_gap"] == []
    assert codes["shared_interests"] == ["kuoro"]
    assert sum(reason.contribution for reason in reasons) <= score + 1e-6
    assert score == pytest.approx(float(Scorer([mentee], [mentor]).scores(np.array([0]))[0, 0]), abs=1e-6)


def test_weights_change_the_proposal():
    mentee = person("e", themes=frozenset({"x"}), location="Espoo", meeting_mode="in_person")
    themed = person("themed", themes=frozenset({"x"}), location="Turku", meeting_mode="in_person")
    near = person("near", location="Espoo", meeting_mode="in_person")
    by_theme = match_pairs([mentee], [themed, near], Weights(themes=5, meeting=1))
    by_place = match_pairs([mentee], [themed, near], Weights(themes=1, meeting=5))
    assert by_theme.pairs[0].mentor == "themed"
    assert by_place.pairs[0].mentor == "near"
    with pytest.raises(ValueError):
        Weights(themes=-1).normalised()


@st.composite
def rankings(draw):
    mentee_count, mentor_count = draw(st.integers(0, 6)), draw(st.integers(0, 4))
    mentee_prefs = [draw(st.permutations(range(mentor_count))) for _ in range(mentee_count)]
    mentee_prefs = [prefs[: draw(st.integers(0, len(prefs)))] for prefs in mentee_prefs]
    mentor_prefs = [draw(st.permutations(range(mentee_count))) for _ in range(mentor_count)]
    mentor_prefs = [prefs[: draw(st.integers(0, len(prefs)))] for prefs in mentor_prefs]
    capacities = [draw(st.integers(0, 2)) for _ in range(mentor_count)]
    return mentee_prefs, mentor_prefs, capacities


@settings(max_examples=400, deadline=None)
@given(rankings())
def test_the_stable_option_has_no_blocking_pair(ranking):
    mentee_prefs, mentor_prefs, capacities = ranking
    matching = deferred_acceptance_ranked(mentee_prefs, mentor_prefs, capacities)
    for mentor, capacity in enumerate(capacities):
        assert sum(1 for r in matching.values() if r == mentor) <= capacity
    for mentee, mentor in matching.items():
        assert mentor in mentee_prefs[mentee] and mentee in mentor_prefs[mentor]
    for mentee, prefs in enumerate(mentee_prefs):
        current = matching.get(mentee)
        better = prefs if current is None else prefs[: prefs.index(current)]
        for mentor in better:
            if mentee not in mentor_prefs[mentor] or capacities[mentor] == 0:
                continue
            held = [e for e, r in matching.items() if r == mentor]
            has_room = len(held) < capacities[mentor]
            prefers = any(mentor_prefs[mentor].index(mentee) < mentor_prefs[mentor].index(e) for e in held)
            assert not has_room and not prefers, f"blocking pair ({mentee}, {mentor})"


def test_stable_objective_runs_on_scores_and_keeps_the_rules():
    mentees = [person("e1", themes=frozenset({"x"})), person("e2"), person("e3", languages=frozenset({"sv"}))]
    mentors = [person("m1", themes=frozenset({"x"})), person("m2")]
    proposal = match_pairs(mentees, mentors, objective="stable")
    assert {(p.mentee, p.mentor) for p in proposal.pairs} == {("e1", "m1"), ("e2", "m2")}
    assert proposal.unmatched == {"e3": "no_common_language"}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=4, max_size=4)), min_size=2))
def test_values_similarity_is_one_minus_the_mean_difference_over_answered_statements(answers):
    people = [person(f"x{k}", values=tuple(a[0])) for k, a in enumerate(answers)]
    mentees, mentors = people[: len(people) // 2], people[len(people) // 2 :]
    matrix = Scorer(mentees, mentors).criteria(np.arange(len(mentees)))["values"]
    for i, e in enumerate(mentees):
        for j, r in enumerate(mentors):
            both = [abs(a - b) for a, b in zip(e.values, r.values, strict=True) if a is not None and b is not None]
            assert matrix[i, j] == pytest.approx(1 - sum(both) / len(both) / 4 if both else 0.5, abs=1e-5)
