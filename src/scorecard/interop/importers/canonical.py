"""The canonical answers file (DESIGN.md) read by the shared builder.

Strict as the canonical reader is: a column that is not canonical is an
error, because this layout is the project's own and a stray column is a
mistake, not a tool's metadata.
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
        "canonical", "canonical answers file", roles, framework, strict=True, unescape_text=True
    )
