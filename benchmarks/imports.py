"""Import benchmark (issue "Bring answers in from any tool"): a 100,000-row KoboToolbox export.

The export is what KoboToolbox writes for the questionnaire of `scorecard xlsform` with all
17 goals: `;`-separated, every value quoted, group paths, select_multiple as one column
plus one 1/0 column per goal, Kobo's own columns (222 columns). Each respondent rates
about 5 goals, 10% of areas "don't know", some comments in Russian.

Timed: `read_import()` end to end, i.e. reading, recognising, checking and building
Answers with its preview (no database). Goals: at most 10 s and 1 GB. Measured in a
fresh process that runs the import in its own child, so
`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` is that child's peak and nothing else's.
"""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
GOALS = tuple(range(1, 18))
AREAS = tuple(range(1, 11))
SECTORS = ("ngo", "public_association", "academic", "media", "cbo", "other")
META = ("_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status")
META_TAIL = ("_submitted_by", "__version__", "_tags", "_index")
COMMENT = "Программы хорошо прописаны, но слабо реализуются на местах; нужен бюджет."
ROOT = Path(__file__).resolve().parent.parent  # where `python -m benchmarks.imports` runs
TIME_GOAL_S = 10.0
MEMORY_GOAL_MB = 1024.0


def header() -> list[str]:
    names = ["start", "end", "consent", "profile/sector", "profile/gender", "profile/age"]
    names += ["profile/region", "goals", *(f"goals/{g}" for g in GOALS)]
    for g in GOALS:
        names += [f"sdg{g}/sdg{g}_{a}" for a in AREAS] + [f"sdg{g}/sdg{g}_comment"]
    return [*names, *META, *META_TAIL]


def write_export(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    chosen = rng.random((rows, len(GOALS))) < 5 / len(GOALS)
    scores = rng.integers(-5, 6, size=(rows, len(GOALS), len(AREAS)))
    dont_know = rng.random(scores.shape) < 0.1
    commented = rng.random((rows, len(GOALS))) < 0.05
    text = {v: str(v) for v in range(-5, 6)}
    empty = [""] * (len(AREAS) + 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL)
        writer.writerow(header())
        for i in range(rows):
            picked = [str(g) for g, on in zip(GOALS, chosen[i], strict=True) if on]
            row = ["2024-03-05T10:00:00.000+06:00", "2024-03-05T10:09:00.000+06:00", "OK"]
            row += [SECTORS[i % len(SECTORS)], "female" if i % 2 else "male", str(20 + i % 60)]
            row += ["Almaty", " ".join(picked), *("1" if on else "0" for on in chosen[i])]
            for gi in range(len(GOALS)):
                if not chosen[i, gi]:
                    row += empty
                    continue
                marks = zip(scores[i, gi].tolist(), dont_know[i, gi].tolist(), strict=True)
                row += ["dk" if dk else text[v] for v, dk in marks]
                row.append(COMMENT if commented[i, gi] else "")
            row += [str(i + 1), str(uuid.UUID(int=i + 1)), "2024-03-05T04:09:00", "", ""]
            row += ["submitted_via_web", "", "vQm4gSLdCbVWhL6vNCpj7A", "", str(i + 1)]
            writer.writerow(row)


def worker(path: Path) -> None:
    """The measured child: import and report seconds and respondents on stdout."""
    from scorecard.interop.importers import read_import

    start = time.perf_counter()
    result = read_import(path, max_bytes=1024 * 1024 * 1024)
    elapsed = time.perf_counter() - start
    print(f"{elapsed} {result.preview.respondents} {len(result.answers.scores)}")


def measure(path: Path) -> None:
    """A fresh process whose only child is the worker: its RUSAGE_CHILDREN is the worker's."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.imports", "--worker", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(done.stdout.strip(), peak_kib)


def run(rows: int = ROWS) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kobo-export.csv"
        start = time.perf_counter()
        write_export(path, rows)
        made = time.perf_counter() - start
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.imports", "--measure", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, respondents, answer_rows, peak_kib = done.stdout.split()
        return {
            "rows": rows,
            "columns": len(header()),
            "megabytes": path.stat().st_size / 1e6,
            "generate_seconds": made,
            "import_seconds": float(seconds),
            "respondents": int(respondents),
            "answer_rows": int(answer_rows),
            "peak_megabytes": int(peak_kib) / 1024,
        }


def main() -> None:
    figures = run()
    print(f"## Import of a {figures['rows']:,.0f}-row KoboToolbox export (no database)")
    print(
        f"file: {figures['megabytes']:.1f} MB, {figures['columns']:.0f} columns "
        f"(written in {figures['generate_seconds']:.1f} s, not timed)"
    )
    print(
        f"read_import(): {figures['import_seconds']:.2f} s for {figures['respondents']:,.0f} "
        f"respondents, {figures['answer_rows']:,.0f} respondent x goal rows "
        f"(goal <= {TIME_GOAL_S:.0f} s; {figures['import_seconds'] / TIME_GOAL_S:.2f} of it)"
    )
    print(
        f"peak memory of the importing process: {figures['peak_megabytes']:.0f} MB "
        f"(goal <= {MEMORY_GOAL_MB:.0f} MB; "
        f"{figures['peak_megabytes'] / MEMORY_GOAL_MB:.2f} of it)"
    )
    print()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(Path(sys.argv[2]))
    else:
        main()
