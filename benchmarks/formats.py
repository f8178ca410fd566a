"""Report formats (issue "The published report"): seconds per format for the 61-respondent
sample and for 10,000 respondents, with the example narrative and validation meetings.

Measured after a warm-up: the format libraries (WeasyPrint, python-pptx, openpyxl)
are loaded first, on another report; benchmarks/cold_start.py times a new process.
Charts are drawn once per report and shared by every format, so they are timed on their
own line and each format after it reuses them; every format is the best of a few runs.
Targets for the sample: HTML <= 1 s, PDF <= 5 s, PPTX <= 3 s, XLSX <= 3 s.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.core import best_of
from scorecard.analysis import Results, analyse
from scorecard.report import RENDERERS, ReportInput, load_meetings, load_narrative
from scorecard.report.charts import draw_charts
from scorecard.sample import SAMPLE_EDITION, sample_answers

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "report" / "fixtures" / "kazakhstan"
LARGE = int(os.environ.get("BENCH_REPORT_RESPONDENTS", "10000"))
TARGETS = {"html": 1.0, "pdf": 5.0, "pptx": 3.0, "xlsx": 3.0}
FORMATS = ("html", "pdf", "pptx", "xlsx", "csv", "json")


def report_input(respondents: int, seed: int = 2022) -> ReportInput:
    results: Results = analyse(sample_answers(respondents, seed), SAMPLE_EDITION)
    narrative = load_narrative(FIXTURE / "narrative", results.framework)
    meetings = load_meetings(FIXTURE / "meetings.toml", results.framework)
    return ReportInput(results, "en", narrative, meetings)


def warm_up(folder: Path) -> None:
    """Load WeasyPrint, python-pptx and openpyxl once, and their fonts."""
    small = report_input(20, seed=1)
    for fmt in FORMATS:
        (folder / f"warm.{fmt}").write_bytes(RENDERERS[fmt](small))


def measure(label: str, inp: ReportInput, folder: Path, runs: int) -> None:
    n = inp.results.profile.n
    charts = best_of(1, lambda: draw_charts(inp.results, inp.language))
    print(f"  {label} ({n} respondents, {len(inp.results.comments)} comments)")
    print(f"    {'charts (once per report)':<26}{charts:8.2f} s")
    for fmt in FORMATS:
        out = folder / f"{label}.{fmt}"
        seconds = best_of(runs, lambda fmt=fmt, out=out: out.write_bytes(RENDERERS[fmt](inp)))  # type: ignore[misc]
        target = TARGETS.get(fmt) if label == "sample" else None
        verdict = "" if target is None else f"  (target <= {target:g} s: "
        if target is not None:
            verdict += "ok)" if seconds <= target else "OVER)"
        size = out.stat().st_size / 1024
        print(f"    {fmt:<26}{seconds:8.2f} s  {size:9.0f} KB{verdict}")


def main() -> None:
    print("report formats: seconds per format, best of runs, after a warm-up")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        warm_up(folder)
        print(f"  warm-up (format libraries): {time.perf_counter() - start:.2f} s")
        measure("sample", report_input(61), folder, runs=3)
        measure(f"{LARGE}", report_input(LARGE), folder, runs=1)


if __name__ == "__main__":
    main()
