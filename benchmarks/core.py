"""Core benchmarks (issue "Core"): results for 1,000,000 respondents against pandas and
DuckDB, and a 100,000-row CSV to results with its peak memory.

Each competitor gets the long format it would naturally hold (one row per answer) and
computes the same per-cell figures (n, mean, sd, median); building that long table is
not timed. Ours is timed end to end: `analyse()` on the stored row layout, every figure
of the Results object including exact means, bands, goals, areas and pillars.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from scorecard.analysis import MISSING, Answers, Categorical, Respondents, analyse
from scorecard.method import default_framework

RESPONDENTS = int(os.environ.get("BENCH_RESPONDENTS", "1000000"))
CSV_ROWS = int(os.environ.get("BENCH_CSV_ROWS", "100000"))


def synthetic_answers(respondents: int, seed: int = 1) -> Answers:
    """About 5 of 17 goals per respondent, 10% of areas 'don't know'."""
    fw = default_framework()
    rng = np.random.default_rng(seed)
    n_goals, n_areas = len(fw.goals), len(fw.areas)
    chosen = rng.random((respondents, n_goals)) < 5 / n_goals
    r, g = np.nonzero(chosen)
    scores = rng.integers(-5, 6, size=(len(r), n_areas), dtype=np.int8)
    scores[rng.random(scores.shape) < 0.1] = MISSING
    blank = Categorical(np.full(respondents, -1, dtype=np.int32), ())
    table = Respondents(
        tuple(str(i) for i in range(respondents)),
        blank,
        blank,
        blank,
        np.full(respondents, -1, dtype=np.int16),
    )
    return Answers(fw, table, r.astype(np.int32), g.astype(np.int16), scores)


def best_of(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def long_table(answers: Answers) -> dict[str, np.ndarray]:
    n_areas = answers.scores.shape[1]
    valid = answers.scores != MISSING
    goal = np.repeat(answers.row_goal, n_areas).reshape(answers.scores.shape)[valid]
    area = np.broadcast_to(np.arange(n_areas, dtype=np.int16), answers.scores.shape)[valid]
    return {"goal": goal, "area": area.astype(np.int16), "value": answers.scores[valid]}


def bench_results() -> None:
    answers = synthetic_answers(RESPONDENTS)
    n_answers = int((answers.scores != MISSING).sum())
    print(f"## Results for {RESPONDENTS:,} respondents ({n_answers:,} answers)")
    ours = best_of(3, lambda: analyse(answers))
    print(f"scorecard analyse(): {ours:.3f} s (best of 3)")
    cols = long_table(answers)
    import pandas as pd

    frame = pd.DataFrame(cols)
    pandas_time = best_of(
        2,
        lambda: frame.groupby(["goal", "area"])["value"].agg(["count", "mean", "std", "median"]),
    )
    print(f"pandas long-format group-by: {pandas_time:.3f} s (best of 2)")
    import duckdb

    con = duckdb.connect()
    con.register("answers", frame)
    sql = (
        "SELECT goal, area, count(*), avg(value), stddev_samp(value), median(value) "
        "FROM answers GROUP BY goal, area"
    )
    duck_time = best_of(2, lambda: con.execute(sql).fetchall())
    print(f"DuckDB group-by: {duck_time:.3f} s (best of 2, {os.cpu_count()} cores)")
    print(f"ratio pandas / scorecard: {pandas_time / ours:.1f}x")
    print(f"ratio DuckDB / scorecard: {duck_time / ours:.1f}x")
    print()


def bench_csv() -> None:
    from scorecard.interop import write_answers_csv

    print(f"## {CSV_ROWS:,}-row canonical CSV to results")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.csv"
        write_answers_csv(synthetic_answers(CSV_ROWS, seed=2), path)
        print(f"file size: {path.stat().st_size / 1e6:.1f} MB")
        # The child reports its own high-water mark (VmHWM belongs to the process image
        # after exec): RUSAGE_CHILDREN would also count the pages it shared with this
        # parent, which holds a million respondents by now, at fork time.
        code = (
            "import sys, time\n"
            "from pathlib import Path\n"
            "from scorecard.interop import read_answers\n"
            "from scorecard.analysis import analyse\n"
            "t = time.perf_counter()\n"
            "a = read_answers(Path(sys.argv[1]))\n"
            "r = analyse(a)\n"
            "took = time.perf_counter() - t\n"
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
            "print(took, int(hwm.split()[1]))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True
        )
        took, peak_kib = out.stdout.split()
        print(f"read + analyse: {float(took):.2f} s (goal <= 10 s)")
        print(
            f"peak memory of the reading process: {int(peak_kib) / 1024:.0f} MB (goal <= 1024 MB)"
        )
    print()


def main() -> None:
    bench_results()
    bench_csv()


if __name__ == "__main__":
    main()
