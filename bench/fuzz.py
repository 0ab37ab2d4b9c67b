"""Property-based fuzz of the loaders and of `check`, for minutes (the suite runs the same
properties for a few seconds: tests/test_fuzz_properties.py).

    python bench/fuzz.py [--minutes 5] [--seed N]

Each round runs every property on a few hundred fresh examples (hypothesis); a property that
fails prints its smallest failing example and its traceback. Exit 1 if any failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import (  # noqa: E402
    EXERCISES,
    SESSIONS,
    as_yaml,
    exercise_loader_holds,
    generated_exercise,
    generated_session,
    mutated,
    session_check_holds,
    spoiled_text,
    yaml_reader_holds,
)
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROPERTIES = [
    (
        "yaml reader",
        yaml_reader_holds,
        st.one_of(st.text(max_size=400), spoiled_text(SESSIONS + EXERCISES)),
    ),
    (
        "exercise loader",
        exercise_loader_holds,
        st.one_of(
            mutated(EXERCISES).map(as_yaml),
            generated_exercise().map(as_yaml),
            spoiled_text(EXERCISES),
        ),
    ),
    (
        "session check",
        session_check_holds,
        st.one_of(
            mutated(SESSIONS).map(as_yaml), generated_session().map(as_yaml), spoiled_text(SESSIONS)
        ),
    ),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--per-round", type=int, default=300, help="examples per property and round")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    end = time.monotonic() + args.minutes * 60
    counts = {name: 0 for name, _, _ in PROPERTIES}
    failures: list[str] = []
    rounds = 0
    while time.monotonic() < end:
        rounds += 1
        for name, prop, strategy in PROPERTIES:
            if time.monotonic() >= end:
                break

            test = seed(rng.randrange(2**32))(
                settings(
                    max_examples=args.per_round,
                    deadline=None,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                )(given(strategy)(_counted(prop, name, counts)))
            )
            try:
                test()
            except Exception:
                text = traceback.format_exc()
                print(f"--- {name}: FAILED\n{text}", flush=True)
                failures.append(text.strip().splitlines()[-1])
        print(f"round {rounds}: " + ", ".join(f"{n} {c}" for n, c in counts.items()), flush=True)
    total = sum(counts.values())
    print(f"{total} examples in {rounds} rounds; {len(failures)} failures")
    for line in sorted(set(failures)):
        print(f"  {failures.count(line)} x {line}")
    return 1 if failures else 0


def _counted(prop, name, counts):
    def run(value):
        counts[name] += 1
        prop(value)

    return run


if __name__ == "__main__":
    sys.exit(main())
