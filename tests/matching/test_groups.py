"""Groups of an allowed size around a mentor, and peer pairs: optimal against brute force."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorbank.matching.engine.groups import GroupProblem, co_mentor_pairs, form_groups, peer_pairs


@st.composite
def group_problems(draw):
    mentees = [f"e{i}" for i in range(draw(st.integers(0, 6)))]
    leaders = {f"m{j}": draw(st.integers(0, 1)) for j in range(draw(st.integers(0, 2)))}
    scores = {}
    for mentee, leader in itertools.product(mentees, leaders):
        if draw(st.integers(0, 3)):
            scores[(mentee, leader)] = draw(st.sampled_from([0.0, 0.2, 0.5, 0.7, 1.0]))
    professions = {m: draw(st.sampled_from(["nurse", "teacher"])) for m in mentees} if draw(st.booleans()) else {}
    return GroupProblem(mentees, leaders, scores, min_size=2, max_size=3, profession_groups=professions)


def brute_force(problem):
    best = (0, 0.0)
    options = [
        [None, *(leader for leader in problem.leaders if (m, leader) in problem.scores)] for m in problem.mentees
    ]
    for choice in itertools.product(*options):
        groups = {}
        for mentee, leader in zip(problem.mentees, choice, strict=True):
            if leader is not None:
                groups.setdefault(leader, []).append(mentee)
        if any(problem.leaders[leader] == 0 for leader in groups):
            continue
        if any(not problem.min_size <= len(members) <= problem.max_size for members in groups.values()):
            continue
        if problem.profession_groups and any(
            len({problem.profession_groups[m] for m in members}) > 1 for members in groups.values()
        ):
            continue
        total = sum(problem.scores[(m, leader)] for leader, members in groups.items() for m in members)
        best = max(best, (sum(len(g) for g in groups.values()), round(total, 6)))
    return best


@settings(max_examples=120, deadline=None)
@given(group_problems())
def test_groups_are_of_allowed_size_within_one_profession_and_optimal(problem):
    solution = form_groups(problem, seconds=10)
    for leader, members in solution.groups:
        assert problem.min_size <= len(members) <= problem.max_size
        assert all((m, leader) in problem.scores for m in members)
        if problem.profession_groups:
            assert len({problem.profession_groups[m] for m in members}) == 1
    placed = [m for _leader, members in solution.groups for m in members]
    assert len(placed) == len(set(placed))
    assert solution.optimal
    assert (solution.matched, solution.total_score) == pytest.approx(brute_force(problem), abs=1e-5)
    assert solution.upper_bound >= solution.total_score - 1e-9


def test_a_mentor_with_room_for_two_groups_leads_two():
    mentees = [f"e{i}" for i in range(6)]
    problem = GroupProblem(mentees, {"m": 2}, {(e, "m"): 0.5 for e in mentees}, min_size=3, max_size=3)
    solution = form_groups(problem)
    assert [len(members) for _leader, members in solution.groups] == [3, 3]
    assert solution.gap == 0.0


def test_too_few_mentees_for_the_smallest_group_stay_unplaced():
    problem = GroupProblem(["a", "b"], {"m": 1}, {("a", "m"): 1.0, ("b", "m"): 1.0}, min_size=3, max_size=6)
    solution = form_groups(problem)
    assert solution.groups == [] and solution.unmatched == ["a", "b"]


def test_co_mentors_are_paired_to_cover_different_mentees():
    # m0 and m1 suit the first mentee, m2 and m3 the second: complementary pairs mix them.
    scores = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    pairs = co_mentor_pairs(["m0", "m1", "m2", "m3"], scores)
    assert len(pairs) == 2
    alike = {frozenset({"m0", "m1"}), frozenset({"m2", "m3"})}
    assert {frozenset(pair) for pair in pairs}.isdisjoint(alike)


@st.composite
def peer_problems(draw):
    people = [f"p{i}" for i in range(draw(st.integers(0, 6)))]
    scores = {}
    for a, b in itertools.combinations(people, 2):
        if draw(st.integers(0, 2)):
            scores[(a, b)] = draw(st.sampled_from([0.0, 0.3, 0.6, 1.0]))
    return people, scores


def best_peer_pairing(people, scores):
    best = (0, 0.0)

    def extend(remaining, count, total):
        nonlocal best
        best = max(best, (count, round(total, 6)))
        if not remaining:
            return
        first, rest = remaining[0], remaining[1:]
        extend(rest, count, total)
        for other in rest:
            key = (first, other) if (first, other) in scores else (other, first)
            if key in scores:
                extend([p for p in rest if p != other], count + 1, total + scores[key])

    extend(people, 0, 0.0)
    return best


@settings(max_examples=200, deadline=None)
@given(peer_problems())
def test_peer_pairs_are_the_most_pairs_with_the_best_total(problem):
    people, scores = problem
    pairs = peer_pairs(people, scores)
    used = [p for pair in pairs for p in pair]
    assert len(used) == len(set(used))
    total = sum(scores.get(pair, scores.get(pair[::-1])) for pair in pairs)
    assert (len(pairs), round(total, 6)) == pytest.approx(best_peer_pairing(people, scores))


@settings(max_examples=120, deadline=None)
@given(group_problems())
def test_the_starting_grouping_from_the_local_search_keeps_every_rule(problem):
    from mentorbank.matching.engine import group_search

    found = group_search.search(problem, seconds=5)
    if found is None:
        return
    slots, members = found
    assert all(problem.leaders[leader] >= sum(1 for s in slots if s[0] == leader) for leader, _kind in slots)
    placed = [m for group in members.values() for m in group]
    assert len(placed) == len(set(placed))
    for s, group in members.items():
        leader, kind = slots[s]
        assert problem.min_size <= len(group) <= problem.max_size
        assert all((m, leader) in problem.scores for m in group)
        assert all(kind in ("", problem.profession_groups.get(m, "")) for m in group)


def member(id, **fields):
    from mentorbank.matching.engine import Participant

    return Participant(id=id, person=fields.pop("person", id), **fields)


def test_groups_from_participants_keep_the_rules_and_the_locks():
    from mentorbank.matching.engine import Rules, match_groups

    mentees = [member(f"e{k}", managers=frozenset({"boss"}) if k == 0 else frozenset()) for k in range(7)]
    mentees.append(member("swede", languages=frozenset({"sv"})))
    mentors = [member("boss", themes=frozenset({"x"})), member("m2")]
    proposal = match_groups(mentees, mentors, rules=Rules(locked=(("e3", "m2"),)), min_size=3, max_size=4)
    leaders_of = {p.mentee: group.leaders for group in proposal.groups for p in group.members}
    assert leaders_of.get("e0") != ["boss"]
    assert leaders_of["e3"] == ["m2"]
    assert all(3 <= len(group.members) <= 4 for group in proposal.groups)
    assert proposal.unmatched["swede"] == "no_common_language"
    assert proposal.matched == 7 and proposal.gap < 1e-6


def test_co_mentors_lead_a_group_together_only_where_both_are_allowed():
    from mentorbank.matching.engine import match_groups

    mentees = [member(f"e{k}", excluded=frozenset({"m1"}) if k == 0 else frozenset()) for k in range(4)]
    mentors = [member("m1"), member("m2")]
    proposal = match_groups(mentees, mentors, min_size=3, max_size=6, co_mentoring=True)
    assert [group.leaders for group in proposal.groups] == [["m1", "m2"]]
    assert sorted(p.mentee for p in proposal.groups[0].members) == ["e1", "e2", "e3"]
    assert proposal.unmatched == {"e0": "excluded_by_rules"}


def test_peers_are_paired_only_where_the_rules_allow_both_ways():
    from mentorbank.matching.engine import Rules, match_peers

    people = [
        member("a", excluded=frozenset({"b"})),
        member("b"),
        member("c"),
        member("d", languages=frozenset({"sv"})),
    ]
    pairs, unmatched = match_peers(people, rules=Rules(peer=True))
    assert {(p.mentee, p.mentor) for p in pairs} in ({("a", "c")}, {("b", "c")})
    assert unmatched["d"] == "no_common_language"
    locked, _unmatched = match_peers(people, rules=Rules(peer=True, locked=(("b", "c"),)))
    assert ("b", "c") in {(p.mentee, p.mentor) for p in locked}


@settings(max_examples=60, deadline=None)
@given(group_problems())
def test_groups_are_the_same_for_the_same_input(problem):
    assert form_groups(problem, seconds=10).groups == form_groups(problem, seconds=10).groups


def test_groups_within_a_profession_group_are_led_from_within_it():
    """Kangasala's peer groups: teachers with a teacher, childcarers with a childcarer — even where a
    mentor of the other profession would fit the mentees better."""
    from mentorbank.matching.engine import Rules, match_groups

    teachers = [member(f"t{k}", profession_group="teachers", themes=frozenset({"care"})) for k in range(3)]
    carers = [member(f"c{k}", profession_group="carers", themes=frozenset({"pedagogy"})) for k in range(3)]
    mentors = [
        member("teacher", profession_group="teachers", themes=frozenset({"pedagogy"})),
        member("carer", profession_group="carers", themes=frozenset({"care"})),
    ]
    proposal = match_groups(
        teachers + carers, mentors, rules=Rules(same_profession_groups=True), min_size=2, max_size=4, seconds=5
    )
    led = {p.mentee: group.leaders[0] for group in proposal.groups for p in group.members}
    assert led == {**dict.fromkeys(["t0", "t1", "t2"], "teacher"), **dict.fromkeys(["c0", "c1", "c2"], "carer")}


def piled_up_cohort(mentees=20):
    """Every mentee fits one mentor best: a fit-only objective would give that mentor every group."""
    star = member("star", capacity=5, themes=frozenset({"change"}), text="muutosjohtaminen työhyvinvointi")
    others = [member(f"m{k}", capacity=5) for k in range(4)]
    people = [member(f"e{k}", themes=frozenset({"change"}), text="muutosjohtaminen") for k in range(mentees)]
    return people, [star, *others]


def groups_led(proposal):
    led = {}
    for group in proposal.groups:
        led[group.leaders[0]] = led.get(group.leaders[0], 0) + 1
    return led


def test_each_mentor_leads_one_group_by_default_however_well_one_fits():
    from mentorbank.matching.engine import match_groups

    mentees, mentors = piled_up_cohort()
    proposal = match_groups(mentees, mentors, min_size=3, max_size=4, seconds=6)
    assert groups_led(proposal) == {"star": 1, "m0": 1, "m1": 1, "m2": 1, "m3": 1}
    assert proposal.matched == 20


def test_a_second_group_only_when_every_mentor_who_can_lead_leads_one():
    from mentorbank.matching.engine import match_groups

    mentees, mentors = piled_up_cohort(mentees=24)  # five groups of four hold 20: four are left
    proposal = match_groups(mentees, mentors, min_size=3, max_size=4, groups_per_mentor=2, seconds=8)
    led = groups_led(proposal)
    assert set(led) == {"star", "m0", "m1", "m2", "m3"}, "nobody is left without a group"
    assert max(led.values()) == 2 and proposal.matched == 24
    uneven = match_groups(mentees, mentors, min_size=3, max_size=4, groups_per_mentor=2, even=False, seconds=8)
    assert len(groups_led(uneven)) < 5, "fit alone leaves a mentor out: the rule above is what keeps them in"


def test_the_coordinator_may_let_the_best_fitting_mentor_lead_several():
    from mentorbank.matching.engine import match_groups

    mentees, mentors = piled_up_cohort()
    proposal = match_groups(mentees, mentors, min_size=3, max_size=4, groups_per_mentor=5, even=False, seconds=6)
    assert groups_led(proposal)["star"] > 1
