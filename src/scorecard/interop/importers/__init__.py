"""Answers from other tools: Cognito Forms, KoboToolbox, LimeSurvey, Google Forms, any sheet.

Each format only says what its columns mean (a :class:`Plan`); one builder
turns every plan into Answers with the same checks and the same messages,
and an :class:`ImportPreview` says what was understood before anything is
stored. Pure: no Django, so the web app calls the same functions.

    result = read_import(Path("kobo.csv"), framework)
    print("\\n".join(result.preview.lines()))
    store(result.answers)
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from scorecard.answers import Answers
from scorecard.interop.catalog import ALLOW_OTHER
from scorecard.interop.errors import fail
from scorecard.interop.importers import (
    canonical,
    cognito,
    gforms,
    kobo,
    limesurvey,
    spreadsheet,
)
from scorecard.interop.importers.build import build
from scorecard.interop.importers.checks import Skipped
from scorecard.interop.importers.detect import detect
from scorecard.interop.importers.labels import profile_reader
from scorecard.interop.importers.mapping import (
    Mapping,
    apply_mapping,
    ignore_columns,
    load_mapping,
)
from scorecard.interop.importers.plans import Planner
from scorecard.interop.importers.preview import ColumnUse, GoalCount, ImportPreview, make_preview
from scorecard.interop.importers.source import ENCODINGS, Source, read_source
from scorecard.interop.importers.suggest import Draft, suggest_mapping
from scorecard.interop.tabular import DEFAULT_MAX_BYTES
from scorecard.method import Framework, default_framework

PLANNERS: dict[str, Planner] = {
    "canonical": canonical.plan,
    "cognito": cognito.plan,
    "kobo": kobo.plan,
    "limesurvey": limesurvey.plan,
    "gforms": gforms.plan,
    "spreadsheet": spreadsheet.plan,
}
FORMATS = ("auto", *PLANNERS)


@dataclass(frozen=True)
class ImportResult:
    """Checked answers and what was understood; nothing has been stored yet."""

    answers: Answers
    preview: ImportPreview

    def against(self, existing: Collection[str]) -> ImportResult:
        """Mark the respondents whose ids an earlier import already stored."""
        return replace(self, preview=self.preview.against(self.answers, existing))


def read_import(
    path: Path,
    framework: Framework | None = None,
    *,
    format: str = "auto",
    mapping: Path | Mapping | None = None,
    encoding: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_other: frozenset[str] = ALLOW_OTHER,
    ignore: Collection[str] = (),
) -> ImportResult:
    """Read, recognise and check a file; raises AnswersFileError naming every problem.

    ``ignore``: columns (as the file names them) left out on purpose, so a column that
    looks like a score but is not one does not stop the import.

    ``allow_other``: profile fields whose answers that match no choice are stored as
    Other (their text kept apart) rather than refused; the edition decides.
    """
    spec = load_mapping(mapping) if isinstance(mapping, Path) else mapping
    source = read_source(path, encoding, spec.header_rows if spec else 1, max_bytes=max_bytes)
    fw = framework or default_framework()
    return import_source(
        source, fw, format=format, mapping=spec, allow_other=allow_other, ignore=ignore
    )


def import_source(
    source: Source,
    framework: Framework,
    *,
    format: str = "auto",
    mapping: Mapping | None = None,
    allow_other: frozenset[str] = ALLOW_OTHER,
    ignore: Collection[str] = (),
) -> ImportResult:
    planner = _planner(source, format, mapping)
    # Every import, the canonical file's too, maps profile answers to the edition's choices.
    plan = replace(planner(source.table, framework), profile=profile_reader(allow_other))
    if mapping is not None:
        plan = apply_mapping(plan, source.table, mapping, framework)
    if ignore:
        plan = ignore_columns(plan, source.table, ignore)
    built = build(source, plan, framework)
    preview = make_preview(source, plan, built, detected=format == "auto")
    return ImportResult(built.answers, preview)


def _planner(source: Source, format: str, mapping: Mapping | None) -> Planner:
    chosen = format
    if chosen == "auto":
        chosen = mapping.format if mapping and mapping.format else detect(source.table.header)
    planner = PLANNERS.get(chosen)
    if planner is None:
        raise fail(
            source.table.name,
            f"unknown format {chosen!r}",
            f"formats are {', '.join(FORMATS)}.",
        )
    return planner


def suggest_file(
    path: Path,
    framework: Framework | None = None,
    *,
    format: str = "auto",
    encoding: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Draft:
    """A draft mapping file for a coordinator to check; reads the file, stores nothing."""
    source = read_source(path, encoding, 1, max_bytes=max_bytes)
    fw = framework or default_framework()
    plan = _planner(source, format, None)(source.table, fw)
    return suggest_mapping(source, plan, fw)


__all__ = [
    "ENCODINGS",
    "FORMATS",
    "PLANNERS",
    "ColumnUse",
    "Draft",
    "GoalCount",
    "ImportPreview",
    "ImportResult",
    "Mapping",
    "Skipped",
    "Source",
    "detect",
    "import_source",
    "load_mapping",
    "read_import",
    "read_source",
    "suggest_file",
]
