"""The command-line solver end to end (`python -m mentorbank.matching solve FILE`) on a large file:
writes a problem of `--mentees` × `--degree` edges in the core JSON format, runs the command, and prints
the whole command's seconds beside its solve and its reading, run `--repeat` times on the same file,
and the median ratio (issue 19: at most 1.5 × the solve). With
`--exact`, the same file is also read by the exact reader (`cli.parse`, a Python object per edge), the
way the command read every file before.

    .venv/bin/python bench/matching_cli.py [--mentees 20000] [--mentors 10000] [--degree 100] [--repeat 3] [--exact]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from matching import instance  # noqa: E402


def write(path: Path, mentees: int, mentors: int, degree: int) -> int:
    capacities, edge_mentee, edge_mentor, scores = instance(mentees, mentors, degree, seed=1)
    with path.open("w") as out:
        out.write('{"mentees": ' + json.dumps([f"a{i}" for i in range(mentees)]))
        out.write(', "mentors": ' + json.dumps({f"m{j}": int(c) for j, c in enumerate(capacities)}))
        out.write(', "edges": [')
        out.write(
            ", ".join(
                f'["a{i}", "m{j}", {s}]' for i, j, s in zip(edge_mentee, edge_mentor, scores.tolist(), strict=True)
            )
        )
        out.write("]}")
    return len(scores)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentees", type=int, default=20000)
    parser.add_argument("--mentors", type=int, default=10000)
    parser.add_argument("--degree", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the command on the same file")
    parser.add_argument("--exact", action="store_true", help="also time the exact reader on the same file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "problem.json"
        edges = write(path, args.mentees, args.mentors, args.degree)
        os.sync()  # the file's write-back to disk is the bench's work, not the command's
        print(f"{edges} edges, {path.stat().st_size / 1e6:.0f} MB")
        ratios = [run_once(path) for _ in range(args.repeat)]
        print(f"median of {len(ratios)}: {statistics.median(ratios):.2f} × the solve")
        if args.exact:
            from mentorbank.matching.engine.cli import parse

            started = time.perf_counter()
            parse(path.read_text())
            print(f"the exact reader alone: {time.perf_counter() - started:.2f} s")


def run_once(path: Path) -> float:
    """The whole command's seconds over its solve's."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mentorbank.matching", "solve", str(path)], capture_output=True, text=True, check=True
    )
    whole = time.perf_counter() - started
    result = json.loads(done.stdout)
    print(
        f"command {whole:.2f} s: reading {result['read_seconds']:.2f} s, solve {result['seconds']:.2f} s, "
        f"{whole / result['seconds']:.2f} × the solve; matched {result['matched']}"
    )
    return whole / result["seconds"]


if __name__ == "__main__":
    main()
