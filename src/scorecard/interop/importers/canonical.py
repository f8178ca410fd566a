"""The canonical answers file (DESIGN.md) read by the shared builder.

This plan is the canonical reader: ``read_answers`` (scorecard results, the web
upload) and ``scorecard import --format canonical`` both use it. Strict: a
column that is not canonical is an error, because this layout is the project's
own and a stray column is a mistake, not a tool's metadata; the respondent
column is required. Not labelled: scores are numbers, and sector, gender and
region are kept exactly as written when the platform reads its own file back
(``read_answers``), so it reads back the same; an import maps them to the
edition's choices like any other format's (``import_source``).
"""

from __future__ import annotations

from scorecard.interop.importers.labels import canonical_role
from scorecard.interop.importers.plans import new_plan
from scorecard.interop.importers.roles import Plan
from scorecard.interop.tabular import Table
from scorecard.method import Framework


def plan(table: Table, framework: Framework) -> Plan:
    roles = [canonical_role(name) for name in table.header]
    return new_plan(
        "canonical",
        "canonical answers file",
        roles,
        framework,
        strict=True,
        id_required=True,
        unescape_text=True,
        labelled=False,
    )
