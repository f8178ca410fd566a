"""Open data: a long CSV of cells (one row per goal x key area) and its data dictionary.

The CSV carries the same unrounded figures as the Results JSON (``repr`` of the
float, so a reader gets the JSON's exact value back) and the framework's own
names, untranslated: it is for machines and for comparing editions.
Text cells are formula-escaped (text.formula_safe), since people open CSV in a
spreadsheet program. The dictionary is generated from ``COLUMNS``, the one
list the writer also follows, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import NamedTuple

from scorecard.analysis import Results
from scorecard.analysis.agreement import CONTESTED_BELOW, CONTESTED_MIN_N
from scorecard.method import Framework
from scorecard.report.inputs import ReportInput
from scorecard.report.tables import csv_bytes
from scorecard.report.text import formula_safe


class Column(NamedTuple):
    name: str
    kind: str
    description: str


COLUMNS = (
    Column("goal", "integer", "SDG number (1-17 in the default framework)."),
    Column("goal_name", "text", "Short name of the goal, as in the framework file."),
    Column("area", "integer", "Key area number (1-10 in the default framework)."),
    Column("area_name", "text", "Name of the key area, as in the framework file."),
    Column("pillar", "text", "Key of the pillar the area belongs to (policy, ...)."),
    Column("n", "integer", "Number of answers in the cell; 'don't know' is not an answer."),
    Column("mean", "number", "Mean of the answers on the answer scale; empty when n = 0."),
    Column(
        "percent",
        "number",
        "(mean - no_progress) / (max - no_progress) x 100; mean x 20 on the -5..+5 scale.",
    ),
    Column("band", "text", "Progress band of the percent (English name, see the method)."),
    Column("sd", "number", "Sample standard deviation (n - 1); empty when n < 2."),
    Column("ci95_low", "number", "Lower end of the 95% Student-t interval of the mean."),
    Column("ci95_high", "number", "Upper end of the 95% Student-t interval of the mean."),
    Column("ci95_low_percent", "number", "ci95_low as percent."),
    Column("ci95_high_percent", "number", "ci95_high as percent."),
    Column("median", "number", "Median of the answers; empty when n = 0."),
    Column("iqr", "number", "Interquartile range in scale points (type 7); empty when n = 0."),
    Column(
        "agreement",
        "number",
        "Van der Eijk's agreement A, -1 (split) to 1 (all agree); empty when n = 0.",
    ),
    Column(
        "contested",
        "boolean",
        f"true when agreement < {float(CONTESTED_BELOW)} with n >= {CONTESTED_MIN_N}, else false.",
    ),
)
COUNT_DESCRIPTION = "Number of answers equal to {value} (one column per scale point)."
JSON_KEYS = (
    (
        "edition",
        "Title, country, year, organisation, synthetic flag, languages; `texts` (title, "
        "country, organisation by language) when the edition gives them per language.",
    ),
    ("method", "Framework name and version, scale, percent rule, bands, thresholds, areas."),
    (
        "respondents",
        "n, respondents who answered, shares by gender, sector, region; ages. Groups under "
        "the suppression threshold are merged into one 'Other (fewer than N)'; see the method.",
    ),
    ("cells", "One object per goal x key area, the same figures as the CSV rows."),
    ("goals", "Per goal: n (respondents), answers, mean, percent, band."),
    ("areas", "Per key area: n (answers), mean, percent, band."),
    ("pillars", "Per pillar: its areas, n (answers), mean, percent, band."),
    ("overall", "The overall score (mean of goal scores), its n and answers."),
    ("range", "Lowest and highest key-area percent and which areas they are."),
    ("key_findings", "Goal numbers above / below the key-finding thresholds."),
    ("comments", "Respondents' comments by goal, anonymous, as written."),
)


def header(framework: Framework) -> list[str]:
    return [c.name for c in COLUMNS] + [f"count_{v}" for v in framework.scale.values]


def _num(value: float | Fraction | None) -> str:
    return "" if value is None else repr(float(value))


def cell_rows(results: Results) -> Iterator[list[str]]:
    """Rows as text, generated one at a time (formpack: exports stream)."""
    fw = results.framework
    goals = {g.number: g.name for g in fw.goals}
    areas = {a.number: a for a in fw.areas}
    for c in results.cells:
        area = areas[c.area]
        ci = c.ci95
        ci_pct = None if ci is None else [fw.scale.percent(Fraction(x)) for x in ci]
        yield [
            str(c.goal),
            formula_safe(goals[c.goal]),
            str(c.area),
            formula_safe(area.name),
            formula_safe(area.pillar),
            str(c.n),
            _num(c.score.mean),
            _num(c.score.percent),
            formula_safe(c.score.band or ""),
            _num(c.sd),
            _num(ci[0] if ci else None),
            _num(ci[1] if ci else None),
            _num(ci_pct[0] if ci_pct else None),
            _num(ci_pct[1] if ci_pct else None),
            _num(c.median),
            _num(c.iqr),
            _num(c.agreement),
            "true" if c.contested else "false",
            *(str(k) for k in c.counts),
        ]


def render_csv(inp: ReportInput) -> bytes:
    return csv_bytes(header(inp.results.framework), cell_rows(inp.results))


def data_dictionary(framework: Framework) -> str:
    lines = [
        "# Open data: data dictionary",
        "",
        "Generated by `scorecard report FILE --format datadict`; a test keeps",
        "docs/open-data.md equal to it.",
        "",
        "## cells.csv (`--format csv`)",
        "",
        "UTF-8, comma-separated, one header row, one row per goal x key area in",
        "framework order. Numbers are unrounded (as in the JSON); an empty field",
        "is a figure that does not exist (no answers, or n < 2 for sd and the",
        "interval). Text that a spreadsheet could run as a formula (starting with",
        "= + - @ or a tab) is prefixed with an apostrophe.",
        "",
        "| column | type | description |",
        "|---|---|---|",
        *(f"| `{c.name}` | {c.kind} | {c.description} |" for c in COLUMNS),
    ]
    for value in framework.scale.values:
        lines.append(f"| `count_{value}` | integer | {COUNT_DESCRIPTION.format(value=value)} |")
    lines += [
        "",
        "## results.json (`--format json`)",
        "",
        "The Results JSON: every figure unrounded, names untranslated.",
        "",
        "Both files are the same whatever the report's language: keys, framework and",
        "band names stay English and numbers are written with a decimal point, so a",
        "program reads one shape. The reports for people (HTML, PDF, slides, workbook)",
        "are the ones in the reader's language (docs/glossary.md).",
        "",
        "| key | contents |",
        "|---|---|",
        *(f"| `{key}` | {text} |" for key, text in JSON_KEYS),
        "",
    ]
    return "\n".join(lines)


def render_datadict(inp: ReportInput) -> bytes:
    return data_dictionary(inp.results.framework).encode("utf-8")
