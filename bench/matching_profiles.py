"""Benchmark: the engine from full profiles, scoring included, and group formation.

End to end: seeded random mentees and mentors with every field the application form has
(themes, competences, goals and profile texts in inflected Finnish, interests, values,
experience, languages, supervisor chains, exclusions, locations), scored in blocks, rules
applied, optimal assignment and explanations of the chosen pairs. Groups: mentees into groups
of 3–6 around mentors, once freely and once within profession groups, with the gap to the
proven bound.

    .venv/bin/python bench/matching_profiles.py [--mentees 10000] [--mentors 5000]
        [--group-mentees 300] [--group-mentors 60]
"""

import argparse
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from mentorbank.matching.engine import GroupProblem, Participant, Scorer, form_groups, match_pairs  # noqa: E402

STEMS = [
    "johtami",
    "muutoksi",
    "jaksami",
    "hyvinvoin",
    "perehdyttämi",
    "asiakastyö",
    "viestinn",
    "digitaalis",
    "urasuunnittelu",
    "esihenkilötyö",
    "vuorovaikutukse",
    "ajanhallinna",
    "kehittämi",
    "hoitotyö",
    "opetukse",
    "palveluohjaukse",
    "talou",
    "hankinno",
    "verkostoitumise",
    "palauttee",
    "työyhteisö",
    "osaamise",
    "strategia",
]
ENDINGS = ["nen", "sesta", "seen", "sen", "sta", "ssa", "a", "lla", "n", "iin"]
THEMES = ["new ways of working", "personal goals", "expert role", "career choices", "wellbeing", "change leadership"]
COMPETENCES = [f"competence {k}" for k in range(40)]
HOBBIES = ["kuorolaulu", "kalastus", "suunnistus", "lukeminen", "puutarhanhoito", "hiihto", "shakki", "leivonta"]
PLACES = ["Espoo", "Kauniainen", "Vantaa", "Helsinki", ""]


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(STEMS) + rng.choice(ENDINGS) for _ in range(words))


def people(count: int, prefix: str, rng: random.Random, mentors: bool) -> list[Participant]:
    result = []
    for k in range(count):
        person = f"{prefix}{k}"
        result.append(
            Participant(
                id=person,
                person=person,
                organisation=rng.choice(["city", "city", "region"]),
                unit=f"unit{rng.randrange(300)}",
                profession_group=f"group{rng.randrange(25)}",
                languages=frozenset(rng.sample(["fi", "fi", "fi", "sv", "en"], rng.randint(1, 2))),
                managers=frozenset(f"m{rng.randrange(count)}" for _ in range(rng.randint(0, 3))) - {person},
                excluded=frozenset({f"e{rng.randrange(10 * count)}"}) if rng.random() < 0.05 else frozenset(),
                themes=frozenset(rng.sample(THEMES, rng.randint(1, 3))),
                competences_offered=frozenset(rng.sample(COMPETENCES, rng.randint(2, 6))) if mentors else frozenset(),
                competences_sought=frozenset() if mentors else frozenset(rng.sample(COMPETENCES, rng.randint(1, 4))),
                text=text(rng, 60 if mentors else 30),
                interests=", ".join(rng.sample(HOBBIES, rng.randint(0, 3))),
                experience_years=rng.randint(10, 35) if mentors else rng.randint(0, 15),
                career_stage=rng.randint(0, 4),
                values=tuple(rng.randint(1, 5) for _ in range(6)),
                meeting_mode=rng.choice(["in_person", "remote", "either"]),
                location=rng.choice(PLACES),
                cross_unit=rng.choice(["same", "fine", "preferred"]),
                capacity=rng.randint(1, 3) if mentors else 1,
            )
        )
    return result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def end_to_end(mentee_count: int, mentor_count: int) -> None:
    rng = random.Random(1)
    mentees, mentors = people(mentee_count, "e", rng, False), people(mentor_count, "m", rng, True)
    started = time.perf_counter()
    proposal = match_pairs(mentees, mentors)
    seconds = time.perf_counter() - started
    slots = sum(m.capacity for m in mentors)
    reasons = sum(len(pair.reasons) for pair in proposal.pairs) / max(proposal.matched, 1)
    print(
        f"end to end {mentee_count} mentees x {mentor_count} mentors ({slots} places): seconds={seconds:.2f} "
        f"matched={proposal.matched} total={proposal.total_score:.2f} min={proposal.min_score} "
        f"edges={proposal.edges} left_out={proposal.left_out} proven_optimal={proposal.proven_optimal} "
        f"reasons_per_pair={reasons:.1f} peak_rss_mb={peak_mb():.0f}"
    )


def groups(mentee_count: int, mentor_count: int) -> None:
    rng = random.Random(2)
    mentees, mentors = people(mentee_count, "e", rng, False), people(mentor_count, "m", rng, True)
    matrix = Scorer(mentees, mentors).scores(np.arange(mentee_count))
    scores = {(e.id, m.id): round(float(matrix[i, j]), 4) for i, e in enumerate(mentees) for j, m in enumerate(mentors)}
    professions = {e.id: f"group{rng.randrange(4)}" for e in mentees}
    for label, by_profession in (("any members", {}), ("one profession group", professions)):
        problem = GroupProblem([e.id for e in mentees], {m.id: 1 for m in mentors}, scores, 3, 6, by_profession)
        solution = form_groups(problem, seconds=25)
        sizes = sorted(len(members) for _leader, members in solution.groups)
        print(
            f"groups 3-6, {label}: seconds={solution.seconds:.2f} groups={len(solution.groups)} "
            f"placed={solution.matched}/{mentee_count} sizes={sizes[0] if sizes else 0}-{sizes[-1] if sizes else 0} "
            f"fit={solution.total_score:.3f} bound={solution.upper_bound:.3f} gap={100 * solution.gap:.2f}% "
            f"proven_optimal={solution.optimal}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentees", type=int, default=10000)
    parser.add_argument("--mentors", type=int, default=5000)
    parser.add_argument("--group-mentees", type=int, default=300)
    parser.add_argument("--group-mentors", type=int, default=60)
    args = parser.parse_args()
    end_to_end(args.mentees, args.mentors)
    groups(args.group_mentees, args.group_mentors)


if __name__ == "__main__":
    main()
