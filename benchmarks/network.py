"""Network benchmark (issue "Compare"): 20 countries x 5 years x 1,000 respondents.

Timed end to end from Answers: analyse() of all 100 editions, then one
cross-country synthesis per year (goal 3 s). Printed beside it, not in the
goal: comparing each country's first and last year with respondent-level
intervals (analysis/variance.py), and every consecutive pair of years.
Building the synthetic answers is not timed. Prints figures, asserts nothing.
"""

from __future__ import annotations

import os
import time

from benchmarks.core import synthetic_answers
from scorecard.analysis import Answers, Results, analyse, compare, synthesise
from scorecard.method import Edition

COUNTRIES = int(os.environ.get("BENCH_COUNTRIES", "20"))
YEARS = int(os.environ.get("BENCH_YEARS", "5"))
RESPONDENTS = int(os.environ.get("BENCH_NETWORK_RESPONDENTS", "1000"))
GOAL_SECONDS = 3.0


def editions() -> dict[tuple[int, int], tuple[Answers, Edition]]:
    return {
        (c, y): (
            synthetic_answers(RESPONDENTS, seed=1000 * c + y),
            Edition(country=f"Country {c + 1:02d}", year=2020 + y, synthetic=True),
        )
        for c in range(COUNTRIES)
        for y in range(YEARS)
    }


def main() -> None:
    data = editions()
    print(f"## Network: {COUNTRIES} countries x {YEARS} years x {RESPONDENTS:,} respondents")
    start = time.perf_counter()
    results: dict[tuple[int, int], Results] = {k: analyse(a, e) for k, (a, e) in data.items()}
    analysed = time.perf_counter()
    syntheses = [
        synthesise([(f"Country {c + 1:02d}", results[c, y]) for c in range(COUNTRIES)])
        for y in range(YEARS)
    ]
    done = time.perf_counter()
    total = done - start
    verdict = "within" if total <= GOAL_SECONDS else "OVER"
    print(f"analyse() x {len(results)}: {analysed - start:.3f} s")
    print(f"synthesise() x {len(syntheses)} (one per year): {done - analysed:.3f} s")
    print(f"synthesis from answers: {total:.3f} s ({verdict} the {GOAL_SECONDS:.0f} s goal)")
    start = time.perf_counter()
    for c in range(COUNTRIES):
        first, last = (0, YEARS - 1)
        compare(
            results[c, first],
            results[c, last],
            answers=[data[c, first][0], data[c, last][0]],
        )
    first_last = time.perf_counter() - start
    print(f"compare() first vs last year, by respondents, x {COUNTRIES}: {first_last:.3f} s")
    start = time.perf_counter()
    for c in range(COUNTRIES):
        compare(
            *(results[c, y] for y in range(YEARS)), answers=[data[c, y][0] for y in range(YEARS)]
        )
    every = time.perf_counter() - start
    print(f"compare() of all {YEARS} years against the last, x {COUNTRIES}: {every:.3f} s")
    lowest = syntheses[-1].lowest_everywhere()[0]
    print(
        f"lowest median goal in year {YEARS}: SDG {lowest.key} ({float(lowest.median or 0):.1f}%)"
    )


if __name__ == "__main__":
    main()
