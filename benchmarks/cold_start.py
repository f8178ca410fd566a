"""Cold start (issue 14): `scorecard report` on the sample as a coordinator runs it.

Each run is a new process, so imports, the chart drawing and the format
libraries' start-up are all counted: that is what a person waits for, and
what the warm figures of benchmarks/formats.py leave out. Median of 5 per
format for the 61-respondent sample, against the goals of issue 14; then
one PDF of 10,000 respondents (its printed comments annex is the long part).

Wall time is the goal; the CPU seconds beside it (user + system, of the
child process) tell a slow machine from a slow program when other work
shares the cores.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"html": 1.5, "pdf": 5.0, "pptx": 3.0}
RUNS = int(os.environ.get("BENCH_COLD_RUNS", "5"))
LARGE = int(os.environ.get("BENCH_REPORT_RESPONDENTS", "10000"))
SCORECARD = Path(sys.executable).with_name("scorecard")


def scorecard(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one `scorecard` process, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(SCORECARD), *args], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def sample(folder: Path, respondents: int) -> Path:
    answers = folder / f"answers-{respondents}.csv"
    scorecard("sample", "--out", str(answers), "--respondents", str(respondents))
    return answers


def report(answers: Path, fmt: str, out: Path) -> tuple[float, float]:
    return scorecard("report", str(answers), "--format", fmt, "--out", str(out))


def main() -> None:
    print(f"cold start: `scorecard report`, a new process each run, median of {RUNS}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers = sample(folder, 61)
        for fmt, target in TARGETS.items():
            runs = [report(answers, fmt, folder / f"sample.{fmt}") for _ in range(RUNS)]
            wall = statistics.median(w for w, _cpu in runs)
            cpu = statistics.median(c for _wall, c in runs)
            verdict = "ok" if wall <= target else "OVER"
            print(
                f"  sample {fmt:<5}{wall:7.2f} s wall, {cpu:5.2f} s CPU  "
                f"(target <= {target:g} s: {verdict})"
            )
        large = sample(folder, LARGE)
        wall, cpu = report(large, "pdf", folder / "large.pdf")
        print(f"  {LARGE} respondents pdf {wall:7.2f} s wall, {cpu:5.2f} s CPU  (one cold run)")


if __name__ == "__main__":
    main()
