"""Pieces every format's planner shares: the default readers and header recognition."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from scorecard.interop.importers.labels import profile_reader, vocabulary
from scorecard.interop.importers.roles import Meta, Plan, RespondentKey, Role, RowFilter
from scorecard.interop.importers.values import ProfileReader, ScoreReader
from scorecard.interop.tabular import Table
from scorecard.method import Framework

Planner = Callable[[Table, Framework], Plan]


def new_plan(
    format: str,
    label: str,
    roles: Iterable[Role | None],
    framework: Framework,
    codes: Mapping[str, int] | None = None,
    *,
    id_prefix: str = "",
    id_strip: str = "",
    strict: bool = False,
    id_required: bool = False,
    unescape_text: bool = False,
    labelled: bool = True,
    row_filter: RowFilter | None = None,
) -> Plan:
    """A plan with the shared score and profile readers; ``codes`` adds a tool's own codes.

    ``labelled``: answers are the questionnaire's labelled choices in any language, so
    profile answers become the English labels the report groups by. False for the
    canonical file, whose scores are numbers and whose profile text is kept as written
    when the platform reads its own files back (an import maps it, see ``import_source``).
    """
    return Plan(
        format=format,
        label=label,
        roles=tuple(roles),
        scores=ScoreReader(framework.scale, dict(codes or {}), labelled),
        profile=profile_reader() if labelled else ProfileReader.as_written(),
        id_prefix=id_prefix,
        id_strip=id_strip,
        strict=strict,
        id_required=id_required,
        unescape_text=unescape_text,
        row_filter=row_filter,
    )


def recognised(
    table: Table,
    framework: Framework,
    meta: Mapping[str, str] | None = None,
    id_columns: Iterable[str] = (),
    rename: Callable[[str], str] = str,
) -> list[Role | None]:
    """Roles from header text: the first of ``id_columns`` present is the respondent key,
    ``meta`` names columns that are understood and not stored, the rest are recognised."""
    vocab = vocabulary(framework)
    lowered = [h.strip().casefold() for h in table.header]
    key = next((lowered.index(c) for c in id_columns if c in lowered), None)
    roles: list[Role | None] = []
    for index, name in enumerate(lowered):
        if index == key:
            roles.append(RespondentKey())
        elif meta is not None and name in meta:
            roles.append(Meta(meta[name]))
        else:
            roles.append(vocab.recognise(rename(table.header[index])))
    return roles


def filter_rows(table: Table, column: str, skip: Iterable[str], reason: str) -> RowFilter | None:
    lowered = [h.strip().casefold() for h in table.header]
    if column not in lowered:
        return None
    return RowFilter(lowered.index(column), frozenset(s.casefold() for s in skip), reason)
